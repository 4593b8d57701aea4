"""Choosing the interface language: the user's choice, then the browser's."""

from datetime import UTC, datetime
from functools import lru_cache

from flask import current_app, has_request_context, request, session
from flask_babel import format_timedelta
from flask_login import current_user
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

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
    return _best_language(
        request.environ.get("HTTP_ACCEPT_LANGUAGE", ""),
        tuple(config["LANGUAGES"]),
        config["BABEL_DEFAULT_LOCALE"],
    )


@lru_cache(maxsize=512)
def _best_language(header: str, languages: tuple[str, ...], default: str) -> str:
    """The language of ours an Accept-Language header prefers, else default: parsed once per
    distinct header (a page cache hit pays a lookup)."""
    return parse_accept_header(header, LanguageAccept).best_match(languages) or default


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
