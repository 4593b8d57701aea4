"""Approve and reject posted together on one story: exactly one wins, state, log and notices agree."""

import pytest

from storyhub.accounts.models import User
from storyhub.core.lifecycle import LostRace
from storyhub.extensions import db
from storyhub.stories import services
from storyhub.stories.models import Story
from tests import factories
from tests.races.helpers import after, at_once, get, log_actions, notices, one_winner

FR = {"Accept-Language": "fr"}
EN = {"Accept-Language": "en"}


@pytest.fixture
def submitted():
    """A submitted story of a group led by two educators, in an exchange with a twin."""
    first, second = factories.make_educator(), factories.make_educator()
    group = factories.make_group(first)
    group.educators.append(second)
    twin = factories.make_group(factories.make_educator())
    author = factories.make_young(group)
    factories.make_young(twin)
    round_ = factories.make_round(factories.make_exchange(group, twin))
    story = factories.make_story(round_, group, authors=[author], status="submitted")
    db.session.commit()
    return story, first, second, author


def _decide(story_id, user_id, action, reason=""):
    return lambda: services.take_action(get(Story, story_id), get(User, user_id), action, reason)


def _assert_consistent(story: Story, author: User):
    """Whatever won, nothing of the loser is left: state, dates, reason, log and notices."""
    decisions = [a for a in log_actions("story", story.id) if a in ("approve", "reject")]
    assert decisions == [{"approved": "approve", "rejected": "reject"}[story.status]]
    if story.status == "approved":
        assert story.published_at is not None and story.feedback == ""
        assert notices("story_approved", author) == 1 and notices("twin_published") >= 1
        assert notices("story_rejected") == 0
    else:
        assert story.published_at is None and story.feedback == "Not for this round"
        assert notices("story_rejected", author) == 1
        assert notices("story_approved") == notices("twin_published") == 0


@pytest.mark.postgresql
@pytest.mark.parametrize("run", range(5))
def test_approve_and_reject_at_once_exactly_one_wins(app, monkeypatch, submitted, run):
    story, first, second, author = submitted
    threads = at_once(
        app,
        monkeypatch,
        _decide(story.id, first.id, "approve"),
        _decide(story.id, second.id, "reject", "Not for this round"),
    )
    one_winner(threads)
    _assert_consistent(db.session.get(Story, story.id), author)


@pytest.mark.postgresql
def test_two_approvals_at_once_publish_once(app, monkeypatch, submitted):
    story, first, second, author = submitted
    threads = at_once(
        app,
        monkeypatch,
        _decide(story.id, first.id, "approve"),
        _decide(story.id, second.id, "approve"),
    )
    one_winner(threads)
    assert log_actions("story", story.id).count("approve") == 1
    assert notices("story_approved", author) == 1


@pytest.mark.parametrize(("winner", "loser"), [("approve", "reject"), ("reject", "approve")])
def test_the_decision_read_before_another_is_not_recorded(app, submitted, winner, loser):
    """The loser read 'submitted', another educator decided meanwhile: the loser's write fails."""
    story, first, second, author = submitted
    assert story.status == "submitted"  # read by the loser's page
    assert after(app, _decide(story.id, second.id, winner, "Not for this round")).won
    with pytest.raises(LostRace) as lost:
        services.take_action(story, first, loser, "Not for this round")
    assert lost.value.message == str(services.STORY_ALREADY_DECIDED)
    db.session.expire_all()
    _assert_consistent(db.session.get(Story, story.id), author)


@pytest.mark.parametrize(
    ("headers", "words"),
    [
        (EN, "Someone has just decided on this story already"),
        (FR, "Quelqu’un vient déjà de prendre une décision sur ce récit"),
    ],
)
def test_a_lost_race_answers_already_decided_in_the_users_language(
    app, client, as_user, submitted, monkeypatch, headers, words
):
    """The other educator decides between the loser's checks and its write (a real race)."""
    story, first, second, author = submitted
    original = services.GUARDS.get("approve", [])

    def other_educator_rejects_now(s):
        assert after(app, _decide(story.id, second.id, "reject", "Not for this round")).won

    monkeypatch.setitem(services.GUARDS, "approve", [*original, other_educator_rejects_now])
    response = as_user(first).post(
        f"/stories/{story.id}/approve", headers=headers, follow_redirects=True
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert words in page and story.title in page  # the flash, on the story's page
    db.session.expire_all()
    _assert_consistent(db.session.get(Story, story.id), author)
