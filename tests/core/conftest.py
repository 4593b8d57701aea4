"""Fixtures of this area."""

import pytest

from storyhub import create_app
from storyhub.extensions import db, limiter


@pytest.fixture
def english(app):
    """Run service calls inside an English request, so messages are in English."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


@pytest.fixture
def make_app(database_url):
    """make_app(config=None, **overrides) -> a fresh app on the test database.

    The rate limiter is one object shared by every app: a fresh app with limits on would turn
    them on for the session's app too, so its state is restored afterwards.
    """
    apps = []

    def factory(config="testing", **overrides):
        overrides.setdefault("SQLALCHEMY_DATABASE_URI", database_url)
        fresh = create_app(config, overrides)
        apps.append(fresh)
        return fresh

    yield factory
    if limiter.initialized and limiter.enabled:
        limiter.reset()
    limiter.enabled = False
    for fresh in apps:
        with fresh.app_context():
            db.engine.dispose()
