"""A twinned pair with a published story of side A, and helpers to render the responses part."""

from types import SimpleNamespace

import pytest
from flask import g, render_template_string, session
from flask_login import login_user, logout_user

from tests import factories, snapshot
from tests.conftest import login_as


def _forget_request_caches():
    for key in ("_login_user", "_membership_led_group_ids", "_unread_notifications"):
        g.pop(key, None)


@pytest.fixture
def pair():
    """Side A (educator, two young people, the story's author) twinned with side B; one story
    (built once per run, its rows put back for each test: tests/snapshot.py)."""
    return snapshot.once("responses: pair", _make_pair)


def _make_pair():
    educator_a, educator_b = factories.make_educator(), factories.make_educator()
    group_a, group_b = factories.make_group(educator_a), factories.make_group(educator_b)
    author, other_a = factories.make_young(group_a), factories.make_young(group_a)
    young_b = factories.make_young(group_b)
    exchange = factories.make_exchange(group_a, group_b)
    round_ = factories.make_round(exchange)
    story = factories.make_story(round_, group_a, authors=[author], status="approved")
    return SimpleNamespace(
        educator_a=educator_a,
        educator_b=educator_b,
        group_a=group_a,
        group_b=group_b,
        author=author,
        other_a=other_a,
        young_b=young_b,
        exchange=exchange,
        round=round_,
        story=story,
    )


@pytest.fixture
def outsider():
    """A young person of a third group, twinned in another exchange."""
    group_c = factories.make_group(factories.make_educator())
    factories.make_exchange(group_c, factories.make_group(factories.make_educator()))
    return factories.make_young(group_c)


@pytest.fixture
def render_responses(app, client):
    """render_responses(story, user=None) -> the HTML of the story's responses part.

    The test client's session is used and kept, so a draft kept after a refused form shows.
    """

    def render(story, user=None, path="/stories/x"):
        _forget_request_caches()
        cookie = client.get_cookie("session")
        headers = {"Cookie": f"session={cookie.value}"} if cookie else {}
        with app.test_request_context(path, headers=headers):
            if user is not None:
                login_user(user)
            html = render_template_string(
                '{% include "responses/_story_responses.html" %}', story=story
            )
            logout_user()
            session.pop("_user_id", None)
            session.pop("_fresh", None)
            serializer = app.session_interface.get_signing_serializer(app)
            client.set_cookie("session", serializer.dumps(dict(session)))
        _forget_request_caches()
        return html

    return render


@pytest.fixture
def as_user(client):
    """as_user(user) -> the client signed in as user.

    The test's app context is shared by its requests, so the user and the per-request caches
    kept in `g` are forgotten when switching people.
    """

    def sign_in(user):
        _forget_request_caches()
        return login_as(client, user)

    return sign_in


@pytest.fixture(autouse=True)
def english_by_default(app, monkeypatch):
    """These tests read English messages: without a browser language, the site speaks English."""
    monkeypatch.setitem(app.config, "BABEL_DEFAULT_LOCALE", "en")
