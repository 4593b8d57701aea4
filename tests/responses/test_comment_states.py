"""The comment state machine: each allowed transition, each refused one with its message."""

import pytest

from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_PARENTAL, Consent
from storyhub.moderation.models import ModerationEntry
from storyhub.notifications.models import Notification
from storyhub.responses import services
from storyhub.responses.models import Comment
from tests import factories


def _log(comment):
    query = db.select(ModerationEntry).filter_by(target_type="comment", target_id=comment.id)
    return [
        (e.action, e.from_status, e.to_status)
        for e in db.session.scalars(query.order_by(ModerationEntry.id))
    ]


def _notified(user, kind):
    return db.session.scalars(db.select(Notification).filter_by(user_id=user.id, kind=kind)).all()


def test_twin_young_person_comment_waits_for_their_educator(pair):
    comment = services.post_comment(pair.young_b, pair.story, "Is the square busy at night?")
    assert comment.status == "submitted"
    assert comment.group_id == pair.group_b.id
    assert _log(comment) == [("submit", "", "submitted")]
    assert len(_notified(pair.educator_b, "comment_submitted")) == 1
    assert _notified(pair.educator_a, "comment_submitted") == []
    assert _notified(pair.author, "comment_received") == []


def publish(pair, comment):
    """Both sides approve a twin young person's comment."""
    services.approve_comment(comment, pair.educator_b)
    return services.approve_comment(comment, pair.educator_a)


def test_twin_educator_comment_waits_for_the_story_educator(pair):
    comment = services.post_comment(pair.educator_b, pair.story, "Thank you, all of you.")
    assert (comment.status, comment.review_group_id) == ("submitted", pair.group_a.id)
    assert len(_notified(pair.educator_a, "comment_submitted")) == 1
    assert _notified(pair.author, "comment_received") == []
    services.approve_comment(comment, pair.educator_a)
    assert comment.status == "approved"
    assert _log(comment) == [("submit", "", "submitted"), ("approve", "submitted", "approved")]
    assert len(_notified(pair.author, "comment_received")) == 1


def test_young_persons_comment_goes_through_both_sides(pair):
    comment = services.post_comment(pair.young_b, pair.story, "We have a square too!")
    services.approve_comment(comment, pair.educator_b)
    assert (comment.status, comment.review_group_id) == ("submitted", pair.group_a.id)
    assert _notified(pair.author, "comment_received") == []
    assert len(_notified(pair.educator_a, "comment_submitted")) == 1
    services.approve_comment(comment, pair.educator_a)
    assert comment.status == "approved"
    assert comment.moderated_by_id == pair.educator_a.id
    assert _log(comment) == [
        ("submit", "", "submitted"),
        ("forward", "submitted", "submitted"),
        ("submit", "", "submitted"),
        ("approve", "submitted", "approved"),
    ]
    received = _notified(pair.author, "comment_received")
    assert len(received) == 1
    assert received[0].link.endswith("#responses")  # grouped: one notice per story
    assert len(_notified(pair.young_b, "comment_approved")) == 1


def test_story_educator_cannot_skip_the_writers_educator(pair):
    comment = services.post_comment(pair.young_b, pair.story, "Hello.")
    with pytest.raises(DomainError, match="review this comment now"):
        services.approve_comment(comment, pair.educator_a)
    assert comment.status == "submitted"


def test_educator_rejects_a_submitted_comment_with_a_reason(pair):
    comment = services.post_comment(pair.young_b, pair.story, "Boring.")
    services.reject_comment(comment, pair.educator_b, "Say what you felt, kindly.")
    assert comment.status == "rejected"
    assert comment.reason == "Say what you felt, kindly."
    entry = db.session.scalars(db.select(ModerationEntry).filter_by(action="reject")).one()
    assert entry.reason == "Say what you felt, kindly."
    rejected = _notified(pair.young_b, "comment_rejected")
    assert rejected[0].params["reason"] == "Say what you felt, kindly."
    assert _notified(pair.author, "comment_received") == []


def test_educator_unpublishes_a_published_comment_with_a_reason(pair):
    comment = services.post_comment(pair.young_b, pair.story, "Nice.")
    publish(pair, comment)
    services.unpublish_comment(comment, pair.educator_b, "Approved by mistake.")
    assert comment.status == "rejected"
    assert _log(comment)[-1] == ("unpublish", "approved", "rejected")


@pytest.mark.parametrize(
    "status, action, message",
    [
        ("approved", "approve", "review this comment now"),
        ("approved", "reject", "review this comment now"),
        ("rejected", "approve", "review this comment now"),
        ("rejected", "reject", "review this comment now"),
        ("rejected", "unpublish", "already rejected"),
        ("submitted", "unpublish", "not published yet"),
        ("submitted", "remove", "does not exist"),
    ],
)
def test_refused_transitions_say_why(pair, status, action, message):
    comment = services.post_comment(pair.young_b, pair.story, "Hello from B.")
    comment.status = status
    if status != "submitted":
        comment.review_group_id = None
    db.session.commit()
    entries = len(_log(comment))
    with pytest.raises(DomainError, match=message):
        services.moderate_comment(comment, pair.educator_b, action, "a reason")
    assert db.session.get(Comment, comment.id).status == status
    assert len(_log(comment)) == entries


@pytest.mark.parametrize("action", ["reject", "unpublish"])
def test_a_reason_is_required_to_refuse(pair, action):
    comment = services.post_comment(pair.young_b, pair.story, "Hello.")
    if action == "unpublish":
        publish(pair, comment)
    with pytest.raises(DomainError, match="give a reason"):
        services.moderate_comment(comment, pair.educator_b, action, "  <b></b> ")


@pytest.mark.parametrize("who", ["young_b", "author", "educator_a"])
def test_only_the_writers_educators_approve_first(pair, who):
    comment = services.post_comment(pair.young_b, pair.story, "Hello.")
    with pytest.raises(DomainError, match="review this comment now"):
        services.approve_comment(comment, getattr(pair, who))
    assert comment.status == "submitted"


def test_unverified_co_educator_cannot_approve(pair):
    pending = factories.make_educator(verified=False)
    pair.group_b.educators.append(pending)
    db.session.commit()
    comment = services.post_comment(pair.young_b, pair.story, "Hello.")
    with pytest.raises(DomainError, match="review this comment now"):
        services.approve_comment(comment, pending)


def test_no_approval_without_parental_consent(pair):
    comment = services.post_comment(pair.young_b, pair.story, "Hello.")
    db.session.execute(db.delete(Consent).filter_by(user_id=pair.young_b.id, kind=CONSENT_PARENTAL))
    db.session.commit()
    with pytest.raises(DomainError, match="Parental consent"):
        services.approve_comment(comment, pair.educator_b)
    assert comment.status == "submitted"


def test_author_answers_a_published_comment_moderated_by_their_own_educator(pair):
    comment = services.post_comment(pair.young_b, pair.story, "How old is the square?")
    publish(pair, comment)
    answer = services.answer_comment(pair.author, comment, "Two hundred years!")
    assert (answer.status, answer.group_id, answer.parent_id) == (
        "submitted",
        pair.group_a.id,
        comment.id,
    )
    assert len(_notified(pair.educator_a, "comment_submitted")) == 2
    with pytest.raises(DomainError, match="review this comment now"):
        services.approve_comment(answer, pair.educator_b)
    services.approve_comment(answer, pair.educator_a)
    assert answer.status == "approved"
    assert len(_notified(pair.young_b, "comment_answered")) == 1


@pytest.mark.parametrize("who", ["other_a", "young_b", "educator_b"])
def test_only_the_story_people_answer(pair, who):
    comment = services.post_comment(pair.educator_b, pair.story, "Welcome!")
    services.approve_comment(comment, pair.educator_a)
    with pytest.raises(DomainError, match="story's authors"):
        services.answer_comment(getattr(pair, who), comment, "Me too.")


def test_no_answer_to_an_unpublished_comment_or_to_an_answer(pair):
    waiting = services.post_comment(pair.young_b, pair.story, "Hello.")
    with pytest.raises(DomainError, match="story's authors"):
        services.answer_comment(pair.author, waiting, "Hi.")
    published = services.post_comment(pair.educator_b, pair.story, "Welcome!")
    services.approve_comment(published, pair.educator_a)
    answer = services.answer_comment(pair.educator_a, published, "Thanks!")
    assert answer.status == "approved"
    with pytest.raises(DomainError, match="story's authors"):
        services.answer_comment(pair.author, answer, "Nested.")
