"""The digest reads the current state: a story unpublished before the digest goes is never
announced as published (nor left in the bell), and a notice already read or mailed is kept."""

import pytest

from storyhub.extensions import db
from storyhub.notifications.digest import send_digests
from storyhub.notifications.models import Notification
from storyhub.stories import services
from tests.stories.helpers import make_pair, text_input


@pytest.fixture
def pair(english):
    pair = make_pair()
    for educator in (pair.edu_a, pair.edu_b):
        educator.email_digest, educator.locale = True, "en"
    db.session.commit()
    return pair


@pytest.fixture
def english(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def _published(pair):
    story = services.start_story(pair.round, pair.lea, text_input("The quay"), submit=True)
    services.approve_story(story, pair.edu_a)
    return story


def _digest_bodies(app):
    return [mail.get_content() for mail in app.extensions.get("storyhub_outbox", [])]


def test_a_story_unpublished_before_the_digest_is_not_announced(app, pair):
    story = _published(pair)
    services.unpublish_story(story, pair.edu_a, "A surname is visible.")
    send_digests("https://sh.example")
    bodies = _digest_bodies(app)
    assert not any("published “The quay”" in body for body in bodies)
    kinds = set(db.session.scalars(db.select(Notification.kind)))
    assert "twin_published" not in kinds and "story_approved" not in kinds


def test_a_story_still_published_is_announced(app, pair):
    _published(pair)
    send_digests("https://sh.example")
    assert any("published “The quay”" in body for body in _digest_bodies(app))


def test_a_notice_already_read_is_kept_after_the_unpublishing(app, pair):
    story = _published(pair)
    note = db.session.scalars(db.select(Notification).filter_by(kind="twin_published")).first()
    note.read_at = note.created_at
    db.session.commit()
    services.unpublish_story(story, pair.edu_a, "A surname is visible.")
    assert db.session.get(Notification, note.id) is not None


def test_a_story_hidden_after_reports_is_not_announced_either(app, pair):
    from storyhub.reports.services import hide_item

    story = _published(pair)
    hide_item(story, "personal_info")
    db.session.commit()
    send_digests("https://sh.example")
    assert not any("published “The quay”" in body for body in _digest_bodies(app))
