"""`flask purge`: delete what StoryHub no longer needs, after the periods of the configuration
(storyhub/privacy/settings.py; the privacy notice quotes the same values).

Each kind says what it finds and how it removes it. `plan()` finds without touching anything
(the dry run); `purge(apply=True)` removes, kind by kind, in batches of PURGE_BATCH run at once
or by the queue workers (PURGE_PROCESSING, storyhub/core/jobs.py). A batch names what it removes
(ids, or storage keys) and finds it again when it runs: what is already gone, or no longer due
(an account used since its notice), is left alone, so a retried batch removes nothing twice.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, delete, or_, select

from storyhub.core.jobs import dispatch
from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.media import sweep
from storyhub.media.models import STATUS_FAILED, STATUS_PROCESSING, MediaItem
from storyhub.media.permissions import shown_media_clause
from storyhub.media.services import delete_media
from storyhub.media.storage import get_storage
from storyhub.notifications.models import Notification
from storyhub.privacy import inactive
from storyhub.responses.models import COMMENT_REJECTED, Comment
from storyhub.stories.models import STATUS_APPROVED, STATUS_REJECTED, Story


@dataclass(frozen=True)
class Kind:
    """One kind of data the schedule removes."""

    name: str
    what: str  # for the command's output
    find: Callable[..., list]  # find(now), or find(now, among=ids) when `narrows`
    remove: Callable[[list], None]
    narrows: bool = False  # find takes `among`: a batch looks only at its own rows again


def _among(query, column, among: list | None):
    """query, limited to the rows whose column is in among (all of them when None)."""
    return query if among is None else query.where(column.in_(among))


def _days(setting: str, now: datetime) -> datetime:
    return now - timedelta(days=current_app.config[setting])


def _uploads(now: datetime, among: list | None = None) -> list[MediaItem]:
    """Uploads older than RETENTION_UPLOAD_HOURS placed in no story: never attached, attached
    but never placed in a block (trial uploads), or refused."""
    cutoff = now - timedelta(hours=current_app.config["RETENTION_UPLOAD_HOURS"])
    placed_nowhere = and_(MediaItem.hidden_at.is_(None), ~shown_media_clause())
    query = select(MediaItem).where(
        MediaItem.created_at < cutoff,
        MediaItem.status != STATUS_PROCESSING,  # interrupted ones are the sweep's (just above)
        or_(MediaItem.status == STATUS_FAILED, placed_nowhere),
    )
    query = _among(query, MediaItem.id, among)
    return list(db.session.scalars(query.order_by(MediaItem.id)))


def _delete_media(items: list[MediaItem]) -> None:
    for media in items:
        delete_media(media)


def _masters(now: datetime, among: list | None = None) -> list[MediaItem]:
    """Unblurred private masters of pictures whose story is approved: every blur is applied to
    the published renditions, the master is no longer needed."""
    query = (
        select(MediaItem)
        .join(Story, MediaItem.story_id == Story.id)
        .where(MediaItem.master_key.is_not(None), Story.status == STATUS_APPROVED)
    )
    query = _among(query, MediaItem.id, among)
    return list(db.session.scalars(query.order_by(MediaItem.id)))


def _drop_masters(items: list[MediaItem]) -> None:
    storage = get_storage()
    keys = [media.master_key for media in items]
    for media in items:
        media.master_key = None
    db.session.commit()
    for key in keys:
        storage.delete(key)


def _rejected_stories(now: datetime, among: list | None = None) -> list[Story]:
    """Stories rejected more than RETENTION_REJECTED_DAYS ago (not changed since)."""
    cutoff = _days("RETENTION_REJECTED_DAYS", now)
    query = select(Story).where(Story.status == STATUS_REJECTED, Story.updated_at < cutoff)
    query = _among(query, Story.id, among)
    return list(db.session.scalars(query.order_by(Story.id)))


def _delete_stories(stories: list[Story]) -> None:
    for story in stories:
        files = db.session.scalars(select(MediaItem).where(MediaItem.story_id == story.id))
        _delete_media(list(files))
        db.session.delete(story)  # blocks, authors, themes, comments go with it
        db.session.commit()


def _rejected_comments(now: datetime, among: list | None = None) -> list[Comment]:
    """Comments rejected more than RETENTION_REJECTED_DAYS ago."""
    cutoff = _days("RETENTION_REJECTED_DAYS", now)
    query = select(Comment).where(Comment.status == COMMENT_REJECTED, Comment.moderated_at < cutoff)
    query = _among(query, Comment.id, among)
    return list(db.session.scalars(query.order_by(Comment.id)))


def _delete_rows(rows: list) -> None:
    for row in rows:
        db.session.delete(row)
    db.session.commit()


def _notifications(now: datetime, among: list | None = None) -> list[int]:
    """Notifications older than RETENTION_NOTIFICATION_DAYS (ids: there may be many)."""
    cutoff = _days("RETENTION_NOTIFICATION_DAYS", now)
    query = select(Notification.id).where(Notification.created_at < cutoff)
    return list(db.session.scalars(_among(query, Notification.id, among)))


def _delete_notifications(ids: list[int]) -> None:
    for start in range(0, len(ids), 500):
        db.session.execute(
            delete(Notification).where(Notification.id.in_(ids[start : start + 500]))
        )
    db.session.commit()


def _expired_codes(now: datetime, among: list | None = None) -> list[Group]:
    """Join codes older than JOIN_CODE_DAYS (they no longer work; the educator makes a new one)."""
    cutoff = _days("JOIN_CODE_DAYS", now)
    query = select(Group).where(
        Group.join_code.is_not(None),
        (Group.join_code_created_at < cutoff) | Group.join_code_created_at.is_(None),
    )
    query = _among(query, Group.id, among)
    return list(db.session.scalars(query.order_by(Group.id)))


def _clear_codes(groups: list[Group]) -> None:
    for group in groups:
        group.join_code = None
    db.session.commit()


KINDS = (
    Kind(
        "interrupted_uploads",
        "uploads interrupted while processing",
        sweep.interrupted_items,
        sweep.fail_interrupted,
    ),
    Kind(
        "stray_originals",
        "originals on disk that no upload points to",
        sweep.stray_upload_keys,
        sweep.delete_stray_uploads,
    ),
    Kind("unused_uploads", "uploads placed in no story, or refused", _uploads, _delete_media, True),
    Kind(
        "unblurred_masters",
        "unblurred originals of published pictures",
        _masters,
        _drop_masters,
        True,
    ),
    Kind("rejected_stories", "rejected stories", _rejected_stories, _delete_stories, True),
    Kind("rejected_comments", "rejected comments", _rejected_comments, _delete_rows, True),
    Kind("old_notifications", "old notifications", _notifications, _delete_notifications, True),
    Kind("expired_join_codes", "expired join codes", _expired_codes, _clear_codes, True),
    Kind(
        "inactivity_notices",
        "educators told an unused account will be deleted",
        inactive.accounts_to_warn,
        inactive.warn_educators,
    ),
    Kind(
        "inactive_accounts",
        "accounts unused for the whole period, after notice",
        inactive.accounts_to_delete,
        inactive.delete_accounts,
    ),
)


def plan(now: datetime | None = None) -> dict[str, list]:
    """What the schedule would remove now, per kind (nothing is touched)."""
    now = now or utcnow()
    return {kind.name: kind.find(now) for kind in KINDS}


PURGE_BATCH = 200  # items per unit of work (one queued job)
SWEEP = ("interrupted_uploads", "stray_originals")  # what `flask sweep-uploads` does alone


def _ident(found) -> int | str:
    """What names a found item in a batch: its id, or the value itself (an id, a key)."""
    return getattr(found, "id", found)


def purge_batch(name: str, now: datetime, idents: list) -> int:
    """Remove those of `idents` that kind `name` still finds due at `now`: how many."""
    kind = next(kind for kind in KINDS if kind.name == name)
    wanted = set(idents)
    found = kind.find(now, among=idents) if kind.narrows else kind.find(now)
    due = [item for item in found if _ident(item) in wanted]
    if due:
        kind.remove(due)
    return len(due)


def purge(
    apply: bool = False, now: datetime | None = None, kinds: tuple[str, ...] | None = None
) -> dict[str, int]:
    """Count (and with apply, remove) what the schedule says, kind by kind, in this order:
    interrupted uploads become failed before unused uploads are looked for."""
    now = now or utcnow()
    counts = {}
    for kind in KINDS:
        if kinds is not None and kind.name not in kinds:
            continue
        found = kind.find(now)
        counts[kind.name] = len(found)
        if apply:
            idents = [_ident(item) for item in found]
            db.session.rollback()  # the batches find them again, each in its own transaction
            for start in range(0, len(idents), PURGE_BATCH):
                batch = idents[start : start + PURGE_BATCH]
                dispatch("PURGE_PROCESSING", f"{__name__}.purge_batch", kind.name, now, batch)
    return counts
