"""Crash-safe uploads: an upload whose processing was interrupted (the process killed, the
machine restarted) leaves neither its original on disk nor an item "processing" for ever.

`interrupted_items` finds items still processing after MEDIA_PROCESSING_TIMEOUT_MINUTES;
`fail_interrupted` deletes their original and marks them failed ("interrupted": the uploader
is told, by a notification and on the item's page, that it was not their fault and to send the
file again). `stray_upload_keys` finds originals on the local disk that no item points to (a
crash between storing and recording).

Run by `flask purge` and `flask sweep-uploads`, at start-up (`sweep_at_startup`, from
create_app) and by any worker before its work (`sweep_stuck_media`: the background processing
thread of media/services.py; a job queue's worker calls the same function). Several processes
may sweep at once (every worker starts at the same moment): each item is taken by a conditional
update (`… WHERE status = 'processing'`), so exactly one of them acts on it. Processing may
still be running on an item the sweep fails: its own final write is conditional too
(media/pipeline.py), so the item stays failed and what it wrote is deleted.
"""

import logging
from datetime import datetime, timedelta
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.media.models import STATUS_FAILED, STATUS_PROCESSING, MediaItem
from storyhub.media.storage import get_storage
from storyhub.notifications.services import notify

log = logging.getLogger(__name__)
BATCH = 100  # items one start-up or one thread sweeps at most: start-up stays quick

# The temporary names of an original (media/services.py create_media), and of one half-written.
UPLOAD_NAMES = ("upload", "upload.part")


def _cutoff(now: datetime) -> datetime:
    return now - timedelta(minutes=current_app.config["MEDIA_PROCESSING_TIMEOUT_MINUTES"])


def interrupted_items(now: datetime, limit: int | None = None) -> list[MediaItem]:
    """Items still processing after the timeout (the oldest `limit` of them)."""
    query = select(MediaItem).where(
        MediaItem.status == STATUS_PROCESSING, MediaItem.created_at < _cutoff(now)
    )
    return list(db.session.scalars(query.order_by(MediaItem.id).limit(limit)))


def fail_interrupted(items: list[MediaItem]) -> int:
    """Mark each item failed if it is still processing, delete its original, tell its uploader.

    The conditional update takes the item (another process sweeping at the same moment finds
    it no longer processing, and does nothing); the original is deleted before the commit, so a
    crash here leaves the item processing, to be swept again. Returns how many were failed.
    """
    storage, failed = get_storage(), 0
    for media in items:
        key, uploader = media.source_key, media.uploader
        taken = db.session.execute(
            update(MediaItem)
            .where(MediaItem.id == media.id, MediaItem.status == STATUS_PROCESSING)
            .values(status=STATUS_FAILED, failure={"code": "interrupted"}, source_key=None)
            .execution_options(synchronize_session=False)
        ).rowcount
        if not taken:
            continue
        failed += 1
        for leftover in [key, *_written_by_processing(media)]:
            if leftover:
                storage.delete(leftover)
        notify([uploader], "upload_interrupted", _link(media))
    db.session.commit()  # also reloads the items: failed, without their original
    return failed


def _written_by_processing(media: MediaItem) -> list[str]:
    """Files in the item's folder (local disk or object store): renditions a crashed processing
    wrote before its final write (an item still processing points to none of them)."""
    return get_storage().keys(media.storage_key) if media.storage_key else []


def _link(media: MediaItem) -> str:
    return current_app.url_map.bind("localhost").build("media.detail", {"media_id": media.id})


def sweep_interrupted(now: datetime | None = None, limit: int | None = BATCH) -> int:
    """Fail the uploads interrupted past the timeout (at most `limit`); how many were failed."""
    return fail_interrupted(interrupted_items(now or utcnow(), limit))


def sweep_stuck_media() -> int:
    """The sweep any worker runs before its work (the processing thread, a job queue's worker):
    fails the uploads interrupted past the timeout. Needs an app context; never raises, since a
    clean-up must not stop the work that follows. How many were failed."""
    try:
        return sweep_interrupted()
    except Exception:
        db.session.rollback()
        log.exception("sweep of interrupted uploads failed")
        return 0


def sweep_at_startup(app: Flask) -> None:
    """The sweep when a process starts (MEDIA_SWEEP_AT_STARTUP): a crash or a restart in the
    middle of processing is cleaned up by the next start, without waiting for `flask purge`.

    Never stops the start: a database not created or not migrated yet (`flask db upgrade` starts
    the app too) is left alone. The connections are closed afterwards, so that workers forked
    from this process (gunicorn --preload) never share one.
    """
    if not app.config.get("MEDIA_SWEEP_AT_STARTUP"):
        return
    with app.app_context():
        try:
            failed = sweep_interrupted()
        except SQLAlchemyError as error:
            db.session.rollback()
            log.info("start-up sweep of interrupted uploads skipped: %s", error.__class__.__name__)
            return
        finally:
            db.session.remove()
            db.engine.dispose()
        if failed:
            log.warning("start-up sweep: %d interrupted uploads marked failed", failed)


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
