"""Safety net: every commit that touches a story, a block, a media item, a translation, an
exchange's publication or a young person's consent brings the index in step, in the same
transaction.

The explicit hooks of services.py stay the contract; this net means a service that forgets
them cannot leave a published story unfindable (nor, with the visibility rule joined at query
time, an unpublished one findable). `SEARCH_AUTO_INDEX = False` turns it off.
"""

from flask import current_app, has_app_context
from sqlalchemy import event, inspect, or_, select
from sqlalchemy.orm import Session

from storyhub.exchanges.models import Exchange, Round
from storyhub.groups.models import Consent
from storyhub.media.models import MediaItem, media_person
from storyhub.search.services import sync_stories
from storyhub.stories.models import Block, Story, StoryTranslation, story_author

PENDING = "search_pending"
BUSY = "search_syncing"
EXCHANGE_KEYS = ("status", "inviting_published_at", "invited_published_at")


def _changed(session: Session, obj, names=None) -> bool:
    if obj in session.new or obj in session.deleted:
        return True
    state = obj.__class__.__mapper__.attrs
    return session.is_modified(obj) and (
        names is None or any(_history(obj, name) for name in names if name in state)
    )


def _history(obj, name: str) -> bool:
    return inspect(obj).attrs[name].history.has_changes()


def _story_ids_of(obj) -> set[int]:
    """The stories whose index entry this change may affect."""
    if isinstance(obj, Story):
        return {obj.id} if obj.id else set()
    if isinstance(obj, Block | StoryTranslation):
        return {obj.story_id} if obj.story_id else set()
    if isinstance(obj, MediaItem):
        before = inspect(obj).attrs["story_id"].history.deleted or ()
        return {i for i in (obj.story_id, *before) if i}
    return set()


def _watched(obj) -> bool:
    return isinstance(obj, Story | Block | MediaItem | StoryTranslation)


def collect(session: Session, flush_context) -> None:
    """after_flush: note which stories and exchanges changed."""
    if session.info.get(BUSY) or not _enabled():
        return
    pending = session.info.setdefault(
        PENDING, {"stories": set(), "exchanges": set(), "people": set()}
    )
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Consent):  # withdrawn or given again: their stories and pictures
            if obj.user_id and _changed(session, obj):
                pending["people"].add(obj.user_id)
        elif isinstance(obj, Exchange):
            if obj.id and _changed(session, obj, EXCHANGE_KEYS):
                pending["exchanges"].add(obj.id)
        elif _watched(obj) and _changed(session, obj):
            pending["stories"] |= _story_ids_of(obj)


def apply(session: Session) -> None:
    """before_commit: write the index for what changed, inside the same transaction."""
    if session.info.get(BUSY) or not _enabled():
        return
    session.flush()
    pending = session.info.pop(PENDING, None)
    if not pending or not any(pending.values()):
        return
    session.info[BUSY] = True
    try:
        ids = set(pending["stories"])
        if pending["exchanges"]:
            in_exchanges = select(Story.id).join(Story.round)
            in_exchanges = in_exchanges.where(Round.exchange_id.in_(pending["exchanges"]))
            ids |= set(session.scalars(in_exchanges))
        if pending["people"]:
            ids |= set(session.scalars(_stories_of_people(pending["people"])))
        sync_stories(sorted(ids), session)
    finally:
        session.info.pop(BUSY, None)


def _stories_of_people(user_ids: set[int]):
    """SELECT the ids of the stories these people wrote, co-wrote, appear in or translated."""
    query = select(Story.id).where(
        or_(
            Story.created_by_id.in_(user_ids),
            Story.id.in_(
                select(story_author.c.story_id).where(story_author.c.user_id.in_(user_ids))
            ),
        )
    )
    tagged = select(MediaItem.story_id).join(media_person, media_person.c.media_id == MediaItem.id)
    translated = select(StoryTranslation.story_id).where(
        StoryTranslation.translator_id.in_(user_ids)
    )
    return query.union(
        tagged.where(media_person.c.user_id.in_(user_ids), MediaItem.story_id.is_not(None)),
        translated,
    )


def forget(session: Session, *args) -> None:
    """after_rollback: what was noted is void."""
    session.info.pop(PENDING, None)


def _enabled() -> bool:
    return has_app_context() and current_app.config.get("SEARCH_AUTO_INDEX", True)


def install() -> None:
    """Listen on every ORM session (once)."""
    for name, listener in (
        ("after_flush", collect),
        ("before_commit", apply),
        ("after_rollback", forget),
        ("after_soft_rollback", forget),
    ):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
