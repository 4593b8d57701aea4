"""The decisions on a reported item, each with what it does to each kind of content."""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from storyhub.accounts.models import User
from storyhub.accounts.sessions import end_sessions
from storyhub.core.models import utcnow
from storyhub.exchanges.models import Exchange
from storyhub.extensions import db
from storyhub.impact.models import REFLECTION_REJECTED, Reflection
from storyhub.media.models import MediaItem
from storyhub.media.storage import get_storage
from storyhub.reports.targets import KINDS, target_type_of
from storyhub.responses.models import COMMENT_REJECTED, Comment
from storyhub.stories.models import (
    STATUS_CHANGES_REQUESTED,
    STATUS_DRAFT,
    STATUS_UNPUBLISHED,
    Story,
)


@dataclass(frozen=True)
class Outcome:
    """One decision: its label, where it applies, whether a reason is needed, its effect."""

    label: object
    applies: Callable[[User, object], bool]
    needs_reason: bool
    apply: Callable[[object, User, str], str]  # -> the item's state afterwards, for the log


def _keep(item, actor: User, reason: str) -> str:
    item.hidden_at = None
    return "shown"


def _correctable(actor: User, item) -> bool:
    story = item if isinstance(item, Story) else getattr(item, "story", None)
    return (
        isinstance(item, Story | MediaItem) and story is not None and story.status != STATUS_DRAFT
    )


def _correct(item, actor: User, reason: str) -> str:
    story = item if isinstance(item, Story) else item.story
    story.status, story.feedback = STATUS_CHANGES_REQUESTED, reason
    story.hidden_at = None
    if isinstance(item, MediaItem):
        item.hidden_at = None  # the story is out of view until approved again
    return STATUS_CHANGES_REQUESTED


def _unpublish(item, actor: User, reason: str) -> str:
    if isinstance(item, Story):
        item.status, item.feedback, item.hidden_at = STATUS_UNPUBLISHED, reason, None
        return STATUS_UNPUBLISHED
    if isinstance(item, Comment):
        item.status, item.reason, item.hidden_at = COMMENT_REJECTED, reason, None
        item.moderated_by_id, item.moderated_at = actor.id, utcnow()
        return COMMENT_REJECTED
    if isinstance(item, Reflection):  # back to its writer, with the reason (not published)
        item.status, item.feedback, item.hidden_at = REFLECTION_REJECTED, reason, None
        item.published_at = None
        return REFLECTION_REJECTED
    if isinstance(item, Exchange):
        item.inviting_published_at = item.invited_published_at = None
        item.hidden_at = None
        return "private"
    item.hidden_at = item.hidden_at or utcnow()  # a media item stays hidden
    return "hidden"


def _deletable(actor: User, item) -> bool:
    return not isinstance(item, Exchange)


def _delete(item, actor: User, reason: str) -> str:
    media = list(_media_of(item))
    item._storage_keys = [key for m in media for key in _keys(m)]
    for m in media:
        if m is not item:
            db.session.delete(m)
    for answer in getattr(item, "answers", []) if isinstance(item, Comment) else []:
        db.session.delete(answer)  # an answer never stands alone
    db.session.delete(item)
    return "deleted"


def _media_of(item):
    if isinstance(item, MediaItem):
        return [item]
    if isinstance(item, Story):
        return db.session.scalars(db.select(MediaItem).filter_by(story_id=item.id))
    return []


def _keys(media: MediaItem) -> list[str]:
    keys = [r["key"] for r in media.renditions or () if r.get("key")]
    return keys + [k for k in (media.master_key, media.source_key, media.poster_key) if k]


def after_delete(item) -> None:
    """Remove the stored files of deleted media, once the deletion is committed."""
    storage = get_storage()
    for key in getattr(item, "_storage_keys", ()):
        storage.delete(key)


def adult_authors(item) -> list[User]:
    """The adults who wrote the item (an account that can be suspended)."""
    authors = KINDS[target_type_of(item)].authors(item)
    return [a for a in authors if a is not None and not a.is_young and not a.is_admin]


def _suspendable(actor: User, item) -> bool:
    return actor.is_admin and bool(adult_authors(item))


def _suspend(item, actor: User, reason: str) -> str:
    for author in adult_authors(item):
        author.suspended_at = utcnow()
        end_sessions(author)  # every sign-in ends now, and stays ended if the account returns
    return _unpublish(item, actor, reason)


OUTCOMES = {
    "keep": Outcome(_l("kept online, reports dismissed"), lambda a, i: True, False, _keep),
    "correct": Outcome(
        _l("sent back to its authors for a correction"), _correctable, True, _correct
    ),
    "unpublish": Outcome(_l("taken out of view"), lambda a, i: True, True, _unpublish),
    "delete": Outcome(_l("deleted"), _deletable, True, _delete),
    "suspend": Outcome(
        _l("taken out of view, its author's account suspended"), _suspendable, True, _suspend
    ),
}


def possible_outcomes(actor: User, item) -> list[str]:
    """The decisions this person may take on this item (for the buttons)."""
    return [name for name, outcome in OUTCOMES.items() if outcome.applies(actor, item)]
