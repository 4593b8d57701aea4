"""CSRF is really enforced when it is on (tests turn it off elsewhere for brevity)."""

import re

import pytest

from tests import factories

EN = {"Accept-Language": "en"}


@pytest.fixture
def csrf_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


def _token(page) -> str:
    return (
        re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page.data).group(1).decode()
    )


def test_a_post_without_the_token_is_refused(csrf_on, client, educator):
    page = client.post(
        "/login", data={"identifier": educator.email, "password": factories.PASSWORD}, headers=EN
    )
    assert page.status_code == 400
    assert b"This form has expired" in page.data
    assert client.get("/dashboard").status_code == 302  # still signed out


def test_a_post_with_a_wrong_token_is_refused(csrf_on, client, educator):
    client.get("/login")
    page = client.post(
        "/login",
        data={"identifier": educator.email, "password": factories.PASSWORD, "csrf_token": "x"},
    )
    assert page.status_code == 400


def test_a_post_with_the_token_of_the_form_goes_through(csrf_on, client, educator):
    token = _token(client.get("/login"))
    page = client.post(
        "/login",
        data={"identifier": educator.email, "password": factories.PASSWORD, "csrf_token": token},
    )
    assert page.status_code == 302 and page.headers["Location"] == "/dashboard"


def test_the_language_switch_and_sign_out_carry_a_token(csrf_on, as_user, educator):
    client = as_user(educator)
    page = client.get("/dashboard")
    assert client.post("/logout").status_code == 400
    tokens = re.findall(rb'name="csrf_token" value="([^"]+)"', page.data)
    assert len(tokens) >= 2  # the language switch and the sign-out button
    assert client.post("/logout", data={"csrf_token": tokens[0].decode()}).status_code == 302


@pytest.mark.parametrize(
    "url, who",
    [
        ("/login", None),
        ("/signup", None),
        ("/join", None),
        ("/password/forgot", None),
        ("/account/password", "educator"),
        ("/groups/new", "educator"),
        ("/territories/new", "admin_user"),
    ],
)
def test_every_form_carries_a_token(request, csrf_on, client, as_user, url, who):
    if who:
        client = as_user(request.getfixturevalue(who))
    page = client.get(url)
    assert page.status_code == 200
    forms = page.get_data(as_text=True).split("<form")[1:]
    assert len(forms) >= 2  # the page's form and the language switch
    if not who:  # a visitor's language switch carries no token (public pages set no cookie)
        forms = [form for form in forms if 'class="lang-switch"' not in form.split(">")[0]]
        assert len(forms) >= 1
    assert all('name="csrf_token"' in form.split("</form>")[0] for form in forms)


def test_a_visitor_switches_the_language_without_a_token(csrf_on, client):
    response = client.post("/language", data={"locale": "en", "next": "/explore"})
    assert response.status_code == 302 and response.headers["Location"] == "/explore"
    assert b'<html lang="en"' in client.get("/explore").data


def test_a_signed_in_language_switch_needs_its_token(csrf_on, as_user, educator):
    client = as_user(educator)
    assert client.post("/language", data={"locale": "en"}).status_code == 400
    token = re.findall(rb'name="csrf_token" value="([^"]+)"', client.get("/dashboard").data)[0]
    response = client.post("/language", data={"locale": "en", "csrf_token": token.decode()})
    assert response.status_code == 302
