"""POST /exchanges/<id>/cover: an educator of the exchange chooses its picture.

A blueprint of its own (the address is the exchange's, not under /media); the exchange page
lists the photos to choose from through the `cover_candidates` template global.
"""

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from storyhub.core.errors import DomainError
from storyhub.exchanges.loaders import MAX_ID, get_exchange
from storyhub.media_pages.covers import choose_cover, cover_candidates

bp = Blueprint("covers", __name__)
bp.add_app_template_global(cover_candidates)


@bp.post("/exchanges/<int:exchange_id>/cover")
@login_required
def choose(exchange_id: int):
    """Choose the photo that illustrates the exchange and its territories (`media`: an id,
    or empty for none)."""
    raw = request.form.get("media", "")
    media_id = int(raw) if raw.isdigit() and 0 < int(raw) <= MAX_ID else None
    if raw and media_id is None:
        abort(400)
    exchange = get_exchange(exchange_id, manage=True)
    try:
        choose_cover(exchange, current_user, media_id)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("The picture of the exchange is saved."), "success")
    return redirect(url_for("exchanges.detail", exchange_id=exchange.id))
