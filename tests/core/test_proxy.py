"""Behind a reverse proxy: the client's address and scheme come from the trusted proxy only."""

import uuid

import pytest

EN = {"Accept-Language": "en"}
BAD = {"identifier": "nobody@example.org", "password": "not the password"}


@pytest.fixture
def proxied_app(make_app):
    return make_app(
        RATELIMIT_ENABLED=True,
        RATELIMIT_KEY_PREFIX=f"t-{uuid.uuid4().hex[:8]}",
        LOGIN_RATE_LIMIT="3 per minute",
        LOGIN_FREE_FAILURES=100,
        TRUSTED_PROXIES=1,
    )


def _fail(app, client_address, **headers):
    headers = {**EN, "X-Forwarded-For": client_address, **headers}
    return app.test_client().post("/login", data=BAD, headers=headers).status_code


def test_limits_are_per_client_behind_one_trusted_proxy(proxied_app):
    assert [_fail(proxied_app, "203.0.113.7") for _ in range(4)] == [200, 200, 200, 429]
    assert _fail(proxied_app, "203.0.113.8") == 200  # another pupil behind the same proxy


def test_a_forged_header_before_the_proxy_does_not_escape_the_limit(proxied_app):
    # The proxy appends the real client; only the last hop is believed.
    codes = [_fail(proxied_app, f"10.9.9.{n}, 203.0.113.7") for n in range(4)]
    assert codes == [200, 200, 200, 429]


def test_without_trusted_proxies_forwarded_headers_are_ignored(make_app):
    app = make_app(
        RATELIMIT_ENABLED=True,
        RATELIMIT_KEY_PREFIX=f"t-{uuid.uuid4().hex[:8]}",
        LOGIN_RATE_LIMIT="3 per minute",
        LOGIN_FREE_FAILURES=100,
    )
    codes = [_fail(app, f"203.0.113.{n}") for n in range(4)]
    assert codes == [200, 200, 200, 429]
    page = app.test_client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in page.headers


def test_hsts_and_https_links_when_the_proxy_says_https(proxied_app):
    client = proxied_app.test_client()
    headers = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}
    page = client.get("/", headers={**headers, "X-Forwarded-Host": "storyhub.example"})
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")
    api = client.get("/api/v1/", headers={**headers, "X-Forwarded-Host": "storyhub.example"})
    assert api.status_code == 200
    assert api.json["data"]["openapi"].startswith("https://storyhub.example/")
    plain = client.get("/", headers={"X-Forwarded-For": "203.0.113.7"})
    assert "Strict-Transport-Security" not in plain.headers


def test_reset_mail_links_are_https_behind_a_tls_proxy(proxied_app):
    from storyhub.extensions import db
    from tests import factories

    with proxied_app.app_context():
        email = factories.make_educator().email
        headers = {
            "X-Forwarded-For": "203.0.113.7",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "storyhub.example",
        }
        proxied_app.test_client().post("/password/forgot", data={"email": email}, headers=headers)
        [mail] = proxied_app.extensions["storyhub_outbox"][-1:]
        assert "https://storyhub.example/password/reset/" in mail.get_content()
        db.session.remove()


def test_digest_links_use_server_name_and_scheme_outside_requests(make_app):
    from storyhub.notifications.digest import default_base_url

    app = make_app(SERVER_NAME="storyhub.example", PREFERRED_URL_SCHEME="https")
    with app.app_context():
        assert default_base_url() == "https://storyhub.example"
