"""Media blocks of a story: photo, sound, video and 360° panorama.

A media block points at a media item of the story's group (`Block.media_id`). The words that
go with the file (text alternative or description, caption, transcript, WebVTT captions) and
who appears in it live on the media item; the editor sends them with the story and they are
saved with it. The checks a story with media must pass are guards of the story's state
machine: to be sent, every file ready and described; to be approved, image consent of
everyone who appears.
"""

from collections.abc import Mapping
from types import SimpleNamespace

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.core.inputs import bounded_int
from storyhub.core.text import clean_line
from storyhub.extensions import db
from storyhub.media import services as media_services
from storyhub.media.appearance import (
    appearance_refusal,
    consent_refusal,
    log_people_tagged,
    needs_appearance,
)
from storyhub.media.checks import gap_fields, missing_image_consent_in_story, readiness_problem
from storyhub.media.models import MediaItem
from storyhub.media.permissions import can_upload_to_group, can_view_unplaced
from storyhub.stories.blocks import BlockDraft, BlockKind, BlockProblem, kind_of, register_kind
from storyhub.stories.errors import ConsentMissing
from storyhub.stories.models import BLOCK_AUDIO, BLOCK_IMAGE, BLOCK_PANORAMA, BLOCK_VIDEO

WORD_LIMITS = {
    "alt_text": media_services.MAX_ALT,
    "caption": media_services.MAX_CAPTION,
    "transcript": media_services.MAX_TRANSCRIPT,
}


def _int(value) -> int | None:
    return bounded_int(value, 0, 999_999_999)


def _values(form: Mapping, name: str) -> list[str]:
    return form.getlist(name) if hasattr(form, "getlist") else [form.get(name, "")]


class MediaKind(BlockKind):
    """A block showing one media item, with the words that make it readable by everyone."""

    words: tuple[str, ...] = ("alt_text", "caption")
    tags_people = True  # who appears: photos, videos, panoramas (not sounds)
    takes_captions = False  # a WebVTT file: videos

    def read(self, form, prefix):
        extra: dict = {"media_id": _int(form.get(prefix + "media_id"))}
        for name in self.words:
            value = form.get(prefix + name, "")
            extra[name] = clean_line(value) if name == "caption" else value  # a one-line input
        if self.tags_people:
            extra["people"] = [i for i in map(_int, _values(form, prefix + "people")) if i]
        if self.takes_captions:
            extra["captions_vtt"] = form.get(prefix + "captions_vtt") or None
        return BlockDraft(kind=self.kind, extra=extra)

    def read_files(self, files, prefix, draft):
        upload = files.get(prefix + "file")
        if upload is not None and upload.filename:
            draft.extra["upload"] = upload
        captions = files.get(prefix + "captions") if self.takes_captions else None
        if captions is not None and captions.filename:
            try:
                raw = captions.read(media_services.MAX_CAPTIONS_BYTES + 1)
                draft.extra["captions_vtt"] = media_services.read_captions(raw)
            except DomainError as error:
                draft.extra["captions_error"] = error.message

    def prepare(self, draft, group_id, story_id, actor):
        media_id = draft.extra.get("media_id")
        media = db.session.get(MediaItem, media_id) if media_id else None
        if media_id and not _usable(media, self.kind, group_id, story_id, actor):
            draft.extra["media_id"], media = None, None
            draft.errors["file"] = _("This file cannot be used in this story: add it again.")
        draft.extra["media"] = media
        if self.tags_people and media is not None:
            ids = set(draft.extra.get("people") or ())
            query = db.select(User).where(User.id.in_(ids), User.group_id == group_id)
            people = list(db.session.scalars(query)) if ids else []
            if len(people) != len(ids) or any(not p.is_young for p in people):
                draft.errors["people"] = _("Only young people of this group can be tagged.")
            draft.extra["people_users"] = people
            draft.extra["actor"] = actor

    def check(self, draft):
        for name in self.words:
            value = (draft.extra.get(name) or "").strip()
            if len(value) > WORD_LIMITS[name]:
                draft.errors[name] = _(
                    "Too long: at most %(max)d characters (this has %(count)d).",
                    max=WORD_LIMITS[name],
                    count=len(value),
                )
        for key, field in (("file_error", "file"), ("captions_error", "captions")):
            if draft.extra.get(key):
                draft.errors[field] = draft.extra[key]

    def save(self, block, draft):
        media = draft.extra.get("media")
        block.body_html, block.text, block.attribution = "", "", ""
        block.media = media
        if media is None:
            return
        media_services.set_words(media, *(draft.extra.get(n) for n in WORD_LIMITS))
        if self.tags_people and "people_users" in draft.extra:
            before = {person.id for person in media.people}
            media_services.set_people(media, draft.extra["people_users"])
            if {person.id for person in media.people} != before:  # a change of who appears
                log_people_tagged(media, draft.extra.get("actor"))
        if self.takes_captions and draft.extra.get("captions_vtt"):
            media.captions_vtt = draft.extra["captions_vtt"]

    def to_draft(self, block):
        media = block.media
        extra: dict = {"media_id": media.id if media else None, "media": media}
        for name in self.words:
            extra[name] = getattr(media, name, "") if media else ""
        if self.tags_people:
            extra["people"] = [p.id for p in media.people] if media else []
        return BlockDraft(kind=self.kind, id=block.id, extra=extra)

    def is_empty(self, block):
        return block.media_id is None and block.media is None

    def summary(self, block):
        media = block.media
        return (media.caption or media.alt_text) if media is not None else ""

    def needs(self, draft):
        media = draft.extra.get("media")
        if media is None:
            return {}
        problem = readiness_problem(media)
        if problem:
            return {"file": problem}
        typed = SimpleNamespace(
            kind=media.kind,
            alt_text=draft.extra.get("alt_text", media.alt_text) or "",
            transcript=draft.extra.get("transcript", media.transcript) or "",
            captions_vtt=draft.extra.get("captions_vtt") or media.captions_vtt or "",
        )
        return gap_fields(typed)


def _usable(media, kind: str, group_id: int, story_id: int | None, actor) -> bool:
    """A file of this kind and group, already in this story or freshly uploaded by this user."""
    if media is None or media.kind != kind or media.group_id != group_id:
        return False
    if media.story_id is not None:
        return media.story_id == story_id
    return can_view_unplaced(actor, media)


class ImageKind(MediaKind):
    """A photo: responsive, with its text alternative."""

    kind = BLOCK_IMAGE
    label = _l("Photo")
    add_label = _l("Add a photo")


class PanoramaKind(MediaKind):
    """A 360° view: the viewer on demand, and a text description for everyone."""

    kind = BLOCK_PANORAMA
    label = _l("360° panorama")
    add_label = _l("Add a 360° panorama")


class AudioKind(MediaKind):
    """A sound (uploaded or recorded in the browser), with its transcript."""

    kind = BLOCK_AUDIO
    label = _l("Sound")
    add_label = _l("Add a sound")
    words = ("transcript", "caption")
    tags_people = False


class VideoKind(MediaKind):
    """A video with its poster, captions (WebVTT) or a transcript."""

    kind = BLOCK_VIDEO
    label = _l("Video")
    add_label = _l("Add a video")
    words = ("transcript", "caption")
    takes_captions = True


for _kind in (ImageKind(), AudioKind(), VideoKind(), PanoramaKind()):
    register_kind(_kind)
MEDIA_KINDS = (BLOCK_IMAGE, BLOCK_AUDIO, BLOCK_VIDEO, BLOCK_PANORAMA)


# Files sent with the editor's form (without JavaScript) -------------------------------------


def receive_uploads(drafts: list[BlockDraft], actor: User, group, story) -> list[str]:
    """Create the media items of files sent with a plain editor post; messages of refusals."""
    messages = []
    for number, draft in enumerate(drafts, start=1):
        upload = draft.extra.pop("upload", None)
        if upload is None:
            continue
        try:
            if not can_upload_to_group(actor, group):
                raise DomainError(_("You cannot add media to this story."))
            media = media_services.create_media(actor, group, draft.kind, upload, story=story)
        except DomainError as error:
            draft.extra["file_error"] = error.message
            messages.append(
                _("Block %(number)d: %(message)s", number=number, message=error.message)
            )
            continue
        draft.extra["media_id"] = media.id
    return messages


def prepare_drafts(drafts: list[BlockDraft], group_id: int, story_id, actor) -> None:
    """Resolve each block's media item (to show it in the editor), keeping draft errors."""
    for draft in drafts:
        kind_of(draft.kind).prepare(draft, group_id, story_id, actor)


def _shown(story) -> set[int]:
    """Ids of the media items the story's blocks show (also before a flush)."""
    return {b.media.id if b.media is not None else b.media_id for b in story.blocks} - {None}


def delete_removed_media(story, before: set[int]) -> None:
    """Delete, files and all, the media items whose block the last save removed."""
    gone = before - _shown(story)
    if not gone:
        return
    query = db.select(MediaItem).where(MediaItem.id.in_(gone), MediaItem.story_id == story.id)
    for media in list(db.session.scalars(query)):
        media_services.delete_media(media)


def detach_unused_media(story) -> None:
    """Files uploaded into the story but in no block: back to their uploader (no commit)."""
    used = _shown(story)
    for media in media_services.story_media(story):
        if media.id not in used:
            media.story = None


# Guards of the story's life -------------------------------------------------------------------


class ImageConsentMissing(ConsentMissing):
    """Approval refused: people who appear in the story's media lack image consent (recorded
    as No, or nothing recorded: the message names each reason)."""

    def __init__(self, story, people: list[User]):
        names = [p.display_name for p in people]
        super().__init__(consent_refusal(people), story.group_id, names)
        self.people = people


class AppearanceMissing(ConsentMissing):
    """Approval refused: a photo or video says neither who appears nor "no one recognisable"."""

    def __init__(self, story, numbers: list[int]):
        super().__init__(appearance_refusal(numbers), story.group_id, [])
        self.blocks = numbers


def media_problem(story) -> BlockProblem | None:
    """The first media block not ready to be read by everyone, as a refusal pointing at it."""
    for index, block in enumerate(story.blocks):
        kind = kind_of(block.kind)
        if not isinstance(kind, MediaKind) or block.media is None:
            continue
        needs = kind.needs(kind.to_draft(block))
        if needs:
            field, message = next(iter(needs.items()))
            text = _(
                "Block %(number)d (%(kind)s): %(message)s",
                number=index + 1,
                kind=kind.label,
                message=message,
            )
            return BlockProblem(text, index, field)
    return None


def guard_media_ready(story) -> None:
    """Every file processed, described (alt text), transcribed or captioned."""
    problem = media_problem(story)
    if problem is not None:
        raise problem


def guard_image_consent(story) -> None:
    """Everyone tagged in the story's photos and videos has image consent."""
    missing = missing_image_consent_in_story(story)
    if missing:
        raise ImageConsentMissing(story, missing)


def guard_appearance(story) -> None:
    """Each photo, video and panorama shown says who appears, or "no one recognisable"."""
    numbers = [
        index + 1
        for index, block in enumerate(story.blocks)
        if block.media is not None and needs_appearance(block.media)
    ]
    if numbers:
        raise AppearanceMissing(story, numbers)
