"""The safety net: any commit that changes a story's visibility or text updates the index."""

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.public.queries import StoryFilters
from storyhub.search.models import SearchDocument
from storyhub.search.queries import search_stories
from tests import factories
from tests.search.helpers import add_media


def indexed_ids():
    return set(db.session.scalars(db.select(SearchDocument.story_id)))


def titles(query):
    return [hit.story.title for hit in search_stories(query, StoryFilters()).hits]


@pytest.fixture
def round_():
    return factories.make_round(factories.make_exchange(public=True))


def test_approving_indexes_without_any_hook(round_):
    story = factories.make_story(
        round_,
        round_.exchange.inviting_group,
        status="submitted",
        title="Le phare",
        text="<p>Le phare</p>",
    )
    assert indexed_ids() == set()
    story.status, story.published_at = "approved", utcnow()
    db.session.commit()
    assert indexed_ids() == {story.id}
    assert titles("phares") == ["Le phare"]


def test_unpublishing_unindexes_without_any_hook(round_):
    story = factories.make_story(round_, round_.exchange.inviting_group, status="approved")
    assert indexed_ids() == {story.id}
    story.status = "unpublished"
    db.session.commit()
    assert indexed_ids() == set()


def test_an_exchange_made_private_or_public_again_follows(round_):
    story = factories.make_story(round_, round_.exchange.inviting_group, status="approved")
    exchange = round_.exchange
    exchange.invited_published_at = None
    db.session.commit()
    assert indexed_ids() == set()
    exchange.invited_published_at = utcnow()
    db.session.commit()
    assert indexed_ids() == {story.id}


def test_a_changed_block_or_media_text_is_reindexed(round_):
    story = factories.make_story(round_, round_.exchange.inviting_group, status="approved")
    story.blocks[0].body_html = "<p>Les mouettes</p>"
    db.session.commit()
    assert titles("mouette") == [story.title]
    item = add_media(story, kind="audio", transcript="Le ressac")
    assert titles("ressac") == [story.title]
    item.transcript = "Le clapotis"
    db.session.commit()
    assert titles("ressac") == []
    assert titles("clapotis") == [story.title]


def test_a_rolled_back_change_leaves_the_index_alone(round_):
    story = factories.make_story(round_, round_.exchange.inviting_group, status="draft")
    story.status = "approved"
    db.session.flush()
    db.session.rollback()
    db.session.commit()
    assert indexed_ids() == set()


def test_the_net_can_be_turned_off(app, round_):
    app.config["SEARCH_AUTO_INDEX"] = False
    try:
        factories.make_story(round_, round_.exchange.inviting_group, status="approved")
        assert indexed_ids() == set()
    finally:
        app.config["SEARCH_AUTO_INDEX"] = True
