"""The interface language: the browser's, then the person's choice, remembered."""

import re

import pytest

from storyhub.accounts.models import User
from storyhub.extensions import db
from tests import factories

FR = {"Accept-Language": "fr-FR,fr;q=0.9"}


def _lang(page):
    text = page.get_data(as_text=True)
    return text.split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize(
    "header, lang",
    [("fr-FR,fr;q=0.9", "fr"), ("en-GB,en;q=0.9", "en"), ("de-DE,de;q=0.9", "fr"), ("", "fr")],
)
def test_the_browser_language_is_used_first(client, header, lang):
    assert _lang(client.get("/login", headers={"Accept-Language": header})) == lang


def test_without_a_browser_language_the_sites_default_is_used(app, client, monkeypatch):
    """The default language is a setting: a browser that names none gets it, whatever the
    default was when such a browser last came (the choice is worked out once per header)."""
    assert _lang(client.get("/login", headers={"Accept-Language": "de-DE"})) == "fr"
    monkeypatch.setitem(app.config, "BABEL_DEFAULT_LOCALE", "en")
    assert _lang(client.get("/login", headers={"Accept-Language": "de-DE"})) == "en"


def test_switching_language_is_remembered_in_the_session_and_a_cookie(client):
    page = client.post("/language", data={"locale": "en", "next": "/join"}, headers=FR)
    assert page.status_code == 302 and page.headers["Location"] == "/join"
    assert "locale=en" in " ".join(page.headers.getlist("Set-Cookie"))
    english = client.get("/join", headers=FR)
    assert _lang(english) == "en" and b"Join my group" in english.data


def test_the_cookie_alone_brings_the_choice_back(app):
    client = app.test_client()
    client.set_cookie("locale", "en")
    assert _lang(client.get("/", headers=FR)) == "en"


def test_a_signed_in_persons_choice_is_saved_on_their_account(as_user, educator):
    as_user(educator).post("/language", data={"locale": "en", "next": "/dashboard"}, headers=FR)
    assert db.session.get(User, educator.id).locale == "en"


def test_the_saved_choice_follows_the_person_to_a_new_device(app, educator):
    educator.locale = "en"
    db.session.commit()
    other_device = app.test_client()
    page = other_device.post(
        "/login",
        data={"identifier": educator.email, "password": factories.PASSWORD},
        headers=FR,
        follow_redirects=True,
    )
    assert _lang(page) == "en"


def test_an_unknown_language_changes_nothing(client):
    page = client.post("/language", data={"locale": "de", "next": "/"}, headers=FR)
    assert "locale=" not in " ".join(page.headers.getlist("Set-Cookie"))
    assert _lang(client.get("/", headers=FR)) == "fr"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", ""])
def test_the_switch_never_sends_off_site(client, target):
    page = client.post("/language", data={"locale": "en", "next": target})
    assert page.headers["Location"] == "/"


def test_the_switch_returns_to_the_page_with_its_query(client):
    page = client.get("/join?code=ABCDEFGH", headers=FR)
    assert b'name="next" value="/join?code=ABCDEFGH"' in page.data


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_switch_marks_the_current_language(client, lang):
    page = client.get("/", headers={"Accept-Language": lang}).get_data(as_text=True)
    assert re.search(rf'value="{lang}"[^>]*aria-pressed="true"', page)
    other = "en" if lang == "fr" else "fr"
    assert re.search(rf'value="{other}"[^>]*aria-pressed="false"', page)


def test_a_choice_made_before_signing_in_is_saved_on_the_account(client, educator):
    client.post("/language", data={"locale": "en", "next": "/login"}, headers=FR)
    client.post("/login", data={"identifier": educator.email, "password": factories.PASSWORD})
    assert db.session.get(User, educator.id).locale == "en"


def test_the_latest_choice_wins_over_the_saved_one(client, educator):
    educator.locale = "fr"
    db.session.commit()
    client.post("/language", data={"locale": "en", "next": "/login"}, headers=FR)
    page = client.post(
        "/login",
        data={"identifier": educator.email, "password": factories.PASSWORD},
        headers=FR,
        follow_redirects=True,
    )
    assert _lang(page) == "en"
    assert db.session.get(User, educator.id).locale == "en"


def test_without_a_choice_on_this_device_signing_in_keeps_the_saved_one(client, educator):
    educator.locale = "en"
    db.session.commit()
    client.post("/login", data={"identifier": educator.email, "password": factories.PASSWORD})
    assert db.session.get(User, educator.id).locale == "en"
