"""Load an exchange for a page, or answer 404/403: used by the exchange pages and by the pages
of the packages above exchanges that act on one (consent: publishing; media: its picture)."""

from flask import abort
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from storyhub.exchanges.models import Exchange
from storyhub.exchanges.permissions import can_manage_exchange, can_view_exchange
from storyhub.extensions import db
from storyhub.groups.models import Group

MAX_ID = 2**31 - 1
# What the exchange page reads: both sides and their territories and its rounds (one query),
# its themes (another: joined, SQLite would build the whole exchange_theme-theme join first).
PAGE_OPTIONS = (
    joinedload(Exchange.inviting_group).joinedload(Group.territory),
    joinedload(Exchange.invited_group).joinedload(Group.territory),
    joinedload(Exchange.rounds),
    selectinload(Exchange.themes),
)


def get_row(model, object_id: int, options=()):
    """A row by id (with these loader options), or 404 (ids beyond the integer range too)."""
    if not 0 < object_id <= MAX_ID:
        abort(404)
    return db.session.get(model, object_id, options=options) or abort(404)


def get_exchange(exchange_id: int, manage: bool = False, options=()) -> Exchange:
    """An exchange the user may see (404 otherwise); with manage, one they act on (403).
    `options`: what the page reads of it, loaded with it (e.g. `PAGE_OPTIONS`)."""
    exchange = get_row(Exchange, exchange_id, options)
    if not can_view_exchange(current_user, exchange):
        abort(404)
    if manage and not can_manage_exchange(current_user, exchange):
        abort(403)
    return exchange
