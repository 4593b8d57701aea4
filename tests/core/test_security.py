"""Hostile or broken input gets a calm 400/404/413, never a 500; redirects stay on the site."""

import pytest

from storyhub.core.security import is_safe_next

EN = {"Accept-Language": "en"}


@pytest.mark.db_independent
@pytest.mark.parametrize(
    "target, safe",
    [
        ("/groups/", True),
        ("/groups/3?tab=roster#members", True),
        ("", False),
        (None, False),
        ("groups", False),
        ("//evil.example", False),
        ("///evil.example", False),
        ("/\\evil.example", False),
        ("https://evil.example/", False),
        ("http:evil.example", False),
        ("javascript:alert(1)", False),
        ("/\x00", False),
        ("/\nLocation: x", False),
    ],
)
def test_only_paths_of_this_site_are_safe_redirects(target, safe):
    assert is_safe_next(target) is safe


@pytest.mark.parametrize(
    "method, url, data",
    [
        ("get", "/?q=%00", None),
        ("post", "/login", {"identifier": "lea\x00", "password": "x"}),
        ("post", "/join", {"join_code": "ABCD\x00EFGH", "username": "x"}),
        ("post", "/password/forgot", {"email": "a\x00@b.org"}),
    ],
)
def test_a_nul_byte_is_a_bad_request_not_a_crash(client, method, url, data):
    page = getattr(client, method)(url, data=data, headers=EN)
    assert page.status_code == 400
    assert b"Bad request" in page.data


@pytest.mark.parametrize("url", ["/groups/99999999999999999999", "/groups/2147483648/edit"])
def test_an_id_no_row_can_have_is_a_404(as_user, educator, url):
    assert as_user(educator).get(url).status_code == 404


def test_a_too_large_plain_form_post_gets_the_413_page(client):
    page = client.post("/login", data={"identifier": "x" * 600_000, "password": "y"}, headers=EN)
    assert page.status_code == 413
    assert b"File too large" in page.data and b'<html lang="en"' in page.data


def test_a_too_large_text_field_in_a_multipart_post_gets_the_413_page(client):
    page = client.post(
        "/login",
        data={"identifier": "x" * 600_000, "password": "y"},
        content_type="multipart/form-data",
        headers=EN,
    )
    assert page.status_code == 413


def test_a_body_over_max_content_length_gets_the_413_page(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1000)
    page = client.post(
        "/login", data={"identifier": "x" * 2000}, content_type="multipart/form-data", headers=EN
    )
    assert page.status_code == 413


def test_an_ordinary_form_post_is_not_too_large(client):
    page = client.post("/login", data={"identifier": "x" * 200, "password": "y"}, headers=EN)
    assert page.status_code == 200


def test_broken_utf8_in_a_form_is_not_a_crash(client):
    page = client.post(
        "/login",
        data=b"identifier=\xff\xfe&password=%ff",
        content_type="application/x-www-form-urlencoded",
    )
    assert page.status_code == 200


def test_strict_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_session_cookie_is_http_only_and_same_site(client):
    client.get("/login")  # the CSRF token for the forms puts something in the session
    page = client.post("/language", data={"locale": "en", "next": "/"})
    cookies = page.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    assert "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie
