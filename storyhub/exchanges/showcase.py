"""How an exchange shows to the public, as its educators choose: whether search engines may
index its minors' stories, and who chooses its picture (the picture itself, a photo of its
stories, is chosen in storyhub/media_pages/covers.py: media sit above exchanges).
"""

from flask_babel import gettext as _

from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.core.models import utcnow
from storyhub.exchanges.life import PRACTICE_NEVER_PUBLIC
from storyhub.exchanges.models import Exchange
from storyhub.exchanges.permissions import can_manage_exchange
from storyhub.extensions import db
from storyhub.groups.membership import member_group_ids


def can_choose_showcase(user: User, exchange: Exchange) -> bool:
    """The exchange's educators choose its picture and indexing."""
    return can_manage_exchange(user, exchange)


def _side_columns(exchange: Exchange, user: User) -> list[str]:
    groups = member_group_ids(user)
    sides = (("inviting", exchange.inviting_group_id), ("invited", exchange.invited_group_id))
    return [f"{name}_indexable_at" for name, group_id in sides if group_id in groups]


def set_indexing(exchange: Exchange, user: User, allow: bool) -> None:
    """An educator allows (or stops allowing) search engines for their side; both sides must."""
    if exchange.is_sandbox:
        raise DomainError(str(PRACTICE_NEVER_PUBLIC))
    columns = _side_columns(exchange, user) if can_manage_exchange(user, exchange) else []
    if not columns:
        raise DomainError(_("Only an educator of the exchange decides for their group."))
    for column in columns:
        setattr(exchange, column, utcnow() if allow else None)
    db.session.commit()


def indexing_state(exchange: Exchange) -> list[tuple]:
    """[(group, allowed)] for side A then side B."""
    return [
        (exchange.inviting_group, exchange.inviting_indexable_at is not None),
        (exchange.invited_group, exchange.invited_indexable_at is not None),
    ]
