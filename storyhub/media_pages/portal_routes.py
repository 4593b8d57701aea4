"""Placing and removing the portal of a 360° view (storyhub/media_pages/portals.py), from its page."""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from storyhub.core.errors import DomainError
from storyhub.media.forms import PortalForm
from storyhub.media.models import MediaItem
from storyhub.media.permissions import can_place_portal
from storyhub.media_pages import portals
from storyhub.media_pages.blueprint import bp, get_media


def portal_form(media: MediaItem, filled: bool = False) -> PortalForm:
    """The form with this user's choices: the twin's published panoramas, the directions.
    `filled`: read the posted values (else show the portal as it stands)."""
    link = portals.visible_portal(current_user, media)
    data = (
        {"there": link.there.id, "yaw_here": link.yaw, "yaw_there": link.back_yaw} if link else {}
    )
    form = PortalForm(data=data) if filled else PortalForm(formdata=None, data=data)
    form.there.choices = [
        (m.id, f"{m.story.title} — {m.alt_text or m.caption}")
        for m in portals.portal_choices(current_user, media)
    ]
    directions = [(yaw, str(label)) for yaw, label in portals.DIRECTIONS.items()]
    form.yaw_here.choices = form.yaw_there.choices = directions
    return form


bp.add_app_template_global(can_place_portal)


@bp.app_template_global()
def panorama_portal(media: MediaItem):
    """The portal the current reader is shown in this panorama, or None (templates)."""
    return portals.visible_portal(current_user, media)


@bp.app_template_global()
def portal_panel(media: MediaItem):
    """The portal form for whoever may place one here, else None (templates)."""
    return portal_form(media) if can_place_portal(current_user, media) else None


def _page(media: MediaItem):
    return redirect(url_for("media.detail", media_id=media.id) + "#portal")


@bp.post("/<int:media_id>/portal")
@login_required
def place_portal(media_id: int):
    """Join this panorama to one over there."""
    media = get_media(media_id, check=can_place_portal)
    form = portal_form(media, filled=True)
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(" ".join(str(e) for e in errors), "error")
        return _page(media)
    try:
        portals.place_portal(
            current_user, media, form.there.data, form.yaw_here.data, form.yaw_there.data
        )
        flash(_("The portal is placed: readers can walk between the two places."), "success")
    except DomainError as error:
        flash(error.message, "error")
    return _page(media)


@bp.post("/<int:media_id>/portal/remove")
@login_required
def remove_portal(media_id: int):
    """Take the portal away."""
    media = get_media(media_id, check=can_place_portal)
    portals.remove_portal(current_user, media)
    flash(_("The portal is removed."), "success")
    return _page(media)
