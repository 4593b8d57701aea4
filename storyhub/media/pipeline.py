"""The processing of one upload: from its stored original to an item ready or failed.

`process_media(media_id)` takes only an id, so any worker can run it (a thread, a job queue).
Processing takes time, and meanwhile the item may change under it: the sweep of interrupted
uploads may fail it (media/sweep.py), its uploader may delete it. So the end is a conditional
write: the item becomes ready (or failed) only `WHERE status = 'processing'` and only if it
still exists. The renditions and the master are written first under fresh random names that
nothing points to until that write succeeds; when it does not, they are deleted, and the item
keeps what the other side decided (the uploader was told once, by the sweep). If the work is
stopped after files were written (an error, a job's timeout), they are deleted too and the item
stays processing, for the sweep or the job's failure handler to fail it.
"""

import logging
import secrets
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app
from sqlalchemy import update

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.media import faces
from storyhub.media.config import Limits
from storyhub.media.models import (
    PICTURE_KINDS,
    STATUS_FAILED,
    STATUS_PROCESSING,
    STATUS_READY,
    MediaItem,
)
from storyhub.media.processing import MediaRefused, Processed, Rendition, process_file
from storyhub.media.storage import get_storage

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What processing decided: the item's new values, and the files written for them."""

    values: dict
    written: list[str] = field(default_factory=list)


def process_media(media_id: int) -> MediaItem | None:
    """Turn the stored upload into clean renditions (or a refusal); the upload is then deleted."""
    media = db.session.get(MediaItem, media_id)
    if media is None or media.status != STATUS_PROCESSING or not media.source_key:
        return media
    source_key = media.source_key
    with tempfile.TemporaryDirectory(prefix="storyhub-media-") as tmp:
        outcome = _process_in(media, Path(tmp))
    finish(media_id, source_key, outcome)
    return db.session.get(MediaItem, media_id)


def finish(media_id: int, source_key: str, outcome: Outcome) -> bool:
    """Write the outcome if the item is still processing; otherwise delete what was written.

    Returns whether the outcome was written. The original is deleted either way.
    """
    with discarded_if_interrupted(outcome):
        values = {**outcome.values, "source_key": None, "processed_at": utcnow()}
        written = db.session.execute(
            update(MediaItem)
            .where(MediaItem.id == media_id, MediaItem.status == STATUS_PROCESSING)
            .values(**values)
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.commit()  # also reloads the item, as the write (or the other side) left it
    if not written:
        log.info("media %s changed while processing (failed by a sweep, or deleted)", media_id)
        _discard(outcome.written)
    get_storage().delete(source_key)
    return bool(written)


@contextmanager
def discarded_if_interrupted(outcome: Outcome):
    """Files written but not recorded are deleted if anything stops the work here (an error,
    a job's timeout): the item stays processing, for the sweep or the job's failure handler."""
    try:
        yield
    except BaseException:
        db.session.rollback()
        _discard(outcome.written)
        raise


def _discard(keys: list[str]) -> None:
    storage = get_storage()
    for key in keys:
        storage.delete(key)


def _process_in(media: MediaItem, workdir: Path) -> Outcome:
    """Process, then store; a refusal or a failure becomes a failed outcome, never raised."""
    token = secrets.token_hex(4)
    try:
        source = _local_copy(media.source_key, workdir)
        limits = Limits.from_config(current_app.config)
        processed = process_file(
            media.kind, source, limits, media.blur_regions or [], token, workdir
        )
    except MediaRefused as refusal:
        return failed(refusal)
    except Exception:  # a file that crashes a decoder: never a 500, refused as damaged
        log.exception("processing media %s failed", media.id)
        return failed(MediaRefused("damaged"))
    try:
        outcome = _store(media, processed, token)
    except Exception:  # our side (a full disk, the store): the person is not to blame
        log.exception("storing media %s failed", media.id)
        return failed(MediaRefused("server_error"))
    if media.kind in PICTURE_KINDS and processed.master is not None:
        with discarded_if_interrupted(outcome):
            outcome.values["face_regions"] = faces.suggest_faces(processed.master)
    return outcome


def failed(refusal: MediaRefused) -> Outcome:
    """The outcome of a refused or broken upload."""
    return Outcome({"status": STATUS_FAILED, "failure": refusal.as_dict()})


def _local_copy(key: str, workdir: Path) -> Path:
    """A path on disk for the stored upload (a copy when the store is remote)."""
    storage = get_storage()
    path = storage.path_for(key)
    if path is not None:
        return path
    target = workdir / "upload"
    with storage.open(key) as source, target.open("wb") as out:
        shutil.copyfileobj(source, out)
    return target


def save_rendition(media: MediaItem, rendition: Rendition) -> dict:
    """Store one rendition under the item's folder; its record for `media.renditions`."""
    key = f"{media.storage_key}/{rendition.name}"
    if rendition.data is not None:
        size = get_storage().save(key, rendition.data)
    else:
        with open(rendition.path, "rb") as stream:
            size = get_storage().save(key, stream)
    return rendition.record(key, size)


def _store(media: MediaItem, processed: Processed, token: str) -> Outcome:
    """Store the renditions and the master; the values that make the item ready."""
    written: list[str] = []
    master_key = None
    try:
        records = []
        for rendition in processed.renditions:
            records.append(save_rendition(media, rendition))
            written.append(records[-1]["key"])
        if processed.master is not None:
            master_key = f"{media.storage_key}/master-{token}.{processed.master_format}"
            written.append(master_key)
            get_storage().save(master_key, processed.master)
    except BaseException:  # a full disk, a store that fails, a timeout: nothing half-written
        _discard(written)
        raise
    values = {
        "status": STATUS_READY,
        "failure": None,
        "renditions": records,
        "master_key": master_key,
        "poster_key": next((r["key"] for r in records if r["role"] == "poster"), None),
        "width": processed.width,
        "height": processed.height,
        "duration": processed.duration,
        "waveform": processed.waveform,
    }
    return Outcome(values, written)
