"""A parental consent withdrawn takes the story out of everyone's view: its unread, unmailed
"is published" notices leave the bell (and the digest) at once; read ones stay; a consent only
narrowed to the exchange keeps them (the twin group still reads the story)."""

import pytest

from storyhub.consent.services import record_member_consents
from storyhub.extensions import db
from storyhub.notifications.models import Notification
from storyhub.notifications.services import unread_count
from storyhub.stories import services
from tests.stories.helpers import make_pair, text_input


@pytest.fixture
def pair(english):
    return make_pair()


@pytest.fixture
def english(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


@pytest.fixture
def published(pair):
    story = services.start_story(pair.round, pair.lea, text_input("The quay"), submit=True)
    services.approve_story(story, pair.edu_a)
    return story


def _record(pair, parental):
    return record_member_consents(
        pair.a, pair.lea, {"parental": parental, "image": "no"}, None, "", pair.edu_a
    )


def _published_notices(user):
    query = db.select(Notification).filter_by(user_id=user.id, kind="twin_published")
    return list(db.session.scalars(query))


def test_withdrawing_parental_consent_retracts_the_unread_published_notices(pair, published):
    assert len(_published_notices(pair.amina)) == 1
    before = unread_count(pair.amina)
    _record(pair, "no")
    assert _published_notices(pair.amina) == []
    assert unread_count(pair.amina) == before - 1  # the bell follows at once


def test_a_notice_already_read_stays(pair, published):
    [note] = _published_notices(pair.amina)
    note.read_at = note.created_at
    db.session.commit()
    _record(pair, "no")
    assert db.session.get(Notification, note.id) is not None


def test_narrowing_the_consent_to_the_exchange_keeps_the_notices(pair, published):
    _record(pair, "exchange")
    assert len(_published_notices(pair.amina)) == 1
