"""What a media item still needs before its story may go further: words for readers who
cannot see or hear it, image consent of the people who appear in it, finished processing.
Read-only: these answer questions, the services and the story's guards act on them."""

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from storyhub.accounts.models import User
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_IMAGE
from storyhub.media.models import (
    KIND_AUDIO,
    KIND_VIDEO,
    PICTURE_KINDS,
    STATUS_FAILED,
    STATUS_PROCESSING,
    MediaItem,
)


def missing_image_consent(media: MediaItem) -> list[User]:
    """Tagged people without a granted image consent."""
    return [p for p in media.people if not _has_image_consent(p)]


def _has_image_consent(user: User) -> bool:
    return any(c.kind == CONSENT_IMAGE and c.granted for c in user.consents)


def story_media(story) -> list[MediaItem]:
    """The media items attached to a story."""
    query = db.select(MediaItem).filter_by(story_id=story.id).order_by(MediaItem.id)
    return list(db.session.scalars(query))


def missing_image_consent_in_story(story) -> list[User]:
    """Everyone tagged in a story's media who lacks image consent (blocks approval)."""
    missing = {p.id: p for media in story_media(story) for p in missing_image_consent(media)}
    return sorted(missing.values(), key=lambda p: p.display_name)


def missing_image_consent_by_story(stories) -> dict[int, list[User]]:
    """{story id: people tagged in its media without image consent}, in three queries for any
    number of stories (the same rule as `missing_image_consent_in_story`, for lists)."""
    ids = [story.id for story in stories]
    if not ids:
        return {}
    query = (
        db.select(MediaItem)
        .where(MediaItem.story_id.in_(ids))
        .options(selectinload(MediaItem.people).selectinload(User.consents))
        .order_by(MediaItem.id)
    )
    missing: dict[int, dict[int, User]] = {story_id: {} for story_id in ids}
    for media in db.session.scalars(query):
        missing[media.story_id].update((p.id, p) for p in missing_image_consent(media))
    return {
        story_id: sorted(people.values(), key=lambda p: p.display_name)
        for story_id, people in missing.items()
    }


def gap_fields(media: MediaItem) -> dict[str, str]:
    """{field: what to add} for readers who cannot see or hear: alt text, transcript, captions."""
    if media.kind in PICTURE_KINDS and not media.alt_text.strip():
        return {"alt_text": _("Describe this picture in a few words (text alternative).")}
    if media.kind == KIND_AUDIO and not media.transcript.strip():
        return {"transcript": _("Add a transcript of this sound.")}
    if media.kind == KIND_VIDEO and not (media.captions_vtt.strip() or media.transcript.strip()):
        return {"captions": _("Add captions (WebVTT) or a transcript to this video.")}
    return {}


def accessibility_gaps(media: MediaItem) -> list[str]:
    """What a reader who cannot see or hear still needs: alt text, transcript, captions."""
    return list(gap_fields(media).values())


def readiness_problem(media: MediaItem) -> str:
    """Why the file cannot be sent yet (still being prepared, or refused); '' when ready."""
    if media.status == STATUS_PROCESSING:
        return _("The file is still being prepared. Wait a moment, then send the story again.")
    if media.status == STATUS_FAILED:
        return _("This file could not be used. Remove this part or add another file.")
    return ""
