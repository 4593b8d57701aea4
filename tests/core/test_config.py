"""Configuration from the environment; production refuses to start without a real secret."""

import pytest

from storyhub.config import DEV_SECRET_KEY, database_url, settings_for

REAL_KEY = "0123456789abcdef" * 4


@pytest.fixture
def production_env(monkeypatch, tmp_path):
    monkeypatch.setenv("STORYHUB_ENV", "production")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    for name in ("SECRET_KEY", "SESSION_COOKIE_SECURE", "PREFERRED_URL_SCHEME"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.mark.parametrize("key", [None, "", DEV_SECRET_KEY, "short-secret"])
def test_production_refuses_to_start_without_a_real_secret_key(production_env, make_app, key):
    if key is not None:
        production_env.setenv("SECRET_KEY", key)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        make_app(None)


def test_production_starts_with_a_real_secret_key_and_secure_cookies(production_env, make_app):
    production_env.setenv("SECRET_KEY", REAL_KEY)
    app = make_app(None)
    assert app.config["SECRET_KEY"] == REAL_KEY
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["PREFERRED_URL_SCHEME"] == "https"
    assert not app.config.get("TESTING")


def test_production_by_name_checks_the_key_too(monkeypatch, make_app):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError):
        make_app("production")


@pytest.mark.db_independent
def test_development_defaults_need_nothing():
    settings = settings_for("development", env={})
    assert settings["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert settings["SQLALCHEMY_DATABASE_URI"].endswith("instance/storyhub.sqlite3")
    assert settings["RATELIMIT_STORAGE_URI"] == "memory://"
    assert settings["RATELIMIT_ENABLED"] is True
    assert settings["SESSION_COOKIE_SECURE"] is False
    assert settings["MAIL_SERVER"] == ""


@pytest.mark.db_independent
def test_every_setting_can_come_from_the_environment():
    env = {
        "DATABASE_URL": "postgres://u@db/storyhub",
        "REDIS_URL": "redis://cache:6379/0",
        "RATELIMIT_ENABLED": "false",
        "LOGIN_RATE_LIMIT": "5 per minute",
        "SIGNUP_RATE_LIMIT": "3 per hour",
        "MAX_CONTENT_LENGTH": "1000",
        "MAX_FORM_MEMORY_SIZE": "500",
        "MEDIA_ROOT": "/srv/media",
        "MAIL_SERVER": "smtp.example.org",
        "MAIL_PORT": "25",
        "MAIL_USE_TLS": "no",
        "MAIL_FROM": "StoryHub <hello@example.org>",
        "SESSION_COOKIE_SECURE": "yes",
        "PREFERRED_URL_SCHEME": "https",
    }
    settings = settings_for(None, env=env)
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db/storyhub"
    assert settings["RATELIMIT_STORAGE_URI"] == "redis://cache:6379/0"
    assert settings["RATELIMIT_ENABLED"] is False
    assert settings["LOGIN_RATE_LIMIT"] == "5 per minute"
    assert settings["SIGNUP_RATE_LIMIT"] == "3 per hour"
    assert settings["MAX_CONTENT_LENGTH"] == 1000 and settings["MAX_FORM_MEMORY_SIZE"] == 500
    assert settings["MEDIA_ROOT"] == "/srv/media"
    assert (settings["MAIL_SERVER"], settings["MAIL_PORT"]) == ("smtp.example.org", 25)
    assert settings["MAIL_USE_TLS"] is False
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["PREFERRED_URL_SCHEME"] == "https"


@pytest.mark.db_independent
@pytest.mark.parametrize(
    "url, expected",
    [
        ("postgresql://a@b/c", "postgresql+psycopg://a@b/c"),
        ("postgres://a@b/c", "postgresql+psycopg://a@b/c"),
        ("postgresql+psycopg://a@b/c", "postgresql+psycopg://a@b/c"),
        ("sqlite:////tmp/x.sqlite3", "sqlite:////tmp/x.sqlite3"),
    ],
)
def test_database_url_forms(url, expected):
    assert database_url(url) == expected


@pytest.mark.db_independent
def test_testing_settings_are_fast_and_quiet():
    settings = settings_for("testing", env={})
    assert settings["TESTING"] and not settings["WTF_CSRF_ENABLED"]
    assert not settings["RATELIMIT_ENABLED"]
