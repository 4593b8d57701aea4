"""Preparing a large "my data" ZIP in the background, with its progress.

`build_export(export_id)` takes only an id, as `media.services.process_media` does, so the same
mode switch applies: EXPORT_PROCESSING "thread" (the default: a daemon thread with its own app
context), "rq" (a queue worker, storyhub/core/jobs.py) or "inline" (in the request). The ZIP is kept privately in the media storage until the
next export of the same person or the deletion of the account.
"""

import logging
import secrets
import threading

from flask import Flask, current_app
from flask_babel import force_locale, get_locale
from redis.exceptions import RedisError

from storyhub.accounts.models import User
from storyhub.core.jobs import enqueue
from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.media.storage import get_storage
from storyhub.rights.export import media_bytes, write_export
from storyhub.rights.models import (
    EXPORT_BUILDING,
    EXPORT_FAILED,
    EXPORT_READY,
    DataExport,
)

log = logging.getLogger(__name__)
THREAD_NAME = "storyhub-export"


def is_large(person: User) -> bool:
    """Past EXPORT_INLINE_MAX_BYTES of media, the ZIP is prepared in the background."""
    return media_bytes(person) > int(current_app.config["EXPORT_INLINE_MAX_BYTES"])


def latest_export(person: User) -> DataExport | None:
    """The person's most recent export, if any."""
    query = db.select(DataExport).filter_by(user_id=person.id).order_by(DataExport.id.desc())
    return db.session.scalars(query.limit(1)).first()


def forget_exports(person: User) -> list[str]:
    """Delete the person's exports (no commit); returns the storage keys to delete after it."""
    exports = db.session.scalars(db.select(DataExport).filter_by(user_id=person.id)).all()
    for export in exports:
        db.session.delete(export)
    return [e.storage_key for e in exports if e.storage_key]


def start_export(person: User, requester: User) -> DataExport:
    """Queue a new export of person's data (the previous one goes) and start building it."""
    old_keys = forget_exports(person)
    export = DataExport(user_id=person.id, requested_by_id=requester.id)
    db.session.add(export)
    db.session.commit()
    for key in old_keys:
        get_storage().delete(key)
    mode, locale = current_app.config.get("EXPORT_PROCESSING", "thread"), str(get_locale() or "fr")
    if mode == "rq":
        try:
            enqueue(
                f"{__name__}.build_in", export.id, locale, on_failure=f"{__name__}.export_failed"
            )
        except RedisError:  # the queue cannot be reached: the page says so, try again later
            log.exception("queueing data export %s failed", export.id)
            export_failed(export.id)
    elif mode == "thread":
        app = current_app._get_current_object()
        threading.Thread(
            target=_build_in_thread, args=(app, export.id, locale), name=THREAD_NAME, daemon=True
        ).start()
    else:
        build_export(export.id)
        db.session.refresh(export)
    return export


def _build_in_thread(app: Flask, export_id: int, locale: str) -> None:
    """In its own context (the thread, or a queue worker: `build_in`)."""
    with app.app_context():
        try:
            build_in(export_id, locale)
        finally:
            db.session.remove()


def build_in(export_id: int, locale: str) -> None:
    """Build the ZIP in the language of the person who asked (the page inside it)."""
    context = current_app.test_request_context(headers={"Accept-Language": locale})
    with context, force_locale(locale):
        build_export(export_id)


def export_failed(export_id: int, locale: str = "") -> None:
    """The queued job failed (its timeout, its process killed): the page says so."""
    export = db.session.get(DataExport, export_id)
    if export is not None and export.status != EXPORT_READY:
        export.status, export.finished_at = EXPORT_FAILED, utcnow()
        db.session.commit()


def _progress(export: DataExport):
    def tell(done: int, total: int) -> None:
        export.done, export.total = done, total
        db.session.commit()  # the page reads it while the ZIP is being written

    return tell


def build_export(export_id: int) -> None:
    """Write the ZIP of one export into private storage, telling its progress as it goes."""
    export = db.session.get(DataExport, export_id)
    if export is None:
        return
    export.status = EXPORT_BUILDING
    db.session.commit()
    try:
        with write_export(export.user, _progress(export)) as spool:
            key = f"exports/{secrets.token_hex(1)}/{secrets.token_hex(16)}/data.zip"
            get_storage().save(key, spool)
    except Exception:  # a full disk, a store that fails: say so on the page, keep no half file
        log.exception("data export %s failed", export_id)
        db.session.rollback()
        export = db.session.get(DataExport, export_id)
        export.status, export.finished_at = EXPORT_FAILED, utcnow()
        db.session.commit()
        return
    export = db.session.get(DataExport, export_id)
    if export is None:  # the account was deleted meanwhile
        get_storage().delete(key)
        return
    export.storage_key, export.status, export.finished_at = key, EXPORT_READY, utcnow()
    export.done = export.total
    db.session.commit()
