"""GET /exchanges/<id>/walk: "Walk between the two places", the exchange's 360° views joined by
their portals as one tour (storyhub/media_pages/tour.py). A blueprint of its own: the address is the
exchange's; the exchange page links to it through the `exchange_has_walk` template global."""

from flask import Blueprint, abort, render_template
from flask_login import current_user

from storyhub.exchanges.loaders import get_exchange
from storyhub.exchanges.permissions import member_side
from storyhub.media_pages import tour

bp = Blueprint("walks", __name__)


@bp.app_template_global()
def exchange_has_walk(exchange) -> bool:
    """Whether the exchange page offers the walk to the current reader (templates)."""
    return tour.has_walk(current_user, exchange)


@bp.get("/exchanges/<int:exchange_id>/walk")
def detail(exchange_id: int):
    """The walk: a text list of the views (works without JavaScript), the viewer on top."""
    exchange = get_exchange(exchange_id)
    scenes = tour.exchange_tour(current_user, exchange)
    if not any(scene.portal for scene in scenes):
        abort(404)
    here_id = member_side(current_user, exchange) or exchange.inviting_group_id
    sides = sorted(exchange.groups, key=lambda g: g.id != here_id)
    return render_template(
        "exchanges/walk.html",
        exchange=exchange,
        scenes=scenes,
        here=sides[0],
        there=sides[1],
        is_member=member_side(current_user, exchange) is not None,
    )
