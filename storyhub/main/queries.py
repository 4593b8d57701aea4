"""What a person's space shows: their exchanges, the rounds open now, their stories in progress."""

from dataclasses import dataclass, field
from datetime import date

from storyhub.accounts.models import User
from storyhub.exchanges.models import Exchange, Round
from storyhub.exchanges.queries import my_exchanges
from storyhub.extensions import db
from storyhub.stories.models import STATUS_APPROVED, Story
from storyhub.stories.permissions import authored_story_clause


@dataclass
class Space:
    """Everything the dashboard needs, loaded in a few queries."""

    exchanges: dict[str, list[Exchange]]
    open_rounds: list[Round] = field(default_factory=list)
    my_stories: list[Story] = field(default_factory=list)


def open_rounds(exchanges: list[Exchange], today: date) -> list[Round]:
    """Rounds of these active exchanges open today, closing soonest first."""
    ids = [exchange.id for exchange in exchanges]
    if not ids:
        return []
    query = (
        db.select(Round)
        .where(Round.exchange_id.in_(ids), Round.opens_on <= today, Round.closes_on >= today)
        .options(db.joinedload(Round.exchange))
        .order_by(Round.closes_on, Round.id)
    )
    return list(db.session.scalars(query))


def stories_in_progress(user: User, limit: int = 8) -> list[Story]:
    """A young person's stories not yet published (drafts, sent back, waiting), newest first."""
    query = (
        db.select(Story)
        .where(authored_story_clause(user))
        .where(Story.status != STATUS_APPROVED)
        .options(db.selectinload(Story.authors), db.selectinload(Story.blocks))
        .order_by(Story.updated_at.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def space_for(user: User, today: date) -> Space:
    """The dashboard of a young person or a verified educator."""
    exchanges = my_exchanges(user)
    space = Space(exchanges=exchanges, open_rounds=open_rounds(exchanges["active"], today))
    if user.is_young:
        space.my_stories = stories_in_progress(user)
    return space
