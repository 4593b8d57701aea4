"""Choosing the interface language: the user's choice, then the browser's."""

from datetime import UTC, datetime

from flask import current_app, has_request_context, request, session
from flask_babel import format_timedelta
from flask_login import current_user

LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


def select_locale() -> str:
    """Return the locale for this request: saved choice, session, cookie, then browser."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands and background jobs
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = session.get("locale") or request.cookies.get("locale")
    if chosen in languages:
        return chosen
    return browser_locale()


def browser_locale() -> str:
    """The browser's language among ours (Accept-Language), else the default: the choice for a
    visitor with no saved one (no account, no session, no cookie)."""
    config = current_app.config
    default = config["BABEL_DEFAULT_LOCALE"]
    key = (request.environ.get("HTTP_ACCEPT_LANGUAGE", ""), default, *config["LANGUAGES"])
    found = _BROWSER_LOCALES.get(key)
    if found is None:  # parsed once per distinct header (a page cache hit pays a lookup)
        if len(_BROWSER_LOCALES) >= 512:
            _BROWSER_LOCALES.clear()
        best = request.accept_languages.best_match(config["LANGUAGES"])
        found = _BROWSER_LOCALES[key] = best or default
    return found


_BROWSER_LOCALES: dict[tuple, str] = {}


def timesince(moment: datetime) -> str:
    """'3 days' in the interface language; naive datetimes (SQLite) are taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_timedelta(datetime.now(UTC) - moment)


def epoch_ms(moment: datetime | None) -> int:
    """Milliseconds since 1970 (0 for None), for scripts comparing with the browser's clock."""
    if moment is None:
        return 0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


def utc_iso(moment: datetime) -> str:
    """'2026-12-06T06:37:00Z': an instant for <time datetime>, naive datetimes taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
