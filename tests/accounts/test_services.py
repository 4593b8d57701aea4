"""Account services: sign-up, verification, usernames, sign-in, reset tokens."""

import pytest

from storyhub.accounts import services
from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.core.text import normalize_username
from storyhub.extensions import db
from storyhub.groups.services import join_group
from tests import factories

GOOD = "un long chemin vers la mer"


def test_educator_signs_up_pending(english):
    user = services.create_educator(" Nadia@School.example ", " Nadia Benali ", GOOD)
    assert user.email == "nadia@school.example"
    assert user.display_name == "Nadia Benali"
    assert user.is_pending and not user.is_verified
    assert services.pending_educators() == [user]


def test_an_email_is_used_once_whatever_its_case(english):
    services.create_educator("nadia@school.example", "Nadia", GOOD)
    with pytest.raises(DomainError, match="already uses this email"):
        services.create_educator("NADIA@school.example", "Other", GOOD)


def test_admin_verifies_a_pending_educator(english, admin_user, pending_educator):
    services.verify_educator(pending_educator, admin_user)
    assert pending_educator.is_verified and pending_educator.verified_by_id == admin_user.id
    assert services.pending_educators() == []
    with pytest.raises(DomainError, match="not waiting"):
        services.verify_educator(pending_educator, admin_user)


def test_refusing_a_sign_up_deletes_it(english, pending_educator, educator):
    user_id = pending_educator.id
    services.refuse_educator(pending_educator)
    assert db.session.get(User, user_id) is None
    with pytest.raises(DomainError):
        services.refuse_educator(educator)  # a verified account is not refused this way


@pytest.mark.parametrize(
    "first, second",
    [
        ("Lea", "LEA"),
        ("Léa", "Le\u0301a"),  # composed and decomposed é
        ("lea", "ｌｅａ"),  # full-width letters
        ("filou", "ﬁlou"),  # the fi ligature
        ("strasse", "STRASSE"),
    ],
)
def test_usernames_are_unique_after_nfkc_and_case_folding(english, group, first, second):
    join_group(group.join_code, "One", first, GOOD)
    assert normalize_username(first) == normalize_username(second)
    with pytest.raises(DomainError, match="taken"):
        join_group(group.join_code, "Two", second, GOOD)


@pytest.mark.db_independent
@pytest.mark.parametrize("username", ["ab", "x" * 41, "léa dupont", "a@b.c", "<b>bold</b>", ""])
def test_malformed_usernames_are_refused(english, username):
    with pytest.raises(DomainError, match="3 to 40"):
        services.validate_new_username(username)


@pytest.mark.db_independent
def test_a_username_that_grows_too_long_once_normalized_is_refused(english):
    with pytest.raises(DomainError):
        services.validate_new_username("\ufdfa" * 5)  # one character, 18 once NFKC-normalized


def test_young_person_signs_in_with_username_in_any_case(group):
    young = factories.make_young(group)
    assert services.authenticate(young.username.upper(), factories.PASSWORD) == young
    assert young.last_login_at is not None


def test_adult_signs_in_with_email_in_any_case(educator):
    assert services.authenticate(educator.email.upper(), factories.PASSWORD) == educator


def test_wrong_password_and_unknown_user_both_fail_alike(educator):
    assert services.authenticate(educator.email, "not the password") is None
    assert services.authenticate("nobody@example.org", "not the password") is None


def test_change_password_checks_the_current_one(english, educator):
    with pytest.raises(services.WrongPasswordError):
        services.change_password(educator, "wrong", "a brand new sentence")
    with pytest.raises(DomainError, match="at least 10"):
        services.change_password(educator, factories.PASSWORD, "short")
    services.change_password(educator, factories.PASSWORD, "a brand new sentence")
    assert services.authenticate(educator.email, "a brand new sentence") == educator


def test_reset_token_works_once(educator):
    token = services.make_reset_token(educator)
    assert services.user_from_reset_token(token) == educator
    services.set_password(educator, "a brand new sentence")
    assert services.user_from_reset_token(token) is None


def test_reset_token_expires(app, educator, monkeypatch):
    token = services.make_reset_token(educator)
    monkeypatch.setitem(app.config, "PASSWORD_RESET_MAX_AGE", -1)
    assert services.user_from_reset_token(token) is None


def test_reset_token_is_refused_when_tampered_or_for_a_young_person(young):
    assert services.user_from_reset_token("garbage") is None
    assert services.user_from_reset_token(services.make_reset_token(young)) is None


@pytest.mark.db_independent
def test_generated_passwords_follow_the_rules_and_differ():
    first, second = services.generate_password(), services.generate_password()
    assert first != second
    assert len(first) == 14


def test_create_admin(english):
    admin = services.create_admin("boss@storyhub.example", "Boss", GOOD)
    assert admin.is_admin and admin.is_verified
    with pytest.raises(DomainError):
        services.create_admin("boss@storyhub.example", "Boss", GOOD)
    with pytest.raises(DomainError, match="valid email"):
        services.create_admin("not-an-email", "Boss", GOOD)
