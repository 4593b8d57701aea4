"""A published translation reaches every surface its story reaches — search (in its language),
the API (with its language), the feeds (an alternate link), its translator's data export and, while
it waits, the queue of the translator's educators — and leaves them all with its story: one rule
(`public_translations`, twin of `can_view_translation` for a visitor), tested as a matrix of
events × surfaces."""

import io
import json
import zipfile

import pytest

from storyhub.accounts.models import AnonymousUser
from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_PARENTAL, Consent
from storyhub.public.queries import public_translations
from storyhub.rights.export import write_export
from storyhub.stories import translating
from storyhub.stories.models import Block
from tests import factories
from tests.conftest import login_as

WORD = "clementines"  # only in the translation: the original is in French


@pytest.fixture(autouse=True)
def in_english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def story(pair):
    """A published French story of side A in a public exchange; side B writes English."""
    pair.exchange.inviting_published_at = pair.exchange.invited_published_at = utcnow()
    pair.b.languages = "en"
    db.session.commit()
    made = factories.make_story(
        pair.round, pair.a, [pair.lea], status="approved", title="Le marché des Capucins"
    )
    made.blocks.append(Block(kind="quote", position=1, text="Viens goûter.", attribution="Léa"))
    db.session.commit()
    return made


def propose(pair, story):
    text, quote = translating.translatable_blocks(story)
    texts = {text.id: f"On Sunday we buy {WORD}.", quote.id: "Come and taste."}
    return translating.propose_translation(pair.amina, story, "en", "The Capucins market", texts)


@pytest.fixture
def waiting(pair, story, english):
    return propose(pair, story)


@pytest.fixture
def published(pair, story, waiting):
    return translating.decide_translation(waiting, pair.edu_b, "approve")


def found_by_search(client, story, item, language="") -> bool:
    query = f"/search?q={WORD}" + (f"&language={language}" if language else "")
    html = client.get(query).get_data(as_text=True)
    # the word is only in the translation: the story found at all would show that the index
    # still holds its words (and shows them in the snippet)
    linked = f"/stories/{story.id}?translation={item.id}" in html
    assert linked == ('class="search-hit"' in html)
    return linked


def linked_from_search(client, story, item) -> bool:
    """Found by a word of the story itself (it stays found whatever befalls its translation):
    the hit links the translation only while the public may read it."""
    html = client.get("/search?q=capucins").get_data(as_text=True)
    return f"/stories/{story.id}?translation={item.id}" in html


def in_api(client, story, item) -> bool:
    answer = client.get("/api/v1/stories?language=en").get_json()
    return any(t["id"] == item.id for s in answer["data"] for t in s["translations"])


def in_feed(client, story, item) -> bool:
    feed = client.get("/feeds/stories.atom").get_data(as_text=True)
    return f"?translation={item.id}" in feed


SURFACES = {
    "search": found_by_search,
    "search hit's link": linked_from_search,
    "api": in_api,
    "feed": in_feed,
}


def test_a_published_translation_is_found_by_search_in_its_language(client, story, published):
    assert found_by_search(client, story, published, "en")
    assert found_by_search(client, story, published)
    html = client.get(f"/search?q={WORD}&language=en").get_data(as_text=True)
    assert 'hreflang="en" lang="en" dir="ltr">The Capucins market</a>' in html
    # the French story is listed under English because of its translation, not under Arabic
    assert f"/stories/{story.id}" in client.get("/search?language=en").get_data(as_text=True)
    assert f"/stories/{story.id}" not in client.get("/search?language=ar").get_data(as_text=True)


def test_the_api_gives_the_translation_with_its_language(client, story, published):
    data = client.get(f"/api/v1/stories/{story.id}").get_json()["data"]
    (shown,) = data["translations"]
    assert (shown["language"], shown["direction"], shown["title"]) == (
        "en",
        "ltr",
        "The Capucins market",
    )
    assert shown["translated_by"] == {"display_name": "Amina", "group": "Kaweni"}
    assert [b["text"] for b in shown["blocks"]] == [f"On Sunday we buy {WORD}.", "Come and taste."]
    assert shown["html_url"].endswith(f"/stories/{story.id}?translation={published.id}")
    assert data["language"] == "fr"  # the story keeps its own


def test_the_feeds_link_the_translation_as_an_alternate(client, pair, story, published):
    for url in ("/feeds/stories.atom", f"/feeds/exchanges/{pair.exchange.id}.atom"):
        feed = client.get(url).get_data(as_text=True)
        assert 'hreflang="en"' in feed and f"?translation={published.id}" in feed
        assert 'title="The Capucins market"' in feed


@pytest.mark.parametrize("surface", SURFACES)
def test_a_translation_waiting_for_review_is_on_no_surface(client, story, waiting, surface):
    assert not SURFACES[surface](client, story, waiting)


def _withdraw(user):
    consent = db.session.scalar(
        db.select(Consent).filter_by(user_id=user.id, kind=CONSENT_PARENTAL)
    )
    consent.granted = False
    db.session.commit()


EVENTS = {
    "story unpublished": lambda p, s, t: setattr(s, "status", "unpublished"),
    "story hidden after reports": lambda p, s, t: setattr(s, "hidden_at", utcnow()),
    "author's consent withdrawn": lambda p, s, t: _withdraw(p.lea),
    "translator's consent withdrawn": lambda p, s, t: _withdraw(p.amina),
    "exchange made private": lambda p, s, t: setattr(p.exchange, "invited_published_at", None),
    "translation taken down": lambda p, s, t: translating.decide_translation(
        t, p.edu_a, "unpublish", "Not faithful."
    ),
}


@pytest.mark.parametrize("event", EVENTS)
@pytest.mark.parametrize("surface", SURFACES)
def test_every_event_that_hides_takes_the_translation_off_every_surface(
    client, pair, story, published, event, surface
):
    assert SURFACES[surface](client, story, published)
    EVENTS[event](pair, story, published)
    db.session.commit()
    assert not SURFACES[surface](client, story, published)


@pytest.mark.parametrize("event", EVENTS)
def test_the_sql_rule_and_the_predicate_agree(pair, story, published, event):
    def agree():
        listed = published in db.session.scalars(public_translations()).all()
        assert listed == translating.can_view_translation(AnonymousUser(), published)
        return listed

    assert agree()
    EVENTS[event](pair, story, published)
    db.session.commit()
    assert not agree()


def test_the_translators_export_holds_their_translation(app, pair, published):
    with app.test_request_context():
        spool = write_export(pair.amina)
    archive = zipfile.ZipFile(io.BytesIO(spool.read()))
    data = json.loads(archive.read("data.json"))
    (mine,) = data["translations"]
    assert (mine["language"], mine["title"], mine["status"]) == (
        "en",
        "The Capucins market",
        "approved",
    )
    assert f"On Sunday we buy {WORD}." in mine["texts"]
    assert {e["action"] for e in data["moderation"]} >= {"submit", "approve"}
    assert "The Capucins market" in archive.read("translations.csv").decode()
    assert 'lang="en"' in archive.read("index.html").decode()
    with app.test_request_context():
        spool = write_export(pair.lea)  # the story's author: not their translation
    other = json.loads(zipfile.ZipFile(io.BytesIO(spool.read())).read("data.json"))
    assert other["translations"] == []


def test_the_translators_educators_see_it_waiting_in_their_queue(client, pair, story, waiting):
    login_as(client, pair.edu_b)
    html = client.get("/moderation/").get_data(as_text=True)
    assert 'id="translation-queue"' in html and "The Capucins market" in html
    assert f"/stories/{story.id}#translation-{waiting.id}" in html
    assert waiting.id and "Review the translation" in html
    login_as(client, pair.edu_a)  # the story's educators do not review it
    assert 'id="translation-queue"' not in client.get("/moderation/").get_data(as_text=True)


def test_a_decided_translation_leaves_the_queue_and_the_log_names_it(client, pair, published):
    login_as(client, pair.edu_b)
    assert 'id="translation-queue"' not in client.get("/moderation/").get_data(as_text=True)
    log = client.get("/moderation/log?type=translation").get_data(as_text=True)
    assert "Translation of “Le marché des Capucins”" in log


def test_deleting_the_translators_account_takes_their_translation_off_every_surface(
    client, pair, story, published
):
    from storyhub.rights.erasure import erase_account
    from storyhub.stories.models import StoryTranslation

    assert found_by_search(client, story, published) and in_api(client, story, published)
    erase_account(pair.amina, pair.amina)
    assert db.session.scalar(db.select(db.func.count(StoryTranslation.id))) == 0
    assert not found_by_search(client, story, published)
    assert not in_api(client, story, published) and not in_feed(client, story, published)
    assert client.get(f"/stories/{story.id}").status_code == 200  # the story itself stays
