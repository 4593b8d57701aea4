"""Media pages: upload (form or script), try-out page, a media item's page and its status.

The routes that serve files live in `serving.py`, those that change a media item in
`manage.py`; all hang on this one blueprint, `media`.
"""

import re

from flask import current_app, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf.csrf import CSRFError

from storyhub.core.errors import DomainError, render_error
from storyhub.core.limits import per_person, upload_limit
from storyhub.extensions import db, limiter
from storyhub.groups.models import Group
from storyhub.media import services
from storyhub.media.config import Limits
from storyhub.media.forms import ACCEPT, UploadForm
from storyhub.media.models import MediaItem
from storyhub.media.permissions import can_upload_to_group, upload_groups
from storyhub.media.processing.errors import megabytes
from storyhub.media_pages import manage, portal_routes, serving  # noqa: F401  (routes join)
from storyhub.media_pages.blueprint import bp, get_media, media_payload, wants_json
from storyhub.stories.models import Story
from storyhub.stories.permissions import can_edit_story

RECENT = 12
MAX_ID = 2**31 - 1
__all__ = ["bp"]


def _limits_mb() -> dict:
    limits = Limits.from_config(current_app.config)
    return {
        "image": megabytes(limits.image_bytes),
        "audio": megabytes(limits.audio_bytes),
        "video": megabytes(limits.video_bytes),
        "request": megabytes(current_app.config["MAX_CONTENT_LENGTH"]),
        "megapixels": limits.pixels // 1_000_000,
        "audio_minutes": limits.audio_seconds // 60,
        "video_minutes": limits.video_seconds // 60,
    }


@bp.app_template_global("media_limits")
def limits_for_people() -> dict:
    """The upload limits in words' units (MB, megapixels, minutes), for hints."""
    return _limits_mb()


@bp.app_template_global("media_accept")
def accept_for(kind: str) -> str:
    """The file picker's accept attribute for a kind (a convenience: the server checks)."""
    return ACCEPT.get(kind, "")


def _upload_form() -> UploadForm:
    form = UploadForm()
    form.group_id.choices = [(g.id, g.name) for g in upload_groups(current_user)]
    return form


def _story(value: str) -> Story | None:
    """The story named by a form value, or None (no database trip for nonsense)."""
    if not re.fullmatch(r"[0-9]{1,10}", value) or int(value) > MAX_ID:
        return None
    return db.session.get(Story, int(value))


def _target(form: UploadForm) -> tuple[Group, Story | None]:
    """The group (and story) the upload is for; DomainError when the user may not add there."""
    story = None
    if form.story_id.data:
        story = _story(form.story_id.data)
        if story is None or not can_edit_story(current_user, story):
            raise DomainError(_("You cannot add media to this story."))
        group = story.group
    else:
        groups = upload_groups(current_user)
        group = next((g for g in groups if g.id == form.group_id.data), None)
        group = group or (groups[0] if len(groups) == 1 else None)
    if group is None or not can_upload_to_group(current_user, group):
        raise DomainError(_("Choose a group you belong to."))
    return group, story


def _recent_uploads() -> list[MediaItem]:
    query = (
        db.select(MediaItem)
        .filter_by(uploader_id=current_user.id, story_id=None)
        .order_by(MediaItem.id.desc())
        .limit(RECENT)
    )
    return list(db.session.scalars(query))


def _try_page(form: UploadForm, status: int = 200):
    return (
        render_template(
            "media/try.html",
            form=form,
            accept=ACCEPT,
            limits=_limits_mb(),
            recent=_recent_uploads(),
        ),
        status,
    )


@bp.get("/try")
@login_required
def try_out():
    """Try the uploader and the sound recorder on your own files (only you and your educators see them)."""
    return _try_page(_upload_form())


@bp.post("/upload")
@login_required
@limiter.limit(upload_limit, key_func=per_person)
def upload():
    """Receive one file; answer JSON to the upload script, or a page to a plain form."""
    form = _upload_form()
    if not form.validate_on_submit():
        if wants_json():
            message = next(iter(e for errors in form.errors.values() for e in errors), "")
            return jsonify(error=str(message) or _("Please check the form.")), 400
        return _try_page(form, 400)
    try:
        group, story = _target(form)
        media = services.create_media(
            current_user,
            group,
            form.kind.data,
            form.file.data,
            story=story,
            alt_text=form.alt_text.data or "",
            transcript=form.transcript.data or "",
        )
    except services.UploadRefused as refusal:
        return _refused(form, refusal.message, refusal.status)
    except DomainError as error:
        return _refused(form, error.message, 400)
    if wants_json():
        return jsonify(media_payload(media)), 201 if media.is_ready else 202
    if media.is_ready:
        flash(_("Your file is ready."), "success")
    else:  # prepared in the background (MEDIA_PROCESSING thread or rq)
        flash(_("Your file was received. It is being checked and prepared."), "info")
    return redirect(url_for("media.detail", media_id=media.id))


def _refused(form: UploadForm, message: str, status: int):
    if wants_json():
        return jsonify(error=message), status
    form.file.errors = [*form.file.errors, message]
    return _try_page(form, status)


@bp.get("/<int:media_id>")
def detail(media_id: int):
    """A media item on its own, with what its uploader and educators can do to it."""
    media = get_media(media_id)
    failure = services.failure_message(media) if media.has_failed else ""
    return render_template(
        "media/detail.html", media=media, failure=failure, **manage.detail_forms(media)
    )


@bp.get("/<int:media_id>/status")
def status(media_id: int):
    """Where processing is, for the upload script (JSON)."""
    media = get_media(media_id, ready_only=False)
    payload = media_payload(media)
    if media.has_failed:
        payload["error"] = services.failure_message(media)
    return jsonify(payload)


@bp.errorhandler(413)
def too_large(error):
    """A body over MAX_CONTENT_LENGTH: JSON for the script, a friendly page for a form."""
    limits = _limits_mb()
    message = _(
        "This file is too large. We accept up to %(limit)s MB per file "
        "(photos %(image)s MB, sounds %(audio)s MB, videos %(video)s MB).",
        limit=limits["request"],
        image=limits["image"],
        audio=limits["audio"],
        video=limits["video"],
    )
    if wants_json():
        return jsonify(error=message), 413
    return render_template("media/too_large.html", message=message), 413


@bp.errorhandler(CSRFError)
def csrf_failed(error):
    """An expired form: JSON for the script, the site's page otherwise."""
    if wants_json():
        return jsonify(error=_("This page has expired. Please reload it and try again.")), 400
    from storyhub.core.errors import CSRF_TEXTS

    return render_error(400, CSRF_TEXTS)


@bp.errorhandler(429)
def too_many(error):
    """Too many uploads in a short time."""
    message = _("You have sent many files in a short time. Please wait a little and try again.")
    if wants_json():
        return jsonify(error=message), 429
    return render_error(429)
