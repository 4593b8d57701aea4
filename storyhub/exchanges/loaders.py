"""Load an exchange for a page, or answer 404/403: used by the exchange pages and by the pages
of the packages above exchanges that act on one (consent: publishing; media: its picture)."""

from flask import abort
from flask_login import current_user

from storyhub.exchanges.models import Exchange
from storyhub.exchanges.permissions import can_manage_exchange, can_view_exchange
from storyhub.extensions import db

MAX_ID = 2**31 - 1


def get_row(model, object_id: int):
    """A row by id, or 404 (ids beyond the integer range too)."""
    if not 0 < object_id <= MAX_ID:
        abort(404)
    return db.session.get(model, object_id) or abort(404)


def get_exchange(exchange_id: int, manage: bool = False) -> Exchange:
    """An exchange the user may see (404 otherwise); with manage, one they act on (403)."""
    exchange = get_row(Exchange, exchange_id)
    if not can_view_exchange(current_user, exchange):
        abort(404)
    if manage and not can_manage_exchange(current_user, exchange):
        abort(403)
    return exchange
