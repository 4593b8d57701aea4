"""Who may see and act on an exchange. The one visibility rule for exchanges lives here."""

from storyhub.accounts.models import User
from storyhub.exchanges.models import Exchange
from storyhub.extensions import db
from storyhub.groups.membership import member_group_ids


def member_side(user: User, exchange: Exchange) -> int | None:
    """The id of the user's own group in this exchange, or None if they are not part of it."""
    groups = member_group_ids(user)
    for group_id in exchange.group_ids:
        if group_id in groups:
            return group_id
    return None


def is_exchange_member(user: User, exchange: Exchange) -> bool:
    """Young people and educators of either side."""
    return member_side(user, exchange) is not None


def can_view_exchange(user: User, exchange: Exchange) -> bool:
    """Public exchanges for everyone; private ones for their members and admins."""
    if exchange.is_public:
        return True
    if not user.is_authenticated:
        return False
    return user.is_admin or is_exchange_member(user, exchange)


def can_manage_exchange(user: User, exchange: Exchange) -> bool:
    """Educators of either side act on the exchange (rounds, publishing, closing)."""
    return user.is_authenticated and user.is_educator and is_exchange_member(user, exchange)


def public_exchange_clause():
    """SQL: the exchange is public, the SQL side of `Exchange.is_public` (the one rule)."""
    return Exchange.is_public


def visible_exchange_clause(user: User):
    """SQL: exchanges this user may see. Use it in every query that lists exchanges."""
    if user.is_authenticated and user.is_admin:
        return db.true()
    groups = member_group_ids(user)
    if not groups:
        return public_exchange_clause()
    return db.or_(
        public_exchange_clause(),
        Exchange.inviting_group_id.in_(groups),
        Exchange.invited_group_id.in_(groups),
    )
