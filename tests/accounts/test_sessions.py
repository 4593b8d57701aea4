"""Revocable sessions: a reset, a password change or a sign-out ends every copy of the cookies."""

import time

import pytest

from storyhub.extensions import db
from tests import factories
from tests.conftest import FreshGlobalsClient

EN = {"Accept-Language": "en"}
PASSWORD = factories.PASSWORD


def _sign_in(app, user, remember=True):
    """A browser signed in through the form; returns it."""
    browser = _browser(app)
    identifier = user.username or user.email
    data = {"identifier": identifier, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    answer = browser.post("/login", data=data, headers=EN)
    assert answer.status_code == 302, answer.data
    return browser


def _browser(app):
    app.test_client_class = FreshGlobalsClient
    return app.test_client()


def _copy(app, browser, names=("session", "remember_token")):
    """A second browser holding a copy of the given cookies (what a thief would keep)."""
    thief = _browser(app)
    for name in names:
        cookie = browser.get_cookie(name)
        assert cookie is not None, name
        thief.set_cookie(name, cookie.value)
    return thief


def _signed_in(browser) -> bool:
    return browser.get("/dashboard", headers=EN).status_code == 200


def test_session_cookie_has_no_expiry_without_remember_me(app, young):
    browser = _sign_in(app, young, remember=False)
    assert browser.get_cookie("session").expires is None
    assert browser.get_cookie("remember_token") is None


def test_remember_me_lasts_fourteen_days_for_a_young_person(app, young):
    browser = _sign_in(app, young, remember=True)
    assert browser.get_cookie("session").expires is None
    remember = browser.get_cookie("remember_token")
    days = (remember.expires.timestamp() - time.time()) / 86400
    assert 13.9 < days <= 14.01


def test_remember_me_lasts_thirty_days_for_an_adult(app, educator):
    remember = _sign_in(app, educator, remember=True).get_cookie("remember_token")
    days = (remember.expires.timestamp() - time.time()) / 86400
    assert 29.9 < days <= 30.01


@pytest.mark.parametrize("cookies", [("session",), ("remember_token",)])
def test_a_copied_cookie_signs_in_while_nothing_changed(app, young, cookies):
    browser = _sign_in(app, young)
    assert _signed_in(_copy(app, browser, cookies))


def test_a_remember_cookie_older_than_fourteen_days_is_refused(app, young, monkeypatch):
    browser = _sign_in(app, young)
    thief = _copy(app, browser, ("remember_token",))
    later = time.time() + 15 * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    assert not _signed_in(thief)


@pytest.mark.parametrize("cookies", [("session",), ("remember_token",)])
def test_educator_reset_ends_the_old_sessions(app, young, educator, as_user, cookies):
    browser = _sign_in(app, young)
    thief = _copy(app, browser, cookies)
    group = young.group
    answer = as_user(educator).post(f"/groups/{group.id}/members/{young.id}/password")
    assert answer.status_code == 200
    assert not _signed_in(thief)
    assert not _signed_in(browser)


@pytest.mark.parametrize("cookies", [("session",), ("remember_token",)])
def test_password_change_ends_the_other_sessions_not_this_one(app, young, cookies):
    browser = _sign_in(app, young)
    thief = _copy(app, browser, cookies)
    new = "another good password"
    answer = browser.post(
        "/account/password",
        data={"current": PASSWORD, "password": new, "confirm": new},
        headers=EN,
        follow_redirects=True,
    )
    assert b"signed out on your other devices" in answer.data
    assert _signed_in(browser)
    assert not _signed_in(thief)


@pytest.mark.parametrize(
    "cookies", [("session",), ("remember_token",), ("session", "remember_token")]
)
def test_reset_link_ends_the_old_sessions(app, educator, cookies):
    from storyhub.accounts.services import make_reset_token

    browser = _sign_in(app, educator)
    thief = _copy(app, browser, cookies)
    new = "a brand new long password"
    answer = _browser(app).post(
        f"/password/reset/{make_reset_token(educator)}", data={"password": new, "confirm": new}
    )
    assert answer.status_code == 302
    assert not _signed_in(thief)


@pytest.mark.parametrize(
    "cookies", [("session",), ("remember_token",), ("session", "remember_token")]
)
def test_a_cookie_copied_before_sign_out_is_refused_after_it(app, young, cookies):
    browser = _sign_in(app, young)
    thief = _copy(app, browser, cookies)
    answer = browser.post("/logout", headers=EN, follow_redirects=True)
    assert b"signed out, on every device" in answer.data
    assert not _signed_in(thief)


def test_educator_signs_a_young_person_of_their_group_out_everywhere(app, young, educator, as_user):
    browser = _sign_in(app, young)
    group = young.group
    answer = as_user(educator).post(
        f"/groups/{group.id}/members/{young.id}/sign-out", headers=EN, follow_redirects=True
    )
    assert answer.status_code == 200
    assert b"is signed out on every device" in answer.data
    assert not _signed_in(browser)


def test_another_educator_cannot_sign_a_young_person_out(app, young, as_user):
    browser = _sign_in(app, young)
    other = factories.make_educator()
    factories.make_group(other)
    group = young.group
    answer = as_user(other).post(f"/groups/{group.id}/members/{young.id}/sign-out", headers=EN)
    assert answer.status_code == 403
    assert _signed_in(browser)
    db.session.refresh(young)
    assert young.session_version == 0


def test_a_young_person_cannot_sign_a_classmate_out(app, young, as_user):
    classmate = factories.make_young(young.group)
    browser = _sign_in(app, classmate)
    group = young.group
    answer = as_user(young).post(f"/groups/{group.id}/members/{classmate.id}/sign-out")
    assert answer.status_code == 403
    assert _signed_in(browser)
