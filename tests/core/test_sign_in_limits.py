"""Sign-in, join and reset limits protect accounts without locking a school out."""

import uuid

import pytest

from storyhub.extensions import db
from storyhub.groups.models import JoinRequest
from tests import factories

EN = {"Accept-Language": "en"}


@pytest.fixture
def defaults_app(make_app):
    """Limits on, with the default settings, in a fresh memory store."""
    return make_app(RATELIMIT_ENABLED=True, RATELIMIT_KEY_PREFIX=f"t-{uuid.uuid4().hex[:8]}")


def _login(client, identifier, password, **headers):
    data = {"identifier": identifier, "password": password}
    return client.post("/login", data=data, headers={**EN, **headers})


def test_a_class_of_thirty_signs_in_from_one_address_within_a_minute(defaults_app):
    with defaults_app.app_context():
        group = factories.make_group(factories.make_educator())
        names = [factories.make_young(group).username for _ in range(30)]
    answers = [
        _login(defaults_app.test_client(), name, factories.PASSWORD).status_code for name in names
    ]
    assert answers == [302] * 30


def test_successful_sign_ins_never_count_against_the_address(defaults_app):
    """The class signs in again after the break: twice the address's ceiling of failed sign-ins
    (30 a minute), all right passwords, all let in."""
    ceiling = int(defaults_app.config["LOGIN_RATE_LIMIT"].split()[0])
    with defaults_app.app_context():
        group = factories.make_group(factories.make_educator())
        names = [factories.make_young(group).username for _ in range(ceiling)]
    answers = [
        _login(defaults_app.test_client(), name, factories.PASSWORD).status_code
        for name in names * 2
    ]
    assert answers == [302] * (2 * ceiling)


def test_eleven_wrong_passwords_on_one_account_are_slowed(defaults_app):
    with defaults_app.app_context():
        young = factories.make_young(factories.make_group(factories.make_educator()))
        other = factories.make_young(young.group)
        name, other_name = young.username, other.username
    client = defaults_app.test_client()
    answers = [_login(client, name, f"wrong {n}") for n in range(11)]
    codes = [answer.status_code for answer in answers]
    assert codes[:5] == [200] * 5  # the first mistakes cost nothing
    assert 429 in codes
    slowed = answers[codes.index(429)]
    assert b"Too many wrong passwords for this account. Try again in" in slowed.data
    assert int(slowed.headers["Retry-After"]) >= 1
    assert f'value="{name}"'.encode() in slowed.data  # what was typed is kept
    # Even the right password waits: the delay must not tell whether a guess was right.
    assert _login(client, name, factories.PASSWORD).status_code == 429
    # The classmate on the same computer is not affected.
    assert _login(client, other_name, factories.PASSWORD).status_code == 302


def test_the_delay_for_an_account_says_when_in_french(defaults_app):
    client = defaults_app.test_client()
    codes = [_login(client, "nobody.here", "wrong").status_code for _ in range(7)]
    assert codes[-1] == 429
    page = client.post(
        "/login",
        data={"identifier": "nobody.here", "password": "x"},
        headers={"Accept-Language": "fr"},
    )
    assert "Réessayez dans" in page.get_data(as_text=True)


def test_a_right_password_clears_the_count(defaults_app):
    with defaults_app.app_context():
        name = factories.make_young(factories.make_group(factories.make_educator())).username
    client = defaults_app.test_client()
    for _round in range(3):
        assert [_login(client, name, "wrong").status_code for _ in range(4)] == [200] * 4
        assert _login(defaults_app.test_client(), name, factories.PASSWORD).status_code == 302


def _join(client, code, n, **headers):
    data = {
        "join_code": code,
        "display_name": f"Kid {n}",
        "username": f"kid-{uuid.uuid4().hex[:8]}",
        "password": "assez long",
        "confirm": "assez long",
    }
    return client.post("/join", data=data, headers={**EN, **headers})


def test_joins_are_limited_per_code_whatever_the_address(make_app):
    app = make_app(
        RATELIMIT_ENABLED=True,
        RATELIMIT_KEY_PREFIX=f"t-{uuid.uuid4().hex[:8]}",
        JOIN_CODE_RATE_LIMIT="3 per hour",
        TRUSTED_PROXIES=1,
    )
    with app.app_context():
        code = factories.make_group(factories.make_educator()).join_code
    answers = [
        _join(app.test_client(), code, n, X_Forwarded_For=f"203.0.113.{n}").status_code
        for n in range(4)
    ]
    assert answers[:3] != [429] * 3 and 429 not in answers[:3]
    assert answers[3] == 429
    with app.app_context():
        other = factories.make_group(factories.make_educator()).join_code
    assert _join(app.test_client(), other, 9).status_code != 429


def test_a_class_of_thirty_joins_from_one_address(defaults_app):
    with defaults_app.app_context():
        group = factories.make_group(factories.make_educator())
        code = group.join_code
    answers = [_join(defaults_app.test_client(), code, n).status_code for n in range(30)]
    assert answers == [302] * 30
    with defaults_app.app_context():
        asked = db.session.scalars(db.select(JoinRequest).filter_by(group_id=group.id)).all()
        assert len(asked) == 30


def test_resets_are_limited_per_account(make_app):
    app = make_app(
        RATELIMIT_ENABLED=True,
        RATELIMIT_KEY_PREFIX=f"t-{uuid.uuid4().hex[:8]}",
        RESET_RATE_LIMIT="2 per hour",
        TRUSTED_PROXIES=1,
    )
    with app.app_context():
        email = factories.make_educator().email

    def ask(address, who=email):
        headers = {**EN, "X-Forwarded-For": address}
        return app.test_client().post("/password/forgot", data={"email": who}, headers=headers)

    assert [ask(f"198.51.100.{n}").status_code for n in range(3)] == [302, 302, 429]
    refused = ask("198.51.100.9")
    assert b"You can try again in" in refused.data
    assert ask("198.51.100.9", "someone.else@example.org").status_code == 302
