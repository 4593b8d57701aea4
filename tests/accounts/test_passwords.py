"""Password rules: length by role, a list of common passwords, no composition rules."""

import pytest

from storyhub.core.errors import DomainError
from storyhub.core.passwords import (
    check_password_rules,
    common_passwords,
    hash_password,
    password_problem,
    verify_password,
)

pytestmark = pytest.mark.db_independent


def test_adults_need_ten_characters():
    assert password_problem("a" * 9 + "z", young=False) is None
    assert "10" in password_problem("abcdefghj", young=False)


def test_young_people_need_eight_characters():
    assert password_problem("rivière7", young=True) is None
    assert "8" in password_problem("rivièr7", young=True)


@pytest.mark.parametrize("password", ["password123", "PASSWORD123", "azertyuiop", "1234567890"])
def test_common_passwords_are_refused_whatever_the_case(english, password):
    with pytest.raises(DomainError, match="too common"):
        check_password_rules(password, young=False)


def test_the_common_list_is_substantial():
    assert len(common_passwords()) > 1000


def test_no_composition_rule_a_plain_sentence_is_fine():
    assert password_problem("le chat dort au soleil", young=False) is None


def test_absurdly_long_passwords_are_refused():
    assert password_problem("x" * 201, young=False) is not None


def test_hash_is_salted_and_checks(app):
    first, second = hash_password("le chat dort"), hash_password("le chat dort")
    assert first != second
    assert verify_password(first, "le chat dort")
    assert not verify_password(first, "le chien dort")
    assert not verify_password(None, "le chat dort")


def test_production_hashes_with_scrypt(app, monkeypatch):
    monkeypatch.delitem(app.config, "PASSWORD_HASH_METHOD")
    assert hash_password("le chat dort").startswith("scrypt:")
