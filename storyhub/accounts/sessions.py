"""Revocable sessions: the id kept in the session and remember cookies carries a version.

The token is `<user id>:<session version>:<issued at>`. Bumping the user's session version
(password change or reset, sign-out, an educator signing a young person out) makes every token
issued before it useless, in session cookies and "remember me" cookies alike; the issue time
bounds how long any sign-in lasts (14 days for young people by default).
"""

import time
from datetime import UTC, timedelta

from flask import current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import login_user

from storyhub.accounts.models import User
from storyhub.extensions import db

MAX_TOKEN_LENGTH = 64


def session_token(user: User) -> str:
    """The value Flask-Login stores for user: id, session version, issue time."""
    return f"{user.id}:{user.session_version or 0}:{int(time.time())}"


def max_age(user: User) -> timedelta:
    """How long one sign-in may last: REMEMBER_YOUNG_DAYS for young people, else REMEMBER_ADULT_DAYS."""
    key = "REMEMBER_YOUNG_DAYS" if user.is_young else "REMEMBER_ADULT_DAYS"
    return timedelta(days=current_app.config[key])


def _parse(token: str) -> tuple[int, int, int] | None:
    parts = (token or "")[:MAX_TOKEN_LENGTH].split(":")
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() and len(p) < 19 for p in parts):
        return None
    return int(parts[0]), int(parts[1]), int(parts[2])


def load_user(token: str) -> User | None:
    """Flask-Login loader: the user only when the token's version is current and not too old."""
    parsed = _parse(token)
    if parsed is None or parsed[0] > 2**31 - 1:
        return None
    user_id, version, issued = parsed
    user = db.session.get(User, user_id)
    if user is None or version != (user.session_version or 0) or not user.is_active:
        return None  # unknown, signed out everywhere, or suspended after a report decision
    age = time.time() - issued
    if age < -60 or age > max_age(user).total_seconds() or issued < int(_created(user)):
        return None  # too old, or made for a deleted account whose id was given again
    return user


def _created(user: User) -> float:
    """When the account was made, in seconds (a naive date from SQLite is UTC)."""
    made = user.created_at
    if made is None:
        return 0.0
    return (made if made.tzinfo else made.replace(tzinfo=UTC)).timestamp()


def sign_in(user: User, remember: bool = False) -> None:
    """Sign user in for this browser session, or for max_age(user) with "remember me"."""
    from flask import session

    session.permanent = False  # the session cookie ends with the browser
    login_user(user, remember=remember, duration=max_age(user) if remember else None)


def end_sessions(user: User) -> None:
    """Bump user's session version (no commit): every existing sign-in of theirs ends."""
    user.session_version = (user.session_version or 0) + 1


def keep_this_session(user: User) -> None:
    """After end_sessions(user) by user themself: sign this browser in again with the new version."""
    remember_cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    sign_in(user, remember=remember_cookie in request.cookies)


def already_signed_in():
    """A new account is not made over a signed-in one: say so, and go home (sign-up, join)."""
    flash(_("You are already signed in. Sign out first to create another account."), "info")
    return redirect(url_for("main.dashboard"))
