"""Participation of each young person of an educator's group in one exchange, for the follow-up:
the stories they wrote or co-wrote (published, in progress), the comments and reactions they
gave. Private to their educators; never public, never a ranking. Three grouped queries whatever
the number of members."""

from dataclasses import dataclass

from sqlalchemy import and_, case, func, select, union

from storyhub.accounts.models import User
from storyhub.exchanges.models import Exchange, Round
from storyhub.extensions import db
from storyhub.responses.models import Comment, Reaction
from storyhub.stories.models import (
    STATUS_APPROVED,
    STATUS_CHANGES_REQUESTED,
    STATUS_DRAFT,
    STATUS_SUBMITTED,
    Story,
    story_author,
)

IN_PROGRESS = (STATUS_DRAFT, STATUS_SUBMITTED, STATUS_CHANGES_REQUESTED)


@dataclass(frozen=True)
class Participation:
    """What one young person did in the exchange."""

    published: int = 0
    in_progress: int = 0
    comments: int = 0
    reactions: int = 0


def _members(group_ids):
    return select(User.id).where(User.role == "young", User.group_id.in_(group_ids))


def _in_exchange(exchange: Exchange):
    return (
        select(Story.id)
        .join(Round, Round.id == Story.round_id)
        .where(Round.exchange_id == exchange.id)
    )


def _story_counts(exchange: Exchange, members) -> dict[int, tuple[int, int]]:
    """{user id: (published, in progress)}: a story started and co-written counts once."""
    pairs = union(
        select(Story.id.label("story_id"), Story.created_by_id.label("user_id")).where(
            Story.created_by_id.in_(members)
        ),
        select(story_author.c.story_id, story_author.c.user_id).where(
            story_author.c.user_id.in_(members)
        ),
    ).subquery()
    published = and_(Story.status == STATUS_APPROVED, Story.hidden_at.is_(None))
    query = (
        select(
            pairs.c.user_id,
            func.sum(case((published, 1), else_=0)),
            func.sum(case((Story.status.in_(IN_PROGRESS), 1), else_=0)),
        )
        .join(Story, Story.id == pairs.c.story_id)
        .where(Story.id.in_(_in_exchange(exchange)))
        .group_by(pairs.c.user_id)
    )
    return {user_id: (int(p or 0), int(w or 0)) for user_id, p, w in db.session.execute(query)}


def _said_counts(exchange: Exchange, said_by, members) -> dict[int, int]:
    """{user id: how many comments (or reactions) they gave on the exchange's stories}."""
    query = (
        select(said_by, func.count())
        .where(said_by.in_(members), said_by.table.c.story_id.in_(_in_exchange(exchange)))
        .group_by(said_by)
    )
    return dict(db.session.execute(query).all())


def member_participation(exchange: Exchange, group_ids) -> dict[int, Participation]:
    """{user id: Participation} for the young people of these groups who did anything here."""
    if not group_ids:
        return {}
    members = _members(group_ids)
    stories = _story_counts(exchange, members)
    comments = _said_counts(exchange, Comment.author_id, members)
    reactions = _said_counts(exchange, Reaction.user_id, members)
    found = {}
    for user_id in stories.keys() | comments.keys() | reactions.keys():
        published, in_progress = stories.get(user_id, (0, 0))
        found[user_id] = Participation(
            published, in_progress, comments.get(user_id, 0), reactions.get(user_id, 0)
        )
    return found
