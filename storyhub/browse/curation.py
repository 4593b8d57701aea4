"""Admin curation on the browse blueprint: feature an exchange, choose a territory's picture;
and serving that picture to everyone."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storyhub.browse import queries, services
from storyhub.browse.blueprint import bp
from storyhub.browse.forms import TerritoryPictureForm
from storyhub.core.errors import DomainError
from storyhub.core.permissions import admin_required
from storyhub.exchanges.models import Exchange
from storyhub.extensions import db
from storyhub.media_pages.serving import MIMETYPES, PUBLIC_CACHE
from storyhub.media_pages.serving import _send as send_stored  # the one sendfile/X-Accel logic

MAX_ID = 2**31 - 1


@bp.post("/exchanges/<int:exchange_id>/feature")
@admin_required
def feature(exchange_id: int):
    """Feature the exchange on the home page, or stop (form field `featured`: 1 or 0)."""
    exchange = db.session.get(Exchange, exchange_id) or abort(404)
    wanted = request.form.get("featured") == "1"
    try:
        if wanted:
            services.feature_exchange(exchange, current_user)
            flash(_("The exchange is now featured on the home page."), "success")
        else:
            services.unfeature_exchange(exchange, current_user)
            flash(_("The exchange is no longer featured."), "success")
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("exchanges.detail", exchange_id=exchange.id))


def _territory(slug: str):
    return queries.public_territory(slug[:140]) or abort(404)


@bp.route("/places/<string:slug>/picture", methods=["GET", "POST"])
@admin_required
def picture(slug: str):
    """Choose the picture of a territory: a photo, cleaned and resized, with its description."""
    place = _territory(slug)
    form = TerritoryPictureForm()
    if form.validate_on_submit():
        try:
            services.set_territory_picture(
                place, current_user, form.picture.data, form.alt_text.data
            )
        except DomainError as error:
            form.picture.errors = [*form.picture.errors, error.message]
            return render_template("browse/picture.html", place=place, form=form), getattr(
                error, "status", 400
            )
        flash(_("The picture of %(place)s is saved.", place=place.name), "success")
        return redirect(url_for("browse.territory", slug=place.slug))
    status = 400 if form.errors else 200
    return render_template("browse/picture.html", place=place, form=form), status


@bp.post("/places/<string:slug>/picture/delete")
@admin_required
def delete_picture(slug: str):
    """Remove the territory's picture (its latest public photo shows again)."""
    place = _territory(slug)
    services.remove_territory_picture(place, current_user)
    flash(_("The picture is removed."), "success")
    return redirect(url_for("browse.territory", slug=place.slug))


@bp.get("/places/<string:slug>/picture/<string:name>")
def picture_file(slug: str, name: str):
    """One rendition of a territory's picture (public: territories are public)."""
    place = _territory(slug)
    chosen = place.picture
    rendition = chosen.rendition(name) if chosen is not None else None
    if rendition is None or rendition.get("format") not in MIMETYPES:
        abort(404)
    response = send_stored(rendition["key"], MIMETYPES[rendition["format"]], public=True)
    if response.status_code != 302:  # a redirect to the object store stays no-store
        response.headers["Cache-Control"] = PUBLIC_CACHE  # short: an admin may replace it
    return response
