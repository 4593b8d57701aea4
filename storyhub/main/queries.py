"""What a person's space shows: their exchanges, the rounds open now (and whether their group
answered), their stories with what to do next, and the reactions and comments they received."""

from dataclasses import dataclass, field
from datetime import datetime

from storyhub.accounts.models import User
from storyhub.exchanges.models import Exchange, Round
from storyhub.exchanges.queries import my_exchanges
from storyhub.extensions import db
from storyhub.responses.models import Comment, Reaction
from storyhub.responses.permissions import published_comment_clause
from storyhub.stories.models import STATUS_APPROVED, STATUS_REJECTED, Story
from storyhub.stories.permissions import authored_story_clause


@dataclass
class Space:
    """Everything the dashboard needs, loaded in a few queries."""

    exchanges: dict[str, list[Exchange]]
    open_rounds: list[Round] = field(default_factory=list)
    my_stories: list[Story] = field(default_factory=list)
    # {round id: the group's story answering it}, for a young person's open rounds
    answers: dict[int, Story] = field(default_factory=dict)
    # {story id: {reaction kind: count}} and {story id: published comments}, for my stories
    reactions: dict[int, dict[str, int]] = field(default_factory=dict)
    comments: dict[int, int] = field(default_factory=dict)


def open_rounds(exchanges: list[Exchange], now: datetime) -> list[Round]:
    """Rounds of these active exchanges open at this instant, closing soonest first."""
    ids = [exchange.id for exchange in exchanges]
    if not ids:
        return []
    query = (
        db.select(Round)
        .where(Round.exchange_id.in_(ids), Round.opens_at <= now, Round.closes_at >= now)
        .options(db.joinedload(Round.exchange))
        .order_by(Round.closes_at, Round.id)
    )
    return list(db.session.scalars(query))


def my_stories(user: User, limit: int = 12) -> list[Story]:
    """A young person's stories in every state (what to do next depends on it), newest first."""
    query = (
        db.select(Story)
        .where(authored_story_clause(user))
        .options(db.selectinload(Story.authors), db.selectinload(Story.blocks))
        .order_by(Story.updated_at.desc(), Story.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def group_answers(group_id: int | None, rounds: list[Round]) -> dict[int, Story]:
    """{round id: the group's story answering it}, a refused story left out (one query)."""
    if group_id is None or not rounds:
        return {}
    query = (
        db.select(Story)
        .where(Story.group_id == group_id, Story.round_id.in_([r.id for r in rounds]))
        .where(Story.status != STATUS_REJECTED)
        .order_by(Story.id)
    )
    answers: dict[int, Story] = {}
    for story in db.session.scalars(query):
        current = answers.get(story.round_id)
        if current is None or (
            story.status == STATUS_APPROVED and current.status != STATUS_APPROVED
        ):
            answers[story.round_id] = story
    return answers


def responses_received(stories: list[Story]) -> tuple[dict, dict]:
    """Reactions by kind and published comments of these stories (two queries)."""
    ids = [story.id for story in stories if story.status == STATUS_APPROVED]
    if not ids:
        return {}, {}
    reactions: dict[int, dict[str, int]] = {}
    query = (
        db.select(Reaction.story_id, Reaction.kind, db.func.count(Reaction.id))
        .where(Reaction.story_id.in_(ids))
        .group_by(Reaction.story_id, Reaction.kind)
    )
    for story_id, kind, count in db.session.execute(query):
        reactions.setdefault(story_id, {})[kind] = count
    query = (
        db.select(Comment.story_id, db.func.count(Comment.id))
        .where(Comment.story_id.in_(ids), published_comment_clause())
        .group_by(Comment.story_id)
    )
    return reactions, dict(db.session.execute(query).all())


def space_for(user: User, now: datetime) -> Space:
    """The dashboard of a young person or a verified educator."""
    exchanges = my_exchanges(user)
    space = Space(exchanges=exchanges, open_rounds=open_rounds(exchanges["active"], now))
    if user.is_young:
        space.my_stories = my_stories(user)
        space.answers = group_answers(user.group_id, space.open_rounds)
        space.reactions, space.comments = responses_received(space.my_stories)
    return space
