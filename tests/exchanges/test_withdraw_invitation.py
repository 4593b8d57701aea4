"""An invitation can be withdrawn by the inviting side until it is answered; the invited side's
educators are told, and a new invitation is possible afterwards."""

import pytest

from storyhub.exchanges import services
from storyhub.extensions import db
from tests.exchanges.test_services import invite, notifications, refused
from tests.exchanges.test_views import fresh_client, get

pytestmark = pytest.mark.usefixtures("english")


def test_inviting_educator_withdraws_and_the_invited_side_is_told(side_a, side_b):
    exchange = invite(side_a, side_b)
    services.withdraw_invitation(exchange, side_a.educator)
    assert exchange.status == "withdrawn"
    (note,) = notifications(side_b.educator, "invitation_withdrawn")
    assert note.params == {"group": side_a.group.name, "exchange": exchange.title}
    assert "accept" not in services.allowed_actions(side_b.educator, exchange)


def test_invited_educator_cannot_withdraw(side_a, side_b):
    exchange = invite(side_a, side_b)
    message = refused(services.withdraw_invitation, exchange, side_b.educator)
    assert message == "Only an educator of the inviting group can withdraw this invitation."
    assert exchange.status == "invited"


def test_an_answered_invitation_cannot_be_withdrawn(side_a, side_b):
    exchange = invite(side_a, side_b)
    services.accept_exchange(exchange, side_b.educator)
    message = refused(services.withdraw_invitation, exchange, side_a.educator)
    assert "Only an invitation not answered yet can be withdrawn." in message
    assert exchange.status == "active"


def test_a_new_invitation_is_possible_once_the_first_is_withdrawn(side_a, side_b):
    services.withdraw_invitation(invite(side_a, side_b), side_a.educator)
    assert invite(side_a, side_b).status == "invited"


def test_the_page_offers_the_button_to_the_inviting_side_only(app, side_a, side_b):
    exchange = invite(side_a, side_b)
    assert b"Withdraw the invitation" in get(app, side_a.educator, f"/exchanges/{exchange.id}").data
    assert (
        b"Withdraw the invitation"
        not in get(app, side_b.educator, f"/exchanges/{exchange.id}").data
    )
    client = fresh_client(app, side_b.educator)
    client.post(f"/exchanges/{exchange.id}/withdraw", headers={"Accept-Language": "en"})
    db.session.expire_all()
    assert exchange.status == "invited"
    page = fresh_client(app, side_a.educator).post(
        f"/exchanges/{exchange.id}/withdraw",
        headers={"Accept-Language": "en"},
        follow_redirects=True,
    )
    assert b"The invitation is withdrawn." in page.data and b"Invitation withdrawn" in page.data
    listing = get(app, side_b.educator, "/exchanges/").data
    assert b"Invitations withdrawn" in listing and b"Invitations to answer" not in listing
