"""No public page sets a cookie for an anonymous visitor, whatever page it is: every GET route
of the site is asked, with the ids of a real public exchange, round, story (and its approved
translation), picture, territory and theme. A page that stores something for a visitor (the
CSRF token of a form: sign-in, join, report) is `private`, so no shared cache keeps it; every
other page answers without `Set-Cookie`. New routes are asked without editing this file."""

import re

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.stories import translating
from storyhub.stories.models import StoryTranslation
from tests import factories
from tests.conftest import login_as
from tests.search.helpers import add_media
from tests.stories.helpers import pair  # noqa: F401

ARGUMENT = re.compile(r"<(?:(\w+)(?:\(([^)]*)\))?:)?(\w+)>")
RENDITION = {"name": "w960.webp", "role": "image", "format": "webp", "width": 960, "height": 480}
# Pages that must answer 200 to a visitor, with no cookie: the list below only proves that
# the enumeration reaches them (a route renamed would otherwise drop out silently).
MUST_BE_PUBLIC = (
    "main.index",
    "stories.detail",
    "stories.round_detail",
    "stories.pair",
    "exchanges.detail",
    "impact.detail",
    "browse.territory",
    "browse.directory",
    "browse.map",
    "feeds.site",
    "feeds.sitemap",
    "feeds.sitemap_file",
    "feeds.sitemap_home",
    "api.stories",
    "search.index",
    "help.index",
)


@pytest.fixture
def public(pair, client, app):  # noqa: F811
    """A public exchange: a published story with a picture, and its approved translation."""
    pair.exchange.public = True
    pair.exchange.inviting_published_at = pair.exchange.invited_published_at = utcnow()
    pair.b.languages = "en"
    story = factories.make_story(pair.round, pair.a, [pair.lea], status="approved", title="Port")
    add_media(story, alt_text="The harbour", renditions=[{**RENDITION, "key": "ab/cd/w960.webp"}])
    db.session.commit()
    text = translating.translatable_blocks(story)[0]
    data = {"language": "en", "title": "Harbour", f"block-{text.id}": "At dusk."}
    login_as(client, pair.amina).post(f"/stories/{story.id}/translate", data=data)
    translation = db.session.scalars(db.select(StoryTranslation)).one()
    translating.decide_translation(translation, pair.edu_b, "approve")
    db.session.commit()
    with client.session_transaction() as session:
        session.clear()
    return story, translation


def _ids(story, translation) -> dict:
    media = story.blocks[-1].media
    return {
        "story_id": story.id,
        "round_id": story.round_id,
        "exchange_id": story.round.exchange_id,
        "group_id": story.group_id,
        "territory_id": story.group.territory_id,
        "media_id": media.id,
        "name": RENDITION["name"],
        "slug": story.group.territory.slug,
        "target_type": "story",
        "target_id": story.id,
        "kind": "stories",
        "number": 0,
        "translation_id": translation.id,
    }


def _url(rule, ids: dict) -> str | None:
    def value(match):
        converter, options, name = match.groups()
        if name in ids:
            return str(ids[name])
        if converter == "any":
            return options.split(",")[0].strip(" '\"")
        return "x"

    return ARGUMENT.sub(value, rule.rule)


def test_no_page_a_visitor_may_see_sets_a_cookie_unless_private(app, client, public, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)  # as in production
    story, translation = public
    ids = _ids(story, translation)
    urls = {
        rule.endpoint: _url(rule, ids)
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and rule.endpoint != "static"
    }
    urls["stories.detail?translation"] = f"/stories/{story.id}?translation={translation.id}"
    shown, with_cookie = [], []
    for endpoint, url in sorted(urls.items()):
        client.delete_cookie("session")  # a first visit: nothing kept from the previous page
        response = client.get(url)
        if response.status_code != 200:
            continue
        shown.append(endpoint)
        if "Set-Cookie" in response.headers:
            with_cookie.append(endpoint)
            caching = response.headers.get("Cache-Control", "")
            assert "private" in caching or "no-store" in caching, (url, caching)
            assert b"<form" in response.data, (url, response.headers.getlist("Set-Cookie"))
    assert set(MUST_BE_PUBLIC) | {"stories.detail?translation"} <= set(shown), shown
    assert not set(MUST_BE_PUBLIC) & set(with_cookie), with_cookie
    assert set(with_cookie) <= {
        "accounts.login",
        "accounts.signup",
        "accounts.forgot_password",
        "join.index",
        "reports.create",
    }, with_cookie


def test_the_translation_and_picture_are_really_shown(client, public):
    story, translation = public
    page = client.get(f"/stories/{story.id}?translation={translation.id}")
    assert page.status_code == 200 and b"Harbour" in page.data
    assert "Set-Cookie" not in page.headers and "public" in page.headers["Cache-Control"]
