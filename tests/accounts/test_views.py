"""Sign-up, sign-in, sign-out, passwords: what a person sees in the browser."""

import re

import pytest

from storyhub.accounts.models import User
from storyhub.extensions import db
from tests import factories

EN = {"Accept-Language": "en"}
GOOD = "un long chemin vers la mer"


def _user(email):
    return db.session.scalar(db.select(User).filter_by(email=email))


def _signup(client, **changes):
    data = {
        "display_name": "Nadia Benali",
        "email": "nadia@school.example",
        "organisation": "Collège Rosa Parks",
        "password": GOOD,
        "confirm": GOOD,
    }
    data.update(changes)
    return client.post("/signup", data=data, headers=EN, follow_redirects=True)


def _sign_in(client, email="nadia@school.example", password=GOOD):
    data = {"identifier": email, "password": password}
    return client.post("/login", data=data, headers=EN, follow_redirects=True)


def test_educator_signs_up_and_is_told_the_account_waits(app, client):
    page = _signup(client)
    assert page.status_code == 200
    assert b"We have sent a message to this address" in page.data
    assert _user("nadia@school.example").is_pending
    assert app.extensions["storyhub_outbox"][-1]["To"] == "nadia@school.example"
    space = _sign_in(client)
    assert b"waiting for verification" in space.data


def test_pending_educator_is_not_offered_group_creation(client):
    _signup(client)
    page = _sign_in(client)
    assert page.status_code == 200 and b"waiting for verification" in page.data
    assert b'href="/groups/new"' not in page.data


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"password": "password123", "confirm": "password123"}, b"too common"),
        ({"password": "court", "confirm": "court"}, b"at least 10"),
        ({"confirm": "something else entirely"}, b"The two passwords differ"),
        ({"email": "not an email"}, b"valid email"),
        ({"display_name": "N" * 81}, b"Field cannot be longer than 80 characters"),
        ({"display_name": ""}, b"This field is required"),
    ],
)
def test_signup_errors_keep_what_was_typed_except_passwords(client, changes, message):
    page = _signup(client, **changes)
    assert page.status_code == 200
    assert message in page.data
    assert b'value="Coll\xc3\xa8ge Rosa Parks"' in page.data
    assert GOOD.encode() not in page.data
    assert _user("nadia@school.example") is None


def test_signup_answers_the_same_for_a_taken_email_and_tells_its_owner(app, client, educator):
    new = _signup(client, email="new@school.example")
    taken = _signup(client, email=educator.email.upper())
    assert taken.status_code == new.status_code == 200
    assert b"already uses" not in taken.data
    strip = re.compile(rb'value="[^"]*"')
    assert strip.sub(b"", taken.data) == strip.sub(b"", new.data)
    owner_mail = app.extensions["storyhub_outbox"][-1]
    assert owner_mail["To"] == educator.email
    assert "You already have one" in owner_mail.get_content()
    assert db.session.scalar(db.select(db.func.count(User.id)).filter_by(email=educator.email)) == 1
    assert _sign_in(client, educator.email, GOOD).request.path == "/login"  # password unchanged


def test_the_same_message_for_unknown_user_and_wrong_password(client, educator):
    wrong = client.post(
        "/login", data={"identifier": educator.email, "password": "nope"}, headers=EN
    )
    unknown = client.post(
        "/login", data={"identifier": "who@x.org", "password": "nope"}, headers=EN
    )
    message = b"Wrong username, email or password."
    assert message in wrong.data and message in unknown.data
    strip = re.compile(rb'value="[^"]*"')
    assert strip.sub(b"", wrong.data) == strip.sub(b"", unknown.data)


def test_login_keeps_the_identifier_not_the_password(client):
    page = client.post("/login", data={"identifier": "lea.bor", "password": "secret-pass"})
    assert b'value="lea.bor"' in page.data
    assert b"secret-pass" not in page.data


def test_young_person_signs_in_with_username(client, young):
    page = client.post(
        "/login", data={"identifier": young.username, "password": factories.PASSWORD}
    )
    assert page.status_code == 302
    assert page.headers["Location"] == "/dashboard"
    assert client.get("/dashboard").status_code == 200


@pytest.mark.parametrize("target", ["/groups/", "/territories/?page=2"])
def test_login_goes_to_next_on_this_site(client, educator, target):
    page = client.post(
        "/login?next=" + target, data={"identifier": educator.email, "password": factories.PASSWORD}
    )
    assert page.headers["Location"] == target


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "///evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "/\tevil",
        "groups",
    ],
)
def test_login_never_redirects_off_site(client, educator, target):
    page = client.post(
        "/login",
        data={"identifier": educator.email, "password": factories.PASSWORD, "next": target},
    )
    assert page.status_code == 302
    assert page.headers["Location"] == "/dashboard"


def test_protected_page_sends_to_login_and_back(client, educator):
    page = client.get("/groups/")
    assert page.status_code == 302
    assert page.headers["Location"] == "/login?next=%2Fgroups%2F"
    back = client.post(
        page.headers["Location"],
        data={"identifier": educator.email, "password": factories.PASSWORD},
    )
    assert back.headers["Location"] == "/groups/"


def test_logout_needs_a_post(as_user, educator):
    client = as_user(educator)
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 302
    assert client.get("/dashboard").status_code == 302


def test_change_password(as_user, educator):
    client = as_user(educator)
    data = {
        "current": factories.PASSWORD,
        "password": "another long one",
        "confirm": "another long one",
    }
    page = client.post("/account/password", data=data, headers=EN, follow_redirects=True)
    assert b"Your password has been changed" in page.data
    client.post("/logout")
    ok = client.post("/login", data={"identifier": educator.email, "password": "another long one"})
    assert ok.status_code == 302


def test_change_password_with_a_wrong_current_one(as_user, educator):
    client = as_user(educator)
    data = {"current": "wrong", "password": "another long one", "confirm": "another long one"}
    page = client.post("/account/password", data=data, headers=EN)
    assert b"The current password is not correct" in page.data


def test_young_person_can_choose_an_eight_character_password(as_user, young):
    client = as_user(young)
    data = {"current": factories.PASSWORD, "password": "mangue42", "confirm": "mangue42"}
    page = client.post("/account/password", data=data, headers=EN)
    assert page.status_code == 302


def test_educator_resets_by_email_written_to_the_log(app, client, educator, caplog):
    caplog.set_level("WARNING")
    page = client.post(
        "/password/forgot", data={"email": educator.email}, headers=EN, follow_redirects=True
    )
    assert b"If an account uses this address" in page.data
    [mail] = app.extensions["storyhub_outbox"]
    assert mail["To"] == educator.email
    assert educator.email in caplog.text  # no MAIL_SERVER: the mail is in the log
    link = re.search(r"http://localhost(/password/reset/\S+)", mail.get_content()).group(1)
    form = client.get(link, headers=EN)
    assert b"Choose a new password" in form.data
    done = client.post(link, data={"password": "la mer est calme", "confirm": "la mer est calme"})
    assert done.headers["Location"] == "/login"
    again = client.get(link, headers=EN, follow_redirects=True)
    assert b"invalid or has expired" in again.data  # the link works once
    ok = client.post("/login", data={"identifier": educator.email, "password": "la mer est calme"})
    assert ok.status_code == 302


def test_forgot_password_says_the_same_for_an_unknown_address(app, client):
    page = client.post(
        "/password/forgot", data={"email": "nobody@example.org"}, headers=EN, follow_redirects=True
    )
    assert b"If an account uses this address" in page.data
    assert app.extensions.get("storyhub_outbox", []) == []


def test_reset_link_with_a_bad_token(client):
    page = client.get("/password/reset/not-a-token", headers=EN, follow_redirects=True)
    assert b"invalid or has expired" in page.data


def test_user_loader_ignores_garbage(app, client):
    with client.session_transaction() as session:
        session["_user_id"] = "²"
    assert client.get("/dashboard").status_code == 302


class FakeSMTP:
    """Stands in for smtplib.SMTP and keeps what it was asked to do."""

    sent: list = []

    def __init__(self, host, port, timeout):
        self.calls = [("connect", host, port)]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        self.calls.append(("starttls",))

    def login(self, user, password):
        self.calls.append(("login", user, password))

    def send_message(self, message):
        FakeSMTP.sent.append((self.calls, message))


def test_with_a_mail_server_the_reset_mail_goes_through_smtp(app, client, educator, monkeypatch):
    monkeypatch.setattr("storyhub.accounts.mail.smtplib.SMTP", FakeSMTP)
    FakeSMTP.sent = []
    for key, value in {
        "MAIL_SERVER": "smtp.example.org",
        "MAIL_PORT": 2525,
        "MAIL_USERNAME": "storyhub",
        "MAIL_PASSWORD": "smtp-secret",
        "MAIL_USE_TLS": True,
    }.items():
        monkeypatch.setitem(app.config, key, value)
    client.post("/password/forgot", data={"email": educator.email}, headers=EN)
    [(calls, message)] = FakeSMTP.sent
    assert calls == [
        ("connect", "smtp.example.org", 2525),
        ("starttls",),
        ("login", "storyhub", "smtp-secret"),
    ]
    assert message["To"] == educator.email
    assert "/password/reset/" in message.get_content()
