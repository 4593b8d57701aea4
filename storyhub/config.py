"""Configuration read from the environment, with safe development defaults.

The environment is read each time an app is created (not at import), so one process can build
apps with different settings and the production check always sees the real values.
"""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE = BASE_DIR / "instance"
DEV_SECRET_KEY = "dev-only-secret-change-me"
MIN_SECRET_KEY_LENGTH = 32


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    """Read a yes/no environment variable."""
    value = env.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def database_url(url: str | None) -> str:
    """DATABASE_URL for SQLAlchemy: a SQLite file in the instance folder by default."""
    if not url:
        return f"sqlite:///{DEFAULT_INSTANCE / 'storyhub.sqlite3'}"
    # psycopg 3 is the driver we ship; accept the common short forms.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


DEFAULT_HELPLINES = (
    "France|3018|3018|https://e-enfance.org/numero-3018/;"
    "United Kingdom|Childline|0800 1111|https://www.childline.org.uk/;"
    "Europe|116 111|116 111|https://www.childhelplineinternational.org/"
)


def helplines(value: str) -> list[dict[str, str]]:
    """HELPLINES: `place|name|number|url` entries separated by `;` (url optional)."""
    lines = []
    for entry in value.split(";"):
        parts = [part.strip() for part in entry.split("|")]
        if len(parts) >= 3 and parts[0] and parts[2]:
            url = parts[3] if len(parts) > 3 and parts[3].startswith("https://") else ""
            lines.append({"place": parts[0], "name": parts[1], "number": parts[2], "url": url})
    return lines


def base_settings(env: Mapping[str, str]) -> dict[str, Any]:
    """Development defaults; every value can come from the environment."""
    production = env.get("STORYHUB_ENV", "").strip().lower() == "production"
    secure = _bool(env, "SESSION_COOKIE_SECURE", production)
    return {
        "STORYHUB_ENV": "production" if production else "development",
        "SECRET_KEY": env.get("SECRET_KEY") or DEV_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": database_url(env.get("DATABASE_URL")),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "REDIS_URL": env.get("REDIS_URL", ""),
        # Anonymous public pages kept per content version (storyhub/browse/pagecache.py).
        "PAGE_CACHE": _bool(env, "PAGE_CACHE", True),
        # Search: the window's ranked ids and facets kept per content version (search/queries.py).
        "SEARCH_CACHE": _bool(env, "SEARCH_CACHE", True),
        # Pages, feeds and API answers compressed by the app (0 when a proxy compresses them).
        "COMPRESS_RESPONSES": _bool(env, "COMPRESS_RESPONSES", True),
        "RATELIMIT_STORAGE_URI": env.get("REDIS_URL") or "memory://",
        "RATELIMIT_ENABLED": _bool(env, "RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Failed sign-ins per address (successful ones never count); per account, see below.
        "LOGIN_RATE_LIMIT": env.get("LOGIN_RATE_LIMIT") or "30 per minute;200 per hour",
        "LOGIN_FREE_FAILURES": int(env.get("LOGIN_FREE_FAILURES") or 5),
        "LOGIN_MAX_DELAY": int(env.get("LOGIN_MAX_DELAY") or 15 * 60),
        "SIGNUP_RATE_LIMIT": env.get("SIGNUP_RATE_LIMIT") or "10 per hour",
        "JOIN_RATE_LIMIT": env.get("JOIN_RATE_LIMIT") or "60 per hour",
        "JOIN_CODE_RATE_LIMIT": env.get("JOIN_CODE_RATE_LIMIT") or "40 per hour",
        "RESET_RATE_LIMIT": env.get("RESET_RATE_LIMIT") or "3 per hour",
        # Reverse proxies in front of the app whose X-Forwarded-* headers are believed.
        "TRUSTED_PROXIES": max(0, int(env.get("TRUSTED_PROXIES") or 0)),
        "SERVER_NAME": env.get("SERVER_NAME") or None,
        "BABEL_DEFAULT_LOCALE": "fr",
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
        "LANGUAGES": ("fr", "en"),
        "MAX_CONTENT_LENGTH": int(env.get("MAX_CONTENT_LENGTH") or 64 * 1024 * 1024),
        # Plain (url-encoded) forms carry text only: they get this much smaller limit.
        "MAX_FORM_MEMORY_SIZE": int(env.get("MAX_FORM_MEMORY_SIZE") or 500_000),
        "MEDIA_ROOT": env.get("MEDIA_ROOT") or str(DEFAULT_INSTANCE / "media"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": secure,
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 30,
        # "Remember me": how long a sign-in lasts (also the longest any sign-in lasts).
        "REMEMBER_YOUNG_DAYS": int(env.get("REMEMBER_YOUNG_DAYS") or 14),
        "REMEMBER_ADULT_DAYS": int(env.get("REMEMBER_ADULT_DAYS") or 30),
        "WTF_CSRF_TIME_LIMIT": None,  # tied to the session; a long draft must not lose its token
        "MAIL_SERVER": env.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(env.get("MAIL_PORT") or 587),
        "MAIL_USERNAME": env.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _bool(env, "MAIL_USE_TLS", True),
        "MAIL_FROM": env.get("MAIL_FROM") or "StoryHub <no-reply@storyhub.local>",
        "PASSWORD_RESET_MAX_AGE": 60 * 60 * 2,
        "HELPLINES": helplines(env.get("HELPLINES") or DEFAULT_HELPLINES),
        # Words and phrases flagged to the educators, on top of the seeded lists (comma separated).
        "WATCH_WORDS": tuple(
            w.strip() for w in (env.get("WATCH_WORDS") or "").split(",") if w.strip()
        ),
        "REPORT_HIDE_THRESHOLD": max(1, int(env.get("REPORT_HIDE_THRESHOLD") or 3)),
        "REPORT_RATE_LIMIT": env.get("REPORT_RATE_LIMIT") or "5 per minute;30 per day",
        "PREFERRED_URL_SCHEME": env.get("PREFERRED_URL_SCHEME")
        or ("https" if production else "http"),
    }


TEST_SETTINGS = {
    "TESTING": True,
    "STORYHUB_ENV": "testing",
    "SECRET_KEY": "test-secret",
    "WTF_CSRF_ENABLED": False,
    "PAGE_CACHE": False,  # the tests that need it turn it on
    "RATELIMIT_ENABLED": False,
    "RATELIMIT_STORAGE_URI": "memory://",
    "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    "SESSION_COOKIE_SECURE": False,
    "REMEMBER_COOKIE_SECURE": False,
    "SERVER_NAME": None,
    # Tests create apps before their database exists; the start-up sweep has its own tests.
    "MEDIA_SWEEP_AT_STARTUP": False,
    # The face detector is a tenth of the suite's CPU when every test photo goes through it;
    # the tests about suggestions turn it on (tests/conftest.py: face_suggestions).
    "MEDIA_FACE_SUGGESTIONS": "off",
    # The tests' database never goes away under a pooled connection: a liveness ping at each
    # checkout was a tenth of the PostgreSQL run's round trips (about 13 000 in 900 tests).
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": False},
}


def settings_for(name: str | None, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The settings of the named configuration (STORYHUB_ENV by default), read from env."""
    env = os.environ if env is None else env
    name = (name or env.get("STORYHUB_ENV") or "development").strip().lower()
    if name == "production":
        env = {**env, "STORYHUB_ENV": "production"}
    settings = base_settings(env)
    if name == "testing":
        settings.update(TEST_SETTINGS)
    return settings


def check_production(config: Mapping[str, Any]) -> None:
    """Refuse to start in production with the development secret key or a short one."""
    if config.get("STORYHUB_ENV") != "production":
        return
    key = config.get("SECRET_KEY") or ""
    if key == DEV_SECRET_KEY or len(key) < MIN_SECRET_KEY_LENGTH:
        raise RuntimeError(
            f"SECRET_KEY must be set to a random value of at least {MIN_SECRET_KEY_LENGTH} "
            "characters in production (python -c 'import secrets; print(secrets.token_hex(32))')."
        )
