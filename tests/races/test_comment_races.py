"""Two educators review the same comment at once: exactly one decision is recorded."""

import pytest

from storyhub.accounts.models import User
from storyhub.core.lifecycle import LostRace
from storyhub.extensions import db
from storyhub.responses import services
from storyhub.responses.models import Comment
from tests import factories
from tests.races.helpers import after, at_once, get, log_actions, notices


@pytest.fixture
def waiting():
    """A twin young person's comment on a published story, waiting for their two educators."""
    story_educator = factories.make_educator()
    group = factories.make_group(story_educator)
    first, second = factories.make_educator(), factories.make_educator()
    twin = factories.make_group(first)
    twin.educators.append(second)
    round_ = factories.make_round(factories.make_exchange(group, twin))
    story = factories.make_story(
        round_, group, authors=[factories.make_young(group)], status="approved"
    )
    writer = factories.make_young(twin)
    comment = services.post_comment(writer, story, "How do you go to school?")
    comment.story_educator = story_educator
    return comment, first, second, writer


def _review(comment_id, user_id, action, reason=""):
    def run():
        return services.moderate_comment(
            get(Comment, comment_id), get(User, user_id), action, reason
        )

    return run


def _assert_one_decision(comment_id):
    db.session.expire_all()
    comment = db.session.get(Comment, comment_id)
    steps = [a for a in log_actions("comment", comment_id) if a in ("forward", "reject")]
    assert len(steps) == 1
    if steps == ["reject"]:
        assert comment.status == "rejected" and comment.reason == "Not kind"
        assert notices("comment_submitted") == 2  # the writer's two educators; no one further
    else:  # passed on to the story's educators, reason empty
        assert comment.status == "submitted" and comment.reason == ""
        assert comment.review_group_id == comment.story.group_id
        assert notices("comment_rejected") == 0


@pytest.mark.postgresql
@pytest.mark.parametrize("run", range(3))
def test_approve_and_reject_a_comment_at_once_exactly_one_wins(app, monkeypatch, waiting, run):
    comment, first, second, writer = waiting
    threads = at_once(
        app,
        monkeypatch,
        _review(comment.id, first.id, "approve"),
        _review(comment.id, second.id, "reject", "Not kind"),
    )
    assert sum(t.won for t in threads) == 1, [t.error for t in threads]
    assert all(isinstance(t.error, LostRace) for t in threads if not t.won)
    _assert_one_decision(comment.id)


def test_a_review_read_before_another_is_not_recorded(app, waiting):
    comment, first, second, writer = waiting
    assert comment.status == "submitted"  # what the first educator's page read
    assert after(app, _review(comment.id, second.id, "reject", "Not kind")).won
    with pytest.raises(LostRace) as lost:
        services.moderate_comment(comment, first, "approve")
    assert lost.value.message == "Quelqu’un vient déjà de relire ce commentaire."
    _assert_one_decision(comment.id)


def test_a_take_down_read_before_another_is_not_recorded(app, waiting):
    """Published comment: its writer's educator unpublishes it while the story's educator, on
    a page read before, hides it; the state stays the first decision's (no reviewers change)."""
    comment, first, second, writer = waiting
    story_educator = comment.story_educator
    services.approve_comment(comment, first)
    services.approve_comment(comment, story_educator)
    assert comment.status == "approved" and comment.review_group_id is None  # the stale page
    assert after(app, _review(comment.id, second.id, "unpublish", "Not kind")).won
    with pytest.raises(LostRace):
        services.hide_comment(comment, story_educator, "Rude")
    db.session.expire_all()
    comment = db.session.get(Comment, comment.id)
    assert (comment.status, comment.reason) == ("rejected", "Not kind")
    assert log_actions("comment", comment.id).count("hide") == 0
    assert notices("comment_hidden") == 0
