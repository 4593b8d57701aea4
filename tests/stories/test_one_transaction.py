"""Saving and sending a story from the editor is one transaction: one commit per request, so
a story is never left saved-but-half-sent; when sending is refused the words are kept."""

from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.orm import Session

from storyhub.extensions import db
from storyhub.moderation.models import ModerationEntry
from storyhub.stories.models import Story
from tests import factories
from tests.stories.helpers import editor_form

EN = {"Accept-Language": "en"}


@contextmanager
def commits():
    """Count the commits made while the block runs."""
    seen = []

    def count(session):
        seen.append(session)

    event.listen(Session, "after_commit", count)
    try:
        yield seen
    finally:
        event.remove(Session, "after_commit", count)


def _only_story() -> Story:
    [story] = db.session.scalars(db.select(Story))
    return story


def test_a_new_story_saved_and_sent_is_one_commit(as_user, pair):
    client = as_user(pair.lea)
    with commits() as seen:
        page = client.post(
            f"/rounds/{pair.round.id}/stories/new", data=editor_form(op="submit"), headers=EN
        )
    story = _only_story()
    assert page.status_code == 302 and page.location == f"/stories/{story.id}"
    assert story.status == "submitted"
    assert len(seen) == 1


def test_a_draft_saved_and_sent_is_one_commit_with_its_log_entry(as_user, pair):
    story = factories.make_story(pair.round, pair.a, authors=[pair.lea])
    client = as_user(pair.lea)
    form = editor_form(title="New title", op="submit")
    with commits() as seen:
        page = client.post(f"/stories/{story.id}/edit", data=form, headers=EN)
    assert page.status_code == 302 and page.location == f"/stories/{story.id}"
    db.session.refresh(story)
    assert (story.status, story.title) == ("submitted", "New title")
    entry = db.session.scalar(db.select(ModerationEntry).filter_by(target_id=story.id))
    assert entry is not None and entry.action == "submit"
    assert len(seen) == 1


def test_a_refused_sending_keeps_the_words_in_one_commit(as_user, pair):
    story = factories.make_story(pair.round, pair.a, authors=[pair.lea])
    client = as_user(pair.lea)
    form = editor_form(title="", blocks=(("text", "<p>Kept words</p>"),), op="submit")
    with commits() as seen:
        page = client.post(f"/stories/{story.id}/edit", data=form, headers=EN)
    assert page.status_code == 302 and page.location == f"/stories/{story.id}/edit"
    db.session.refresh(story)
    assert story.status == "draft"
    assert story.blocks[0].body_html == "<p>Kept words</p>"
    assert len(seen) == 1
    follow = client.get(page.location, headers=EN).get_data(as_text=True)
    assert "Give your story a title" in follow
