"""Both groups are told when a round opens (a round planned for later: when it opens, its
other side's educators at once) and a group that has not sent its story is reminded once, two
days before the round closes."""

from datetime import UTC, date, datetime, timedelta

import pytest

from storyhub.exchanges.rounds import RoundDetails, propose_round
from storyhub.extensions import db
from storyhub.notifications.models import Notification
from storyhub.stories import services
from storyhub.stories.round_notices import remind_closing_rounds, tell_opened_rounds
from tests import factories
from tests.stories.helpers import make_pair, text_input

DEADLINE = datetime(2030, 6, 10, 23, 59, 59, tzinfo=UTC)


def _kinds(user):
    query = db.select(Notification.kind).filter_by(user_id=user.id).order_by(Notification.id)
    return list(db.session.scalars(query))


@pytest.fixture
def pair(english):
    pair = make_pair()
    pair.round.opening_told_at = pair.round.opens_at  # told long ago
    db.session.commit()
    return pair


def test_a_round_planned_for_later_is_told_to_both_groups_when_it_opens(app, pair):
    later = date.today() + timedelta(days=5)
    round_ = propose_round(
        pair.exchange,
        pair.edu_a,
        RoundDetails(question="Our markets?", opens_on=later, closes_on=later + timedelta(20)),
    )
    assert "round_opened" not in _kinds(pair.amina) and "round_opened" not in _kinds(pair.lea)
    assert "round_planned" in _kinds(pair.edu_b)  # the other side's educators know at once
    assert "round_planned" not in _kinds(pair.edu_a)
    assert tell_opened_rounds(datetime.now(UTC)) == 0  # not open yet
    opened = round_.opens_at.replace(tzinfo=UTC) + timedelta(minutes=1)
    assert tell_opened_rounds(opened) == 1
    for person in (pair.amina, pair.lea, pair.edu_a, pair.edu_b):
        assert _kinds(person).count("round_opened") == 1
    assert tell_opened_rounds(opened + timedelta(hours=1)) == 0  # once


def test_a_round_open_at_once_is_told_at_once_and_never_again(app, pair):
    today = date.today()
    propose_round(
        pair.exchange,
        pair.edu_a,
        RoundDetails(question="Our streets?", opens_on=today, closes_on=today + timedelta(9)),
    )
    assert _kinds(pair.amina).count("round_opened") == 1
    assert tell_opened_rounds(datetime.now(UTC) + timedelta(hours=1)) == 0
    assert _kinds(pair.amina).count("round_opened") == 1


@pytest.fixture
def closing(pair):
    """The pair's round closes on 10 June 2030 at 23:59:59 UTC."""
    pair.round.set_dates(date(2026, 10, 1), date(2030, 6, 10), "UTC")
    db.session.commit()
    return pair


def test_the_group_that_has_not_answered_is_reminded_once_two_days_before(app, closing):
    story = services.start_story(closing.round, closing.lea, text_input())
    services.submit_story(story, closing.lea)  # Bordeaux has sent its story
    assert remind_closing_rounds(DEADLINE - timedelta(days=3)) == 0  # too early
    assert remind_closing_rounds(DEADLINE - timedelta(hours=40)) == 1
    assert "round_closing" in _kinds(closing.amina) and "round_closing" in _kinds(closing.edu_b)
    assert "round_closing" not in _kinds(closing.lea)  # its group answered
    assert "round_closing" not in _kinds(closing.edu_a)
    assert remind_closing_rounds(DEADLINE - timedelta(hours=20)) == 0  # once only
    assert _kinds(closing.amina).count("round_closing") == 1


def test_a_draft_is_not_an_answer(app, closing):
    services.start_story(closing.round, closing.lea, text_input())  # a draft only
    remind_closing_rounds(DEADLINE - timedelta(hours=10))
    assert "round_closing" in _kinds(closing.lea)


def test_a_closed_round_or_exchange_gets_no_reminder(app, closing):
    assert remind_closing_rounds(DEADLINE + timedelta(minutes=1)) == 0
    closing.exchange.status = "closed"
    db.session.commit()
    assert remind_closing_rounds(DEADLINE - timedelta(hours=10)) == 0
    assert "round_closing" not in _kinds(closing.amina)


def test_the_command_sends_them(app, closing):
    result = app.test_cli_runner().invoke(args=["send-round-notices"])
    assert result.exit_code == 0, result.output
    assert "rounds_opened:" in result.output and "rounds_closing:" in result.output


def test_the_reminder_reads_in_the_readers_language(as_user, closing):
    remind_closing_rounds(DEADLINE - timedelta(hours=10))
    page = as_user(closing.amina).get("/notifications/", headers={"Accept-Language": "fr"})
    assert "ferme dans moins de deux jours" in page.get_data(as_text=True)


def test_a_young_person_of_another_group_is_never_reminded(app, closing):
    stranger = factories.make_young(factories.make_group(factories.make_educator()))
    remind_closing_rounds(DEADLINE - timedelta(hours=10))
    assert _kinds(stranger) == []
