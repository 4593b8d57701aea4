"""The moderation log: every transition with who, when, what, why; read-only, group-scoped."""

import pytest

from storyhub.extensions import db
from storyhub.moderation.models import ModerationEntry
from storyhub.moderation.services import log_transition
from storyhub.stories import services
from tests import factories
from tests.stories.helpers import text_input

EN = {"Accept-Language": "en"}


@pytest.fixture
def decided(pair, english):
    """A story of group A sent back once, then approved."""
    story = services.start_story(pair.round, pair.lea, text_input(title="Our square"))
    services.submit_story(story, pair.lea)
    services.request_changes(story, pair.edu_a, "More about the benches, please.")
    services.submit_story(story, pair.lea)
    services.approve_story(story, pair.edu_a)
    return story


def test_every_transition_is_in_the_log_with_who_and_why(as_user, pair, decided):
    html = as_user(pair.edu_a).get("/moderation/log", headers=EN).get_data(as_text=True)
    assert html.count("sent for review") == 2
    assert "asked for changes" in html and "approved" in html
    assert "More about the benches, please." in html
    assert pair.edu_a.display_name in html and "Léa" in html
    assert f"/moderation/stories/{decided.id}" in html


def test_the_review_page_shows_the_story_history(as_user, pair, decided):
    html = as_user(pair.edu_a).get(f"/moderation/stories/{decided.id}", headers=EN)
    text = html.get_data(as_text=True)
    assert "History of this story" in text and "More about the benches, please." in text


def test_educators_of_another_group_do_not_see_this_log(as_user, pair, decided):
    for url in ("/moderation/log", f"/moderation/log?group={pair.a.id}"):
        page = as_user(pair.edu_b).get(url, headers=EN)
        assert page.status_code == 200 and "<h1>Moderation log</h1>" in page.text
        assert "More about the benches" not in page.text


def test_young_people_and_the_public_cannot_read_the_log(as_user, client, pair, decided):
    assert client.get("/moderation/log").status_code == 302
    assert as_user(pair.lea).get("/moderation/log").status_code == 403


def test_admins_read_every_log(as_user, pair, decided):
    html = as_user(factories.make_admin()).get("/moderation/log").get_data(as_text=True)
    assert "More about the benches" in html


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_the_log_cannot_be_changed(as_user, pair, decided, method):
    client = as_user(pair.edu_a)
    entry_id = db.session.scalar(db.select(ModerationEntry.id))
    for url in ("/moderation/log", f"/moderation/log/{entry_id}"):
        assert getattr(client, method)(url).status_code in (404, 405)
    assert db.session.scalar(db.select(db.func.count(ModerationEntry.id))) == 4


def test_other_areas_entries_show_too(as_user, pair):
    log_transition("comment", 7, pair.a.id, pair.edu_a, "approve", "pending", "approved", "")
    db.session.commit()
    html = (
        as_user(pair.edu_a).get("/moderation/log?type=comment", headers=EN).get_data(as_text=True)
    )
    assert "comment" in html and "approved" in html


@pytest.mark.parametrize(
    "query",
    ["?page=abc", "?page=-3", "?page=99999999999", "?group=abc", "?group=9" * 30, "?type=x"],
)
def test_garbage_filters_never_make_a_500(as_user, pair, decided, query):
    assert as_user(pair.edu_a).get("/moderation/log" + query).status_code == 200
