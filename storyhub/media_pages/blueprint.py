"""The `media` blueprint and what its views share: loading a media item, JSON answers."""

from flask import Blueprint, abort, request, url_for
from flask_login import current_user

from storyhub.extensions import db
from storyhub.media.appearance import image_consent_state
from storyhub.media.config import init_media_config
from storyhub.media.models import MediaItem
from storyhub.media.permissions import can_moderate_media
from storyhub.media_pages.permissions import can_edit_media, can_view_media, is_public_media

bp = Blueprint("media", __name__, url_prefix="/media")
bp.record_once(lambda state: init_media_config(state.app))


def media_url(media: MediaItem, name: str) -> str:
    """The address of one rendition (or 'captions.vtt')."""
    return url_for("media.file", media_id=media.id, name=name)


# Jinja globals (not a context processor): imported macros see them too.
for _helper in (can_view_media, can_edit_media, can_moderate_media, media_url, image_consent_state):
    bp.add_app_template_global(_helper)


def get_media(media_id: int, ready_only: bool = False, check=can_view_media) -> MediaItem:
    """Load a media item or 404 (also when the user may not see it: its existence stays hidden)."""
    media = db.session.get(MediaItem, media_id)
    if media is None or not check(current_user, media):
        abort(404)
    if ready_only and not media.is_ready:
        abort(404)
    return media


def wants_json() -> bool:
    """The upload script asks for JSON; a plain form post wants a page."""
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" or request.headers.get("X-Requested-With") == "fetch"


def _preview(media: MediaItem) -> dict | None:
    if media.kind == "audio":
        found = media.renditions_with("audio")
        return found[0] if found else None
    if media.kind == "video":
        found = media.renditions_with("poster")
        return found[0] if found else None
    pictures = media.renditions_with("image")
    return next((r for r in pictures if r["width"] >= 480), pictures[-1] if pictures else None)


def media_payload(media: MediaItem) -> dict:
    """What the upload script needs to show and use a media item."""
    preview = _preview(media) if media.is_ready else None
    return {
        "id": media.id,
        "kind": media.kind,
        "status": media.status,
        "width": media.width,
        "height": media.height,
        "duration": media.duration,
        "public": is_public_media(media),
        "detail_url": url_for("media.detail", media_id=media.id),
        "status_url": url_for("media.status", media_id=media.id),
        "preview_url": media_url(media, preview["name"]) if preview else None,
        "renditions": [
            {
                "name": r["name"],
                "role": r["role"],
                "format": r["format"],
                "width": r["width"],
                "height": r["height"],
                "url": media_url(media, r["name"]),
            }
            for r in (media.renditions or ())
        ],
    }
