"""Reading stories for the pages: every listing goes through `visible_story_clause`."""

from dataclasses import dataclass, field

from sqlalchemy import and_, literal, union
from sqlalchemy.orm import joinedload, selectinload

from storyhub.accounts.models import User
from storyhub.core.models import MAX_ID
from storyhub.exchanges.models import Exchange, Round
from storyhub.exchanges.permissions import member_side
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_PARENTAL, Consent, Group
from storyhub.media.models import MediaItem
from storyhub.media.permissions import shown_media
from storyhub.stories.models import (
    BLOCK_IMAGE,
    STATUS_APPROVED,
    STATUS_REJECTED,
    STATUS_UNPUBLISHED,
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


# The exchange of a story or round with both sides and their territories, in the same query.
WITH_SIDES = (
    joinedload(Exchange.inviting_group).joinedload(Group.territory),
    joinedload(Exchange.invited_group).joinedload(Group.territory),
)
# Who wrote a story and their consent records: what `can_view_story` reads, loaded for a whole
# page (two queries however many stories) instead of one query per person.
WITH_PEOPLE = (
    selectinload(Story.authors).joinedload(User.consents),
    joinedload(Story.created_by).joinedload(User.consents),
)


def page_round(round_id: int) -> Round | None:
    """A round by id with its exchange, both sides and their territories (one query)."""
    if not 0 < round_id <= MAX_ID:
        return None
    query = (
        db.select(Round)
        .where(Round.id == round_id)
        .options(joinedload(Round.exchange).options(*WITH_SIDES))
    )
    return db.session.scalar(query)


def visible_stories(user: User):
    """A select of the stories this user may see, with what the cards show loaded."""
    return (
        db.select(Story)
        .join(Story.round)
        .join(Round.exchange)
        .where(visible_story_clause(user))
        .options(
            *WITH_PEOPLE,
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
    for story in db.session.scalars(query).unique():
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


@dataclass
class StoryPage:
    """A story and the stories its page shows around it, loaded together."""

    story: Story
    reply_to: Story | None  # the story it answers, whoever may see it: ask `can_view_story`
    # "Meanwhile, over there": the other side's published answers to the same round, as this
    # user may see them (the one visibility rule), oldest first
    twins: list[Story]
    replies: list[Story]  # the stories that answer it, as this user may see them, oldest first


def story_page(user: User, story_id: int) -> StoryPage | None:
    """A story (None if there is none) with its round, exchange, sides, themes, authors and
    blocks, and the stories around it (its twins, its replies and the one it answers) loaded
    in the same queries: a fixed number of queries however many there are. Nothing
    here decides whether the story may be seen (ask `can_view_story`)."""
    if not 0 < story_id <= MAX_ID:
        return None
    story = (
        db.session.scalars(
            db.select(Story)
            .where(Story.id == story_id)
            .options(
                joinedload(Story.round).joinedload(Round.exchange).options(*WITH_SIDES),
                # not joined: SQLite would build the whole story_theme-theme join first
                selectinload(Story.themes),
            )
        )
        .unique()
        .first()
    )
    if story is None:
        return None
    visible = visible_story_clause(user)
    twin = and_(
        visible,
        Story.round_id == story.round_id,
        Story.group_id != story.group_id,
        Story.status == STATUS_APPROVED,
        Story.hidden_at.is_(None),
    )
    reply = and_(visible, Story.in_reply_to_id == story.id, Story.id != story.id)
    # The candidates, each part along its own index (the round's stories, those answering
    # it, the story and the one it answers), then the rule decides on those few rows.
    candidates = union(
        db.select(Story.id).where(Story.round_id == story.round_id),
        db.select(Story.id).where(Story.in_reply_to_id == story.id),
        db.select(literal(story.id)),
        db.select(literal(story.in_reply_to_id or story.id)),
    )
    query = (
        db.select(Story, twin.label("is_twin"), reply.label("is_reply"))
        .join(Story.round)
        .join(Round.exchange)
        .where(Story.id.in_(candidates))
        # not their in_reply_to: the replies' cards find the story they answer loaded already
        .options(*WITH_PEOPLE, selectinload(Story.blocks))
        .order_by(Story.published_at, Story.id)
    )
    rows = db.session.execute(query).unique().all()
    return StoryPage(
        story=story,
        reply_to=next((s for s, _t, _r in rows if s.id == story.in_reply_to_id), None),
        twins=[s for s, is_twin, _r in rows if is_twin],
        replies=[s for s, _t, is_reply in rows if is_reply],
    )


def reply_choices(user: User, round_: Round, exclude_id: int | None = None) -> list[Story]:
    """Published stories of the round (both sides) a new story may answer."""
    query = visible_stories(user).where(
        Story.round_id == round_.id, Story.status == STATUS_APPROVED
    )
    if exclude_id:
        query = query.where(Story.id != exclude_id)
    return list(db.session.scalars(query.order_by(Story.group_id, Story.published_at)).unique())


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
    alternative that the media rule shows to the public (`public`) or inside the exchange}.
    Read from the blocks the stories were loaded with (`visible_stories`, `story_page`), their
    media, people and consents included: no query (`shown_media`, the Python twin of the
    media's rule)."""
    found: dict[int, MediaItem] = {}
    for story in stories:
        shown = {item.id for item in shown_media(story, public)}
        for block in story.blocks:
            media = block.media
            if block.kind in kinds and media is not None and media.id in shown and media.alt_text:
                found[story.id] = media
                break
    return found
