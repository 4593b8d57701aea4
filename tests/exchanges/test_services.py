"""The exchange's life: every allowed transition, every refused one with its message."""

from datetime import date, timedelta

import pytest

from storyhub.core.errors import DomainError
from storyhub.exchanges import services
from storyhub.exchanges.models import Exchange
from storyhub.exchanges.services import ExchangeDetails
from storyhub.extensions import db
from storyhub.notifications.models import Notification
from tests import factories
from tests.exchanges.conftest import make_side

pytestmark = pytest.mark.usefixtures("english")


def details(**changes) -> ExchangeDetails:
    values = {
        "title": "Living together, from Bordeaux to Mamoudzou",
        "description": "Two groups, one question at a time.",
        "theme_ids": [factories.make_theme().id],
        "languages": ["fr"],
        "starts_on": date.today(),
        "ends_on": date.today() + timedelta(days=200),
        "message": "Hello from Bordeaux!",
    }
    values.update(changes)
    return ExchangeDetails(**values)


def invite(side_a, side_b, **changes) -> Exchange:
    return services.invite_group(side_a.educator, side_a.group, side_b.group, details(**changes))


def notifications(user, kind):
    return db.session.scalars(db.select(Notification).filter_by(user_id=user.id, kind=kind)).all()


def refused(call, *args) -> str:
    with pytest.raises(DomainError) as error:
        call(*args)
    return error.value.message


# --- inviting -----------------------------------------------------------------------------------


def test_educator_invites_an_open_group_and_its_educators_are_told(side_a, side_b):
    exchange = invite(side_a, side_b)
    assert exchange.status == "invited"
    assert exchange.inviting_group_id == side_a.group.id
    assert not exchange.is_public
    assert [t.slug for t in exchange.themes] == ["living-together"]
    (note,) = notifications(side_b.educator, "invitation_received")
    assert note.params == {"group": "Les Chartrons", "own": "Club de Mamoudzou"}
    assert note.link == f"/exchanges/{exchange.id}"
    assert notifications(side_a.educator, "invitation_received") == []


def test_a_group_cannot_twin_with_itself(side_a):
    assert refused(invite, side_a, side_a) == "A group cannot twin with itself."


def test_two_groups_of_the_same_territory_cannot_be_twinned(side_a):
    neighbour = make_side("Neighbours")
    neighbour.group.territory = side_a.group.territory
    db.session.commit()
    assert "same territory" in refused(invite, side_a, neighbour)


def test_no_duplicate_pending_invitation_between_the_same_groups(side_a, side_b):
    invite(side_a, side_b)
    assert "already waiting" in refused(invite, side_a, side_b)
    # nor the other way round
    message = refused(services.invite_group, side_b.educator, side_b.group, side_a.group, details())
    assert "already waiting" in message


def test_a_new_invitation_is_possible_once_the_first_is_declined(side_a, side_b):
    first = invite(side_a, side_b)
    services.decline_exchange(first, side_b.educator)
    assert invite(side_a, side_b).status == "invited"


def test_cannot_invite_a_group_closed_to_twinning(side_a, side_b):
    side_b.group.open_to_twinning = False
    db.session.commit()
    assert "not open to twinning" in refused(invite, side_a, side_b)


def test_cannot_invite_from_a_group_one_does_not_lead(side_a, side_b):
    third = make_side("Third")
    message = refused(services.invite_group, side_a.educator, third.group, side_b.group, details())
    assert "group you lead" in message


def test_young_person_cannot_invite(side_a, side_b):
    message = refused(services.invite_group, side_a.young, side_a.group, side_b.group, details())
    assert "group you lead" in message


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"title": "   "}, "title", "title"),
        ({"title": "x" * 161}, "title", "160"),
        ({"theme_ids": []}, "themes", "at least one theme"),
        ({"theme_ids": [999999]}, "themes", "from the list"),
        ({"theme_ids": ["garbage"]}, "themes", "from the list"),
        ({"languages": []}, "languages", "at least one language"),
        ({"languages": ["xx"]}, "languages", "from the list"),
        ({"ends_on": date.today() - timedelta(days=1)}, "ends_on", "after its start"),
        (
            {
                "starts_on": date.today() - timedelta(days=30),
                "ends_on": date.today() - timedelta(1),
            },
            "ends_on",
            "already past",
        ),
        ({"message": "x" * 3001}, "message", "3000"),
    ],
)
def test_bad_invitation_details_are_refused_with_a_clear_message(
    side_a, side_b, changes, field, words
):
    with pytest.raises(services.ExchangeError) as error:
        invite(side_a, side_b, **changes)
    assert error.value.field == field
    assert words in error.value.message
    assert db.session.scalar(db.select(db.func.count(Exchange.id))) == 0


def test_nul_characters_are_removed_from_texts(side_a, side_b):
    exchange = invite(side_a, side_b, title="Our\x00 town", message="Hi\x00")
    assert exchange.title == "Our town"
    assert exchange.invitation_message == "Hi"


# --- accept, decline, close: the state machine -------------------------------------------------


def test_invited_educator_accepts_and_the_inviting_educators_are_told(side_a, side_b):
    exchange = invite(side_a, side_b)
    services.accept_exchange(exchange, side_b.educator)
    assert exchange.status == "active"
    assert exchange.answered_by_id == side_b.educator.id
    (note,) = notifications(side_a.educator, "invitation_accepted")
    assert note.params["group"] == "Club de Mamoudzou"


def test_inviting_educator_cannot_accept_their_own_invitation(side_a, side_b):
    exchange = invite(side_a, side_b)
    message = refused(services.accept_exchange, exchange, side_a.educator)
    assert message == "Only an educator of the invited group can accept this invitation."
    assert exchange.status == "invited"


def test_young_person_of_the_invited_group_cannot_accept(side_a, side_b):
    exchange = invite(side_a, side_b)
    message = refused(services.accept_exchange, exchange, side_b.young)
    assert "Only an educator of the invited group" in message


def test_educator_of_another_group_cannot_accept(side_a, side_b, outsider):
    exchange = invite(side_a, side_b)
    assert "Only an educator" in refused(services.accept_exchange, exchange, outsider.educator)


def test_a_declined_invitation_cannot_be_accepted(side_a, side_b):
    exchange = invite(side_a, side_b)
    services.decline_exchange(exchange, side_b.educator, "Our calendar is full.")
    message = refused(services.accept_exchange, exchange, side_b.educator)
    assert message == ("This invitation was declined. Only a pending invitation can be accepted.")


def test_an_active_exchange_cannot_be_accepted_again(side_a, side_b):
    exchange = invite(side_a, side_b)
    services.accept_exchange(exchange, side_b.educator)
    assert "already active" in refused(services.accept_exchange, exchange, side_b.educator)


def test_invited_educator_declines_with_a_reason(side_a, side_b):
    exchange = invite(side_a, side_b)
    services.decline_exchange(exchange, side_b.educator, "  Our calendar is full.  ")
    assert exchange.status == "declined"
    assert exchange.decline_reason == "Our calendar is full."
    (note,) = notifications(side_a.educator, "invitation_declined")
    assert note.params["exchange"] == exchange.title


def test_inviting_educator_cannot_decline(side_a, side_b):
    exchange = invite(side_a, side_b)
    message = refused(services.decline_exchange, exchange, side_a.educator)
    assert message == "Only an educator of the invited group can decline this invitation."


def test_an_active_exchange_cannot_be_declined(side_a, side_b):
    exchange = invite(side_a, side_b)
    services.accept_exchange(exchange, side_b.educator)
    message = refused(services.decline_exchange, exchange, side_b.educator)
    assert "Only a pending invitation can be declined." in message


def test_a_too_long_decline_reason_is_refused(side_a, side_b):
    exchange = invite(side_a, side_b)
    assert "3000" in refused(services.decline_exchange, exchange, side_b.educator, "x" * 3001)
    assert exchange.status == "invited"


@pytest.mark.parametrize("closer", ["a", "b"])
def test_either_sides_educator_closes_an_active_exchange(side_a, side_b, closer):
    exchange = factories.make_exchange(side_a.group, side_b.group)
    services.close_exchange(exchange, (side_a if closer == "a" else side_b).educator)
    assert exchange.status == "closed"
    assert exchange.closed_at is not None


def test_an_invitation_cannot_be_closed(side_a, side_b):
    exchange = invite(side_a, side_b)
    message = refused(services.close_exchange, exchange, side_a.educator)
    assert message == (
        "This invitation is still waiting for an answer. Only an active exchange can be closed."
    )


def test_a_closed_exchange_cannot_be_closed_again(side_a, side_b):
    exchange = factories.make_exchange(side_a.group, side_b.group, status="closed")
    message = refused(services.close_exchange, exchange, side_a.educator)
    assert message == "This exchange is closed. Only an active exchange can be closed."


def test_young_person_cannot_close(side_a, side_b):
    exchange = factories.make_exchange(side_a.group, side_b.group)
    assert "Only an educator" in refused(services.close_exchange, exchange, side_a.young)
    assert exchange.status == "active"


def test_allowed_actions_follow_the_table(side_a, side_b):
    exchange = invite(side_a, side_b)
    assert services.allowed_actions(side_b.educator, exchange) == {"accept", "decline"}
    assert services.allowed_actions(side_a.educator, exchange) == {"withdraw"}
    services.accept_exchange(exchange, side_b.educator)
    assert services.allowed_actions(side_a.educator, exchange) == {
        "close",
        "publish",
        "propose_round",
    }
    assert services.allowed_actions(side_a.young, exchange) == set()
