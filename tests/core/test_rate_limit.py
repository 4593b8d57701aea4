"""Sign-in attempts are rate limited per address: in memory by default, in Redis when set."""

import os
import uuid

import pytest
import redis

from tests import factories

REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_up() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


def _attempts(client, n, lang="en"):
    data = {"identifier": "nobody@example.org", "password": "not the password"}
    headers = {"Accept-Language": lang}
    return [client.post("/login", data=data, headers=headers) for _ in range(n)]


@pytest.fixture(params=["memory", "redis"])
def limited_app(request, make_app):
    storage = "memory://"
    if request.param == "redis":
        if not _redis_up():
            message = "Redis is not running on 127.0.0.1:6379 (.ci/run starts it)"
            if os.environ.get("STORYHUB_REQUIRE_REDIS") == "1":
                pytest.fail(message)
            pytest.skip(message)
        storage = REDIS_URL
    return make_app(
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI=storage,
        RATELIMIT_KEY_PREFIX=f"test-{uuid.uuid4().hex[:8]}",
        LOGIN_RATE_LIMIT="3 per minute",
    )


def test_too_many_sign_in_attempts_get_the_friendly_429_page(limited_app):
    client = limited_app.test_client()
    first = _attempts(client, 3)
    assert [page.status_code for page in first] == [200, 200, 200]
    [blocked] = _attempts(client, 1)
    assert blocked.status_code == 429
    assert b"Too many attempts" in blocked.data and b'<html lang="en"' in blocked.data
    assert "Retry-After" in blocked.headers


def test_the_429_page_speaks_french_too(limited_app):
    client = limited_app.test_client()
    pages = _attempts(client, 4, lang="fr")
    assert pages[-1].status_code == 429
    assert "Trop de tentatives" in pages[-1].get_data(as_text=True)


def test_reading_the_sign_in_page_is_not_limited(limited_app):
    client = limited_app.test_client()
    _attempts(client, 3)
    assert client.get("/login").status_code == 200


def test_successful_sign_ins_never_count(limited_app):
    with limited_app.app_context():
        educator = factories.make_educator()
        email = educator.email
    client = limited_app.test_client()
    _attempts(client, 2)
    right = {"identifier": email, "password": factories.PASSWORD}
    for _ in range(3):
        assert limited_app.test_client().post("/login", data=right).status_code == 302
    [third_failure] = _attempts(client, 1)
    assert third_failure.status_code == 200


def test_limits_are_off_in_the_other_tests(client):
    assert all(page.status_code == 200 for page in _attempts(client, 12))
