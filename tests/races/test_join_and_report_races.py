"""A join request answered twice at once; a report filed while an educator decides."""

import pytest

from storyhub.accounts.models import User
from storyhub.core.lifecycle import LostRace
from storyhub.extensions import db
from storyhub.groups import services as groups
from storyhub.groups.models import Group, JoinRequest
from storyhub.reports import appeals
from storyhub.reports import services as reports
from storyhub.reports.models import Appeal, Report
from storyhub.stories.models import Story
from tests import factories
from tests.races.helpers import after, at_once, get, log_actions, notices


@pytest.fixture
def waiting():
    """A young person who joined with the code, waiting; the group has two educators."""
    first, second = factories.make_educator(), factories.make_educator()
    group = factories.make_group(first)
    group.educators.append(second)
    db.session.commit()
    user = groups.join_group(group.join_code, "Léa", "lea.b", "mangue42")
    request_id = db.session.scalar(db.select(JoinRequest.id).filter_by(user_id=user.id))
    return group, user, request_id


def _answer(group_id, request_id, approve: bool):
    answer = groups.approve_join if approve else groups.refuse_join
    return lambda: answer(get(Group, group_id), request_id)


def _state(user_id):
    db.session.expire_all()
    user = db.session.get(User, user_id)
    pending = db.session.scalar(db.select(db.func.count(JoinRequest.id)))
    return user, pending


@pytest.mark.postgresql
@pytest.mark.parametrize("run", range(3))
def test_let_in_and_refuse_at_once_exactly_one_wins(app, monkeypatch, waiting, run):
    group, user, request_id = waiting
    user_id = user.id
    approving, refusing = at_once(
        app, monkeypatch, _answer(group.id, request_id, True), _answer(group.id, request_id, False)
    )
    assert approving.won != refusing.won, (approving.error, refusing.error)
    loser = refusing if approving.won else approving
    assert isinstance(loser.error, LostRace)
    user, pending = _state(user_id)
    assert pending == 0
    if approving.won:  # a member now, never deleted by the late refusal
        assert user is not None and user.group_id == group.id
    else:
        assert user is None


@pytest.mark.parametrize("first_answer", [True, False])
def test_an_answer_read_before_another_educators_is_not_recorded(app, waiting, first_answer):
    group, user, request_id = waiting
    user_id = user.id
    assert db.session.get(JoinRequest, request_id) is not None  # read by the stale page
    _ = user.group_id, user.join_request  # as the stale page loaded them
    assert after(app, _answer(group.id, request_id, first_answer)).won
    with pytest.raises(LostRace) as lost:
        (groups.refuse_join if first_answer else groups.approve_join)(group, request_id)
    assert lost.value.message == str(groups.JOIN_ALREADY_ANSWERED)
    user, pending = _state(user_id)
    if first_answer:
        assert user is not None and user.group_id == group.id
    else:
        assert user is None


@pytest.fixture
def published():
    """A published story of a public exchange, with one open (not serious) report on it."""
    educator = factories.make_educator()
    group = factories.make_group(educator)
    author = factories.make_young(group)
    exchange = factories.make_exchange(group, public=True)
    story = factories.make_story(
        factories.make_round(exchange), group, authors=[author], status="approved"
    )
    reports.file_report(story, factories.make_admin(), "198.51.100.1", "bullying")
    db.session.commit()
    return story, educator


def _serious_report(story_id):
    reporter_id = factories.make_educator().id

    def run():
        return reports.file_report(
            get(Story, story_id), get(User, reporter_id), "203.0.113.9", "child_data"
        )

    return run


def _assert_agrees(story_id):
    """The item is hidden exactly while a report waits; the log's last word says the same."""
    db.session.expire_all()
    story = db.session.get(Story, story_id)
    still_open = db.session.scalar(db.select(db.func.count(Report.id)).filter_by(status="open"))
    actions = [a for a in log_actions("story", story_id) if a in ("report_hide", "report_keep")]
    assert (story.hidden_at is not None) == (still_open > 0) == (actions[-1] == "report_hide")
    assert notices("content_reported") == actions.count("report_hide")


def test_a_report_filed_while_the_educator_decides_is_not_lost(app, monkeypatch, published):
    """The serious report lands between the page the educator read and the decision."""
    story, educator = published
    story_id = story.id
    report_now = _serious_report(story_id)  # (its reporter is made, and committed, first)
    assert story.hidden_at is None  # what the educator's page read
    original = reports.can_review_item

    def report_lands_now(actor, item):
        assert after(app, report_now).won
        return original(actor, item)

    monkeypatch.setattr(reports, "can_review_item", report_lands_now)
    reports.decide(story, educator, "keep")
    _assert_agrees(story_id)


@pytest.mark.postgresql
@pytest.mark.parametrize("run", range(4))
def test_report_and_decision_at_once_state_log_and_notices_agree(app, monkeypatch, published, run):
    story, educator = published
    story_id, educator_id = story.id, educator.id
    decide = lambda: reports.decide(get(Story, story_id), get(User, educator_id), "keep")  # noqa: E731
    threads = at_once(app, monkeypatch, decide, _serious_report(story_id), hook="lock")
    assert all(t.won for t in threads), [t.error for t in threads]
    _assert_agrees(story_id)


@pytest.mark.postgresql
def test_two_serious_reports_at_once_hide_and_warn_once(app, monkeypatch, published):
    story, educator = published
    threads = at_once(
        app, monkeypatch, _serious_report(story.id), _serious_report(story.id), hook="lock"
    )
    assert all(t.won for t in threads), [t.error for t in threads]
    assert log_actions("story", story.id).count("report_hide") == 1
    assert notices("content_reported", educator) == 1


@pytest.fixture
def appealed(published):
    """A story unpublished after a report, its educator's appeal waiting for the admins."""
    story, educator = published
    first, second = factories.make_admin(), factories.make_admin()
    reports.decide(story, first, "unpublish", "Looked like an address")
    appeal = appeals.request_appeal(story, educator, "It is the name of a café")
    return story, appeal, first, second


def _decide_appeal(appeal_id, admin_id, reverse):
    def run():
        appeal = get(Appeal, appeal_id)
        return appeals.decide_appeal(appeal, get(User, admin_id), reverse, "Looked again")

    return run


def _assert_one_answer(story_id, appeal_id):
    db.session.expire_all()
    appeal, story = db.session.get(Appeal, appeal_id), db.session.get(Story, story_id)
    answers = [a for a in log_actions("story", story_id) if a.startswith("appeal")]
    assert answers == ["appeal", f"appeal_{appeal.status}"]
    assert story.status == ("approved" if appeal.status == "reversed" else "unpublished")
    assert notices("appeal_decided") == 1


def test_an_appeal_answered_on_a_page_read_before_another_admin_is_not_recorded(app, appealed):
    story, appeal, first, second = appealed
    assert appeal.status == "open"  # what the second admin's page read
    assert after(app, _decide_appeal(appeal.id, first.id, False)).won
    with pytest.raises(LostRace):
        appeals.decide_appeal(appeal, second, True, "Shown again")
    _assert_one_answer(story.id, appeal.id)


@pytest.mark.postgresql
@pytest.mark.parametrize("run", range(3))
def test_uphold_and_reverse_at_once_exactly_one_answer(app, monkeypatch, appealed, run):
    story, appeal, first, second = appealed
    threads = at_once(
        app,
        monkeypatch,
        _decide_appeal(appeal.id, first.id, False),
        _decide_appeal(appeal.id, second.id, True),
        hook="lock",  # both have read the open appeal; then both lock the item to decide
    )
    assert sum(t.won for t in threads) == 1, [t.error for t in threads]
    _assert_one_answer(story.id, appeal.id)
