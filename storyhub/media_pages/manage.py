"""Changing a media item: its words, captions, who appears, areas to blur; deleting it."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.core.security import is_safe_next
from storyhub.extensions import db
from storyhub.media import services
from storyhub.media.appearance import record_appearance
from storyhub.media.faces import open_suggestions
from storyhub.media.forms import BlurForm, CaptionsForm, DescribeForm, PeopleForm
from storyhub.media.models import PICTURE_KINDS, MediaItem
from storyhub.media.permissions import can_moderate_media
from storyhub.media_pages.blueprint import bp, get_media
from storyhub.media_pages.permissions import can_edit_media


def can_tag_people(user, media: MediaItem) -> bool:
    """Authors (while they may edit) and the group's educators say who appears."""
    return media.kind != "audio" and (
        can_edit_media(user, media) or can_moderate_media(user, media)
    )


def _group_members(media: MediaItem) -> list[User]:
    query = db.select(User).filter_by(group_id=media.group_id, role="young")
    return list(db.session.scalars(query.order_by(User.display_name)))


def _people_form(media: MediaItem, formdata=None) -> PeopleForm:
    form = PeopleForm(
        formdata=formdata, people=[p.id for p in media.people], nobody=media.nobody_recognisable
    )
    form.people.choices = [(m.id, m.display_name) for m in _group_members(media)]
    return form


def _face_label(number: int, region: dict) -> str:
    return _(
        "Face %(number)s (%(left)s %% from the left, %(top)s %% from the top)",
        number=number,
        left=round(region["x"] * 100),
        top=round(region["y"] * 100),
    )


def _blur_form(media: MediaItem, formdata=None) -> BlurForm:
    rows = [
        {key: round(region[key] * 100, 2) for key in ("x", "y", "w", "h")}
        for region in media.blur_regions or ()
    ]
    next_url = request.args.get("next")
    form = BlurForm(
        formdata=formdata,
        data={"regions": rows, "next": next_url if is_safe_next(next_url) else ""},
    )
    form.faces.choices = [(i, _face_label(i + 1, r)) for i, r in open_suggestions(media)]
    while formdata is None and len(form.regions) < len(rows) + 2:
        form.regions.append_entry()
    return form


def detail_forms(media: MediaItem, **overrides) -> dict:
    """The forms of a media item's page, for what this user may do."""
    forms = {
        "describe_form": (
            DescribeForm(formdata=None, obj=media) if can_edit_media(current_user, media) else None
        ),
        "captions_form": (
            CaptionsForm(formdata=None)
            if media.kind in ("video", "audio") and can_edit_media(current_user, media)
            else None
        ),
        "people_form": _people_form(media) if can_tag_people(current_user, media) else None,
        "blur_form": None,
        "missing_consent": services.missing_image_consent(media),
        "suggestions": open_suggestions(media),
        "back_url": _next_url(),
        "gaps": services.accessibility_gaps(media),
    }
    if media.kind in PICTURE_KINDS and media.is_ready and can_moderate_media(current_user, media):
        forms["blur_form"] = _blur_form(media)
    forms.update(overrides)
    return forms


def _next_url() -> str:
    """Where the page came from (the moderation review), when it said so safely."""
    target = request.values.get("next")
    return target if is_safe_next(target) else ""


def _back(media: MediaItem, anchor: str = ""):
    target = request.form.get("next")
    if is_safe_next(target):
        return redirect(target)
    return redirect(url_for("media.detail", media_id=media.id) + anchor)


def _page_again(media: MediaItem, **forms):
    """The page with a form's errors, keeping what was typed."""
    return render_template("media/detail.html", media=media, **detail_forms(media, **forms)), 400


@bp.post("/<int:media_id>/describe")
@login_required
def describe(media_id: int):
    """Save the text alternative, caption and transcript."""
    media = get_media(media_id, check=can_edit_media)
    form = DescribeForm()
    if not form.validate_on_submit():
        return _page_again(media, describe_form=form)
    services.describe_media(media, form.alt_text.data, form.caption.data, form.transcript.data)
    flash(_("Saved."), "success")
    return _back(media)


@bp.post("/<int:media_id>/captions")
@login_required
def captions(media_id: int):
    """Upload WebVTT captions."""
    media = get_media(media_id, check=can_edit_media)
    form = CaptionsForm()
    if form.validate_on_submit():
        try:
            services.set_captions(media, form.captions.data.read(services.MAX_CAPTIONS_BYTES + 1))
            flash(_("Captions saved."), "success")
            return _back(media)
        except DomainError as error:
            form.captions.errors = [error.message]
    return _page_again(media, captions_form=form)


@bp.post("/<int:media_id>/people")
@login_required
def people(media_id: int):
    """Record who appears in the photo or video."""
    media = get_media(media_id, check=can_tag_people)
    form = _people_form(media, request.form)
    if not form.validate_on_submit():
        return _page_again(media, people_form=form)
    chosen = [m for m in _group_members(media) if m.id in set(form.people.data or [])]
    if can_moderate_media(current_user, media):
        nobody = bool(form.nobody.data)
    else:  # only an educator says "no one can be recognised"; ticking someone undoes it
        nobody = media.nobody_recognisable and not chosen
    try:
        record_appearance(media, chosen, nobody, current_user)
    except DomainError as error:
        form.nobody.errors = [error.message]
        return _page_again(media, people_form=form)
    flash(_("Saved who appears."), "success")
    return _back(media, "#people")


@bp.post("/<int:media_id>/blur")
@login_required
def blur(media_id: int):
    """Blur rectangles of the picture in every size (educators)."""
    media = get_media(media_id, check=can_moderate_media)
    if media.kind not in PICTURE_KINDS:
        abort(404)
    form = _blur_form(media, request.form)
    if not form.validate_on_submit():
        return _page_again(media, blur_form=form)
    try:
        services.set_blur_regions(media, form.as_regions(media.face_regions or []))
    except DomainError as error:
        flash(error.message, "error")
        return _page_again(media, blur_form=form)
    flash(_("The areas are blurred in every size of the picture."), "success")
    return _back(media, "#blur")


@bp.post("/<int:media_id>/faces")
@login_required
def faces(media_id: int):
    """Look for faces to suggest blurring (suggestions only: nothing is blurred)."""
    media = get_media(media_id, check=can_moderate_media)
    try:
        services.detect_faces(media)
    except DomainError as error:
        flash(error.message, "error")
        return _back(media, "#blur")
    found = len(media.face_regions or [])
    if media.face_regions is None:
        flash(_("Face suggestions are not available on this server."), "warning")
    else:
        flash(ngettext("%(num)d face found.", "%(num)d faces found.", found), "success")
    return _back(media, "#blur")


@bp.post("/<int:media_id>/delete")
@login_required
def delete(media_id: int):
    """Delete the media item and its files."""
    media = get_media(media_id, check=can_edit_media)
    services.delete_media(media)
    flash(_("The file is deleted."), "success")
    target = request.form.get("next")
    return redirect(target if is_safe_next(target) else url_for("media.try_out"))
