"""Media operations: upload, process, describe, blur, tag people, attach, delete.

`process_media(media_id)` (media/pipeline.py) takes only an id, so a job queue can run it later:
the views call `create_media`, which processes in the request (`MEDIA_PROCESSING=inline`, the
default), in a background thread (`thread`) or in an RQ worker (`rq`, media/jobs.py).
"""

import secrets
import threading
from typing import BinaryIO

from flask import Flask, current_app
from flask_babel import gettext as _

from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.core.jobs import uses_queue
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.media import faces, sweep
from storyhub.media.checks import (  # noqa: F401  (part of the media services)
    accessibility_gaps,
    missing_image_consent,
    missing_image_consent_in_story,
    story_media,
)
from storyhub.media.config import Limits
from storyhub.media.models import (
    MEDIA_KINDS,
    PICTURE_KINDS,
    STATUS_FAILED,
    STATUS_PROCESSING,
    MediaItem,
)
from storyhub.media.pipeline import process_media, save_rendition
from storyhub.media.processing import (
    MediaRefused,
    check_upload,
    clean_regions,
    refusal_message,
    rerender,
)
from storyhub.media.processing.sniff import HEAD_SIZE
from storyhub.media.storage import get_storage

MAX_ALT = 500
MAX_CAPTION = 1000
MAX_TRANSCRIPT = 20000
MAX_CAPTIONS_BYTES = 200_000
_PROCESSING_SLOTS = threading.BoundedSemaphore(1)  # thread mode: one file at a time per process


class UploadRefused(DomainError):
    """An upload was refused; `status`: 413 too large, 503 our failure, 400 otherwise."""

    def __init__(self, refusal: MediaRefused):
        super().__init__(refusal.message)
        self.code = refusal.code
        self.status = {"too_large": 413, "server_error": 503}.get(refusal.code, 400)


def _token(size: int = 4) -> str:
    return secrets.token_hex(size)


def _size_of(stream: BinaryIO) -> int:
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    return size


def create_media(
    uploader: User,
    group: Group,
    kind: str,
    fileobj: BinaryIO,
    *,
    story=None,
    alt_text: str = "",
    caption: str = "",
    transcript: str = "",
) -> MediaItem:
    """Check an upload by content, store it privately under a generated name, then process it."""
    if kind not in MEDIA_KINDS:
        raise DomainError(_("Choose a photo, a sound, a video or a 360° panorama."))
    if story is not None and story.group_id != group.id:
        raise DomainError(_("This story belongs to another group."))
    if group.is_sandbox:
        raise DomainError(
            _(
                "Pictures and sounds cannot be added in the practice exchange: nothing is stored "
                "there. You can add them in your real group's stories."
            )
        )
    stream = getattr(fileobj, "stream", fileobj)
    size = _size_of(stream)
    head = stream.read(HEAD_SIZE)
    stream.seek(0)
    try:
        check_upload(kind, head, size, Limits.from_config(current_app.config))
    except MediaRefused as refusal:
        raise UploadRefused(refusal) from None
    base = _token(16)
    base = f"{base[:2]}/{base}"
    source_key = f"{base}/upload"
    get_storage().save(source_key, stream)
    media = MediaItem(
        kind=kind,
        status=STATUS_PROCESSING,
        uploader=uploader,
        group=group,
        story=story,
        storage_key=base,
        source_key=source_key,
        alt_text=_clip(alt_text, MAX_ALT),
        caption=_clip(caption, MAX_CAPTION),
        transcript=_clip(transcript, MAX_TRANSCRIPT),
        renditions=[],
        blur_regions=[],
    )
    db.session.add(media)
    db.session.commit()
    return _dispatch(media)


def _dispatch(media: MediaItem) -> MediaItem:
    """Process now (inline), in a background thread or by a queue worker (rq); inline refusals
    remove the item. In the background the item shows "processing" until done."""
    if uses_queue("MEDIA_PROCESSING"):
        from storyhub.media.jobs import queue_processing

        return queue_processing(media)
    if current_app.config.get("MEDIA_PROCESSING") == "thread":
        app = current_app._get_current_object()
        threading.Thread(target=_process_in_thread, args=(app, media.id), daemon=True).start()
        return media
    process_media(media.id)
    db.session.refresh(media)
    if media.status == STATUS_FAILED:
        refusal = MediaRefused(**(media.failure or {"code": "damaged"}))
        delete_media(media)
        raise UploadRefused(refusal)
    return media


def _process_in_thread(app: Flask, media_id: int) -> None:
    """The background worker: first the uploads a crash left processing, then this one."""
    with _PROCESSING_SLOTS, app.app_context():
        try:
            sweep.sweep_stuck_media()
            process_media(media_id)
        finally:
            db.session.remove()


def failure_message(media: MediaItem) -> str:
    """Why a media item was refused, in the current language."""
    failure = dict(media.failure or {"code": "damaged"})
    return refusal_message(failure.pop("code", "damaged"), failure)


def _clip(text: str | None, limit: int) -> str:
    return (text or "").strip()[:limit]


def describe_media(
    media: MediaItem, alt_text: str | None = None, caption: str | None = None, transcript=None
) -> MediaItem:
    """Set the text alternative, caption and transcript (None leaves a value as it is)."""
    set_words(media, alt_text, caption, transcript)
    db.session.commit()
    return media


def set_words(media: MediaItem, alt_text=None, caption=None, transcript=None) -> None:
    """The same, without committing: the story editor saves them with the story."""
    if alt_text is not None:
        media.alt_text = _clip(alt_text, MAX_ALT)
    if caption is not None:
        media.caption = _clip(caption, MAX_CAPTION)
    if transcript is not None:
        media.transcript = _clip(transcript, MAX_TRANSCRIPT)


def set_captions(media: MediaItem, vtt: bytes | str) -> MediaItem:
    """Store WebVTT captions for a video (or a sound), after checking they are WebVTT."""
    if media.kind not in ("video", "audio"):
        raise DomainError(_("Only videos and sounds have captions."))
    media.captions_vtt = read_captions(vtt)
    db.session.commit()
    return media


def read_captions(vtt: bytes | str) -> str:
    """The text of a WebVTT file, or DomainError saying what is wrong with it."""
    raw = vtt.encode() if isinstance(vtt, str) else vtt
    if len(raw) > MAX_CAPTIONS_BYTES:
        raise DomainError(_("The captions file is too large (limit: 200 KB)."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(_("The captions file must be WebVTT text in UTF-8.")) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text and not text.startswith("WEBVTT"):
        raise DomainError(_("The captions file must be WebVTT: its first line is WEBVTT."))
    return text


def set_blur_regions(media: MediaItem, regions) -> MediaItem:
    """Blur these rectangles (relative 0..1) in every rendition, re-made from the private master."""
    if media.kind not in PICTURE_KINDS:
        raise DomainError(_("Only photos and panoramas can be blurred."))
    _check_master(media)
    try:
        regions = clean_regions(regions)
    except ValueError:
        raise DomainError(_("The areas to blur are not valid. Please draw them again.")) from None
    storage = get_storage()
    with storage.open(media.master_key) as stream:
        master = stream.read()
    old_keys = [r["key"] for r in media.renditions]
    token = _token()
    media.renditions = [
        save_rendition(media, r) for r in rerender(master, media.kind, regions, token)
    ]
    media.blur_regions = regions
    db.session.commit()
    for key in old_keys:  # new names: caches never serve the unblurred picture again
        storage.delete(key)
    return media


def _check_master(media: MediaItem) -> None:
    """Blurring again needs the private master: not there yet, or deleted by `flask purge`."""
    if not media.is_ready:
        raise DomainError(_("This picture is not ready yet. Please try again in a moment."))
    if not media.master_key:
        raise DomainError(
            _(
                "The unblurred original of this picture was deleted once its story was published, "
                "so it cannot be blurred again. Hide the picture, or delete it and send it again."
            )
        )


def tag_people(media: MediaItem, people: list[User]) -> MediaItem:
    """Record who appears in a photo or video: young members of the media's group only."""
    set_people(media, people)
    db.session.commit()
    return media


def set_people(media: MediaItem, people: list[User]) -> None:
    """The same, without committing (the story editor saves it with the story)."""
    if any(not p.is_young or p.group_id != media.group_id for p in people):
        raise DomainError(_("Only young people of this group can be tagged."))
    media.people = list({p.id: p for p in people}.values())
    if media.people:  # someone ticked: "no one can be recognised" no longer holds
        media.nobody_recognisable = False


def detect_faces(media: MediaItem) -> MediaItem:
    """Look again for faces to suggest blurring (pictures processed before the detector)."""
    if media.kind not in PICTURE_KINDS:
        raise DomainError(_("This picture is not ready yet. Please try again in a moment."))
    _check_master(media)
    with get_storage().open(media.master_key) as stream:
        media.face_regions = faces.suggest_faces(stream.read())
    db.session.commit()
    return media


def attach_media(media: MediaItem, story) -> MediaItem:
    """Make a media item part of a story of the same group (it then follows its visibility)."""
    if story.group_id != media.group_id:
        raise DomainError(_("This story belongs to another group."))
    media.story = story
    db.session.commit()
    return media


def delete_media(media: MediaItem) -> None:
    """Remove a media item and every stored file of it."""
    storage = get_storage()
    keys = [r["key"] for r in media.renditions or ()]
    keys += [k for k in (media.master_key, media.source_key) if k]
    db.session.delete(media)
    db.session.commit()
    for key in keys:
        storage.delete(key)
