"""Crash-safe uploads: an upload whose processing was interrupted (the process killed, the
machine restarted) leaves neither its original on disk nor an item "processing" for ever.

`interrupted_items` finds items still processing after MEDIA_PROCESSING_TIMEOUT_MINUTES;
`fail_interrupted` deletes their original and marks them failed ("interrupted": the uploader
reads that it was not their fault and to send the file again). `stray_upload_keys` finds
originals on the local disk that no item points to (a crash between storing and recording).
Run by `flask purge` and `flask sweep-uploads`.
"""

from datetime import datetime, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from storyhub.extensions import db
from storyhub.media.models import STATUS_FAILED, STATUS_PROCESSING, MediaItem
from storyhub.media.storage import get_storage

# The temporary names of an original (media/services.py create_media), and of one half-written.
UPLOAD_NAMES = ("upload", "upload.part")


def _cutoff(now: datetime) -> datetime:
    return now - timedelta(minutes=current_app.config["MEDIA_PROCESSING_TIMEOUT_MINUTES"])


def interrupted_items(now: datetime) -> list[MediaItem]:
    """Items still processing after the timeout."""
    query = select(MediaItem).where(
        MediaItem.status == STATUS_PROCESSING, MediaItem.created_at < _cutoff(now)
    )
    return list(db.session.scalars(query.order_by(MediaItem.id)))


def fail_interrupted(items: list[MediaItem]) -> None:
    """Delete each item's original and mark it failed, so its uploader is told."""
    storage = get_storage()
    for media in items:
        if media.source_key:
            storage.delete(media.source_key)
        media.source_key = None
        media.status = STATUS_FAILED
        media.failure = {"code": "interrupted"}
    db.session.commit()


def stray_upload_keys(now: datetime) -> list[str]:
    """Originals on the local disk older than the timeout that no processing item points to."""
    root = current_app.config.get("MEDIA_ROOT")
    if current_app.config.get("MEDIA_STORAGE", "local") != "local" or not root:
        return []
    root, limit = Path(root), _cutoff(now).timestamp()
    if not root.is_dir():
        return []
    found = [
        path.relative_to(root).as_posix()
        for path in root.glob("*/*/upload*")
        if path.name in UPLOAD_NAMES and path.is_file() and path.stat().st_mtime < limit
    ]
    if not found:
        return []
    known = set(
        db.session.scalars(select(MediaItem.source_key).where(MediaItem.source_key.in_(found)))
    )
    return sorted(key for key in found if key not in known)


def delete_stray_uploads(keys: list[str]) -> None:
    """Delete originals nothing points to."""
    storage = get_storage()
    for key in keys:
        storage.delete(key)
