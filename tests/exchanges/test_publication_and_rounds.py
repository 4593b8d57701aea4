"""The two keys of publication, and rounds proposed by either side."""

from datetime import date, timedelta

import pytest

from storyhub.core.errors import DomainError
from storyhub.exchanges import services
from storyhub.exchanges.permissions import can_view_exchange
from storyhub.exchanges.rounds import RoundDetails, propose_round
from storyhub.extensions import db
from storyhub.notifications.models import Notification
from tests import factories

TODAY = date.today()

pytestmark = pytest.mark.usefixtures("english")


def kinds(user) -> list[str]:
    query = db.select(Notification.kind).filter_by(user_id=user.id)
    return list(db.session.scalars(query))


def refused(call, *args) -> str:
    with pytest.raises(DomainError) as error:
        call(*args)
    return error.value.message


@pytest.fixture
def exchange(side_a, side_b):
    return factories.make_exchange(
        side_a.group,
        side_b.group,
        starts_on=TODAY - timedelta(days=10),
        ends_on=TODAY + timedelta(days=300),
    )


# --- two keys -----------------------------------------------------------------------------------


def test_one_key_keeps_the_exchange_private(exchange, side_a, side_b, client):
    assert services.publish_exchange(exchange, side_a.educator) is False
    assert exchange.inviting_published_at is not None
    assert exchange.invited_published_at is None
    assert not exchange.is_public
    assert "exchange_published" not in kinds(side_a.educator)


def test_both_keys_make_it_public_and_both_educators_are_told(exchange, side_a, side_b):
    services.publish_exchange(exchange, side_a.educator)
    assert services.publish_exchange(exchange, side_b.educator) is True
    assert exchange.is_public
    assert exchange.invited_published_by_id == side_b.educator.id
    assert "exchange_published" in kinds(side_a.educator)
    assert "exchange_published" in kinds(side_b.educator)
    assert "exchange_published" not in kinds(side_a.young)


def test_either_side_removing_its_key_makes_it_private_again(exchange, side_a, side_b):
    services.publish_exchange(exchange, side_a.educator)
    services.publish_exchange(exchange, side_b.educator)
    services.unpublish_exchange(exchange, side_b.educator)
    assert not exchange.is_public
    assert exchange.inviting_published_at is not None
    services.publish_exchange(exchange, side_b.educator)
    services.unpublish_exchange(exchange, side_a.educator)
    assert not exchange.is_public


def test_a_side_cannot_publish_twice(exchange, side_a):
    services.publish_exchange(exchange, side_a.educator)
    message = refused(services.publish_exchange, exchange, side_a.educator)
    assert message == "Your side has already published this exchange."


def test_a_side_cannot_unpublish_what_it_did_not_publish(exchange, side_a, side_b):
    services.publish_exchange(exchange, side_a.educator)
    message = refused(services.unpublish_exchange, exchange, side_b.educator)
    assert message == "Your side has not published this exchange."
    assert exchange.inviting_published_at is not None


def test_non_member_cannot_publish(exchange, outsider):
    message = refused(services.publish_exchange, exchange, outsider.educator)
    assert message == "Only an educator of one of the two groups can publish this exchange."


def test_young_person_cannot_publish_nor_unpublish(exchange, side_a):
    assert "Only an educator" in refused(services.publish_exchange, exchange, side_a.young)
    services.publish_exchange(exchange, side_a.educator)
    assert "Only an educator" in refused(services.unpublish_exchange, exchange, side_a.young)


def test_admin_cannot_turn_a_sides_key(exchange, admin_user):
    assert "Only an educator" in refused(services.publish_exchange, exchange, admin_user)


@pytest.mark.parametrize("status", ["invited", "declined"])
def test_an_exchange_not_accepted_cannot_be_published(side_a, side_b, status):
    exchange = factories.make_exchange(side_a.group, side_b.group, status=status)
    message = refused(services.publish_exchange, exchange, side_a.educator)
    assert "once the invitation is accepted" in message


def test_a_closed_exchange_can_still_be_published(side_a, side_b):
    exchange = factories.make_exchange(side_a.group, side_b.group, status="closed")
    services.publish_exchange(exchange, side_a.educator)
    services.publish_exchange(exchange, side_b.educator)
    assert exchange.is_public


def test_the_public_sees_the_exchange_only_with_both_keys(exchange, side_a, side_b):
    from storyhub.accounts.models import AnonymousUser

    public = AnonymousUser()
    services.publish_exchange(exchange, side_a.educator)
    assert not can_view_exchange(public, exchange)
    services.publish_exchange(exchange, side_b.educator)
    assert can_view_exchange(public, exchange)


# --- rounds -------------------------------------------------------------------------------------


def round_details(**changes) -> RoundDetails:
    values = {
        "question": "What does living together mean where you live?",
        "guidance": "Tell us about a place you share.",
        "opens_on": TODAY,
        "closes_on": TODAY + timedelta(days=30),
    }
    values.update(changes)
    return RoundDetails(**values)


@pytest.mark.parametrize("proposer", ["a", "b"])
def test_either_sides_educator_proposes_a_round_and_everyone_hears(
    exchange, side_a, side_b, proposer
):
    educator = (side_a if proposer == "a" else side_b).educator
    round_ = propose_round(exchange, educator, round_details())
    assert round_.exchange_id == exchange.id
    assert round_.proposed_by_id == educator.id
    for person in (side_a.educator, side_a.young, side_b.educator, side_b.young):
        assert "round_opened" in kinds(person)
    note = db.session.scalar(db.select(Notification).filter_by(user_id=side_b.young.id))
    assert note.params == {"exchange": exchange.title, "question": round_.question}


def test_rounds_are_listed_in_order_of_opening(exchange, side_a):
    later = propose_round(exchange, side_a.educator, round_details(opens_on=TODAY + timedelta(5)))
    sooner = propose_round(exchange, side_a.educator, round_details(question="Sooner?"))
    db.session.refresh(exchange)
    assert [r.id for r in exchange.rounds] == [sooner.id, later.id]


def test_young_person_cannot_propose_a_round(exchange, side_a):
    message = refused(propose_round, exchange, side_a.young, round_details())
    assert message == "Only an educator of one of the two groups can propose a round."


def test_educator_of_another_exchange_cannot_propose_a_round(exchange, outsider):
    assert "Only an educator" in refused(
        propose_round, exchange, outsider.educator, round_details()
    )


@pytest.mark.parametrize("status", ["invited", "closed", "declined"])
def test_rounds_only_while_the_exchange_is_active(side_a, side_b, status):
    exchange = factories.make_exchange(side_a.group, side_b.group, status=status)
    message = refused(propose_round, exchange, side_a.educator, round_details())
    assert "only while the exchange is active" in message


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"question": "  "}, "question", "Write the question"),
        ({"question": "?" * 301}, "question", "300"),
        ({"closes_on": TODAY}, "closes_on", "after the opening date"),
        ({"closes_on": TODAY - timedelta(days=1)}, "closes_on", "after the opening date"),
        (
            {"opens_on": TODAY - timedelta(days=5), "closes_on": TODAY - timedelta(days=1)},
            "closes_on",
            "already past",
        ),
        ({"opens_on": TODAY - timedelta(days=20)}, "opens_on", "before the exchange starts"),
        ({"closes_on": TODAY + timedelta(days=400)}, "closes_on", "before the exchange ends"),
        ({"opens_on": None}, "opens_on", "opening date"),
    ],
)
def test_bad_rounds_are_refused_with_a_clear_message(exchange, side_a, changes, field, words):
    with pytest.raises(services.ExchangeError) as error:
        propose_round(exchange, side_a.educator, round_details(**changes))
    assert error.value.field == field
    assert words in error.value.message
    db.session.refresh(exchange)
    assert exchange.rounds == []


def test_round_without_exchange_period_only_needs_ordered_dates(side_a, side_b):
    exchange = factories.make_exchange(side_a.group, side_b.group, starts_on=None, ends_on=None)
    round_ = propose_round(
        exchange, side_a.educator, round_details(closes_on=TODAY + timedelta(days=900))
    )
    assert round_.id
