"""Reading stories for the pages: every listing goes through `visible_story_clause`."""

from dataclasses import dataclass, field

from sqlalchemy.orm import selectinload

from storyhub.accounts.models import User
from storyhub.exchanges.models import Round
from storyhub.exchanges.permissions import member_side
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_PARENTAL, Consent, Group
from storyhub.media.models import STATUS_READY, MediaItem
from storyhub.media.permissions import shown_media_clause
from storyhub.stories.models import (
    BLOCK_IMAGE,
    STATUS_APPROVED,
    STATUS_REJECTED,
    STATUS_UNPUBLISHED,
    Block,
    Story,
)
from storyhub.stories.permissions import visible_story_clause


@dataclass
class Side:
    """One group of the pair, its published stories and (for its members) those in progress."""

    group: Group
    is_own: bool
    published: list[Story] = field(default_factory=list)
    in_progress: list[Story] = field(default_factory=list)


def visible_stories(user: User):
    """A select of the stories this user may see, with what the cards show loaded."""
    return (
        db.select(Story)
        .join(Story.round)
        .join(Round.exchange)
        .where(visible_story_clause(user))
        .options(
            selectinload(Story.authors),
            selectinload(Story.blocks),
            selectinload(Story.in_reply_to),
        )
    )


def round_sides(user: User, round_: Round) -> list[Side]:
    """Both sides of a round (here and over there), the viewer's own side first."""
    exchange = round_.exchange
    own = member_side(user, exchange)
    groups = sorted(exchange.groups, key=lambda g: g.id != own) if own else exchange.groups
    sides = {g.id: Side(group=g, is_own=g.id == own) for g in groups}
    query = visible_stories(user).where(Story.round_id == round_.id)
    query = query.order_by(Story.published_at, Story.updated_at, Story.id)
    for story in db.session.scalars(query):
        side = sides.get(story.group_id)
        if side is None:
            continue
        (side.published if story.status == STATUS_APPROVED else side.in_progress).append(story)
    return [sides[g.id] for g in groups]


def own_answer(sides: list[Side]) -> Story | None:
    """The viewer's group's answer to the round: its first published story, else the first
    one in progress (a refused or withdrawn story is no answer)."""
    own = next((side for side in sides if side.is_own), None)
    if own is None:
        return None
    if own.published:
        return own.published[0]
    waiting = [s for s in own.in_progress if s.status not in (STATUS_REJECTED, STATUS_UNPUBLISHED)]
    return waiting[0] if waiting else None


def twin_stories(user: User, story: Story) -> list[Story]:
    """ "Meanwhile, over there": the other side's published answers to the same round, as this
    user may see them (the one visibility rule), oldest first."""
    query = visible_stories(user).where(
        Story.round_id == story.round_id,
        Story.group_id != story.group_id,
        Story.status == STATUS_APPROVED,
        Story.hidden_at.is_(None),
    )
    return list(db.session.scalars(query.order_by(Story.published_at, Story.id)))


def replies_to(user: User, story: Story) -> list[Story]:
    """The stories that answer this one, as this user may see them."""
    query = visible_stories(user).where(Story.in_reply_to_id == story.id)
    return list(db.session.scalars(query.order_by(Story.published_at, Story.id)))


def reply_choices(user: User, round_: Round, exclude_id: int | None = None) -> list[Story]:
    """Published stories of the round (both sides) a new story may answer."""
    query = visible_stories(user).where(
        Story.round_id == round_.id, Story.status == STATUS_APPROVED
    )
    if exclude_id:
        query = query.where(Story.id != exclude_id)
    return list(db.session.scalars(query.order_by(Story.group_id, Story.published_at)))


def missing_consent(stories: list[Story]) -> dict[int, list[str]]:
    """{story id: names of young authors without a granted parental consent}, one query."""
    young = {a.id for s in stories for a in s.authors if a.is_young}
    if not young:
        return {}
    granted = set(
        db.session.scalars(
            db.select(Consent.user_id).where(
                Consent.user_id.in_(young),
                Consent.kind == CONSENT_PARENTAL,
                Consent.granted.is_(True),
            )
        )
    )
    result = {}
    for story in stories:
        names = [a.display_name for a in story.authors if a.is_young and a.id not in granted]
        if names:
            result[story.id] = names
    return result


def first_pictures(
    stories: list[Story], kinds=(BLOCK_IMAGE,), public: bool = True
) -> dict[int, MediaItem]:
    """{story id: its first shown, ready photo (or, with kinds, panorama) with a text
    alternative that the media rule shows to the public (`public`) or inside the exchange},
    in one query."""
    ids = [s.id for s in stories]
    if not ids:
        return {}
    query = (
        db.select(Block.story_id, MediaItem)
        .join(MediaItem, Block.media_id == MediaItem.id)
        .where(
            Block.story_id.in_(ids),
            Block.kind.in_(kinds),
            MediaItem.status == STATUS_READY,
            MediaItem.alt_text != "",
            shown_media_clause(public),
        )
        .order_by(Block.story_id, Block.position)
    )
    found: dict[int, MediaItem] = {}
    for story_id, media in db.session.execute(query):
        found.setdefault(story_id, media)
    return found
