"""The other side is told when a publication key is turned or withdrawn."""

import pytest

from storyhub.exchanges import services
from storyhub.extensions import db
from storyhub.notifications.models import Notification
from storyhub.notifications.services import notification_text
from tests.exchanges.test_publication_and_rounds import exchange, kinds  # noqa: F401

pytestmark = pytest.mark.usefixtures("english")


def test_turning_one_key_tells_the_other_side_only(exchange, side_a, side_b):  # noqa: F811
    services.publish_exchange(exchange, side_a.educator)
    assert kinds(side_b.educator) == ["key_turned"]
    assert "key_turned" not in kinds(side_a.educator)
    assert kinds(side_b.young) == []  # educators decide publication; young people are not asked


def test_the_last_key_tells_both_that_it_is_public_not_that_a_key_turned(exchange, side_a, side_b):  # noqa: F811
    services.publish_exchange(exchange, side_a.educator)
    services.publish_exchange(exchange, side_b.educator)
    assert kinds(side_a.educator) == ["exchange_published"]
    assert sorted(kinds(side_b.educator)) == ["exchange_published", "key_turned"]


def test_withdrawing_a_key_of_a_public_exchange_tells_the_other_side(exchange, side_a, side_b):  # noqa: F811
    services.publish_exchange(exchange, side_a.educator)
    services.publish_exchange(exchange, side_b.educator)
    services.unpublish_exchange(exchange, side_b.educator)
    assert "key_withdrawn_public" in kinds(side_a.educator)
    assert "key_withdrawn_public" not in kinds(side_b.educator)


def test_withdrawing_a_key_that_waited_says_it_stays_private(exchange, side_a, side_b):  # noqa: F811
    services.publish_exchange(exchange, side_a.educator)
    services.unpublish_exchange(exchange, side_a.educator)
    assert sorted(kinds(side_b.educator)) == ["key_turned", "key_withdrawn"]
    note = db.session.scalars(
        db.select(Notification).filter_by(user_id=side_b.educator.id, kind="key_withdrawn")
    ).one()
    assert notification_text(note) == (
        f"{side_a.group.name} withdrew its publication of “{exchange.title}”: it stays private."
    )
