"""Password rules: length by role and a list of common passwords; no composition rules."""

from functools import cache
from pathlib import Path

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from storyhub.core.errors import DomainError

MIN_LENGTH_ADULT = 10
MIN_LENGTH_YOUNG = 8
MAX_LENGTH = 200


@cache
def common_passwords() -> frozenset[str]:
    """Load the bundled list of common passwords, lower-cased."""
    path = Path(__file__).parent / "data" / "common_passwords.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line and not line.startswith("#"))


def password_problem(password: str, *, young: bool) -> str | None:
    """Return why a password is refused, or None if it is acceptable."""
    from flask_babel import gettext as _

    minimum = MIN_LENGTH_YOUNG if young else MIN_LENGTH_ADULT
    if len(password) < minimum:
        return _("Use at least %(n)d characters.", n=minimum)
    if len(password) > MAX_LENGTH:
        return _("Use at most %(n)d characters.", n=MAX_LENGTH)
    if password.lower() in common_passwords():
        return _("This password is too common and easy to guess. Try a short sentence instead.")
    return None


def check_password_rules(password: str, *, young: bool) -> None:
    """Raise DomainError when the password breaks a rule."""
    problem = password_problem(password, young=young)
    if problem:
        raise DomainError(problem)


def hash_password(password: str) -> str:
    """Hash with scrypt (werkzeug's default); tests configure a faster method."""
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    return generate_password_hash(password, method=method)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password against its hash; False when there is no hash."""
    return bool(password_hash) and check_password_hash(password_hash, password)
