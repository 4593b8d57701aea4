"""Who may see and act on an exchange. The one visibility rule for exchanges lives here."""

from sqlalchemy import and_

from storyhub.accounts.models import User
from storyhub.exchanges.models import STATUS_ACTIVE, STATUS_CLOSED, Exchange
from storyhub.extensions import db
from storyhub.groups.models import group_educator


def user_group_ids(user: User) -> set[int]:
    """The groups a person belongs to: a young person's group, the groups an educator leads."""
    if not user.is_authenticated:
        return set()
    if user.is_young:
        return {user.group_id} if user.group_id else set()
    if user.is_educator and user.is_verified:
        query = db.select(group_educator.c.group_id).where(group_educator.c.user_id == user.id)
        return set(db.session.scalars(query))
    return set()


def member_side(user: User, exchange: Exchange) -> int | None:
    """The id of the user's own group in this exchange, or None if they are not part of it."""
    groups = user_group_ids(user)
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
    """SQL: the exchange is public (both keys turned, active or closed). Twin of Exchange.is_public."""
    return and_(
        Exchange.status.in_((STATUS_ACTIVE, STATUS_CLOSED)),
        Exchange.inviting_published_at.is_not(None),
        Exchange.invited_published_at.is_not(None),
        Exchange.hidden_at.is_(None),
    )


def visible_exchange_clause(user: User):
    """SQL: exchanges this user may see. Use it in every query that lists exchanges."""
    if user.is_authenticated and user.is_admin:
        return db.true()
    groups = user_group_ids(user)
    if not groups:
        return public_exchange_clause()
    return db.or_(
        public_exchange_clause(),
        Exchange.inviting_group_id.in_(groups),
        Exchange.invited_group_id.in_(groups),
    )
