"""Media of public stories for the API: renditions with their URLs, never who appears in them.

The media package is optional here: without it, stories simply carry no media.
"""

from flask import url_for
from sqlalchemy import select
from werkzeug.routing import BuildError

from storyhub.extensions import db

try:
    from storyhub.media.models import STATUS_READY, MediaItem
except ImportError:  # pragma: no cover - media package absent
    MediaItem = None

RENDITION_FIELDS = ("name", "role", "format", "width", "height")


def _file_url(media_id: int, name: str) -> str | None:
    try:
        return url_for("media.file", media_id=media_id, name=name, _external=True)
    except BuildError:  # pragma: no cover - media views absent
        return None


def media_item(item) -> dict:
    """A ready media item of a public story: descriptions and renditions."""
    renditions = [
        {
            **{key: rendition.get(key) for key in RENDITION_FIELDS},
            "url": _file_url(item.id, rendition.get("name", "")),
        }
        for rendition in item.renditions or ()
    ]
    return {
        "id": item.id,
        "kind": item.kind,
        "alt_text": item.alt_text,
        "caption": item.caption,
        "transcript": item.transcript,
        "width": item.width,
        "height": item.height,
        "duration": item.duration,
        "captions_url": _file_url(item.id, "captions.vtt") if item.captions_vtt else None,
        "renditions": renditions,
    }


def media_by_story(story_ids: list[int]) -> dict[int, list[dict]]:
    """{story id: [media…]} for the ready media of these (already public) stories: one query."""
    if MediaItem is None:
        return {}
    items = db.session.scalars(
        select(MediaItem)
        .where(MediaItem.story_id.in_(story_ids), MediaItem.status == STATUS_READY)
        .order_by(MediaItem.id)
    )
    found: dict[int, list[dict]] = {}
    for item in items:
        found.setdefault(item.story_id, []).append(media_item(item))
    return found
