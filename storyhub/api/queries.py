"""The API's statements: the public rules from storyhub.public.queries, the filters, and the
eager loading that keeps every list at a fixed number of queries."""

from sqlalchemy import or_, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from storyhub.exchanges.models import Exchange, Round, Theme, exchange_theme
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.public.queries import (
    StoryFilters,
    apply_story_filters,
    public_exchanges,
    public_rounds,
    public_stories,
    public_territories,
)
from storyhub.stories.models import Story
from storyhub.territories.models import Territory

EXCHANGE_OPTIONS = (
    selectinload(Exchange.themes),
    joinedload(Exchange.inviting_group).joinedload(Group.territory),
    joinedload(Exchange.invited_group).joinedload(Group.territory),
)
STORY_OPTIONS = (
    contains_eager(Story.round),
    joinedload(Story.group).joinedload(Group.territory),
    selectinload(Story.blocks),
    selectinload(Story.authors),
    selectinload(Story.themes),
)


def territories_query(country: str = ""):
    """Territories with a group in a public exchange."""
    stmt = public_territories()
    return stmt.where(Territory.country == country) if country else stmt


def exchanges_query(theme: str = "", country: str = "", territory: str = ""):
    """Public exchanges, by theme, or by a country or territory on either side."""
    stmt = public_exchanges()
    if theme:
        with_theme = select(exchange_theme.c.exchange_id).join(Theme).where(Theme.slug == theme)
        stmt = stmt.where(Exchange.id.in_(with_theme))
    place = None
    if country:
        place = Territory.country == country
    if territory:
        place = (
            Territory.slug == territory if place is None else place & (Territory.slug == territory)
        )
    if place is not None:
        groups = select(Group.id).join(Group.territory).where(place)
        stmt = stmt.where(
            or_(Exchange.inviting_group_id.in_(groups), Exchange.invited_group_id.in_(groups))
        )
    return stmt


def rounds_query(exchange_id: int | None = None):
    """Rounds of public exchanges."""
    stmt = public_rounds()
    return stmt.where(Round.exchange_id == exchange_id) if exchange_id else stmt


def stories_query(filters: StoryFilters, exchange_id: int | None, round_id: int | None):
    """Public stories with the directory's filters, and by exchange or round."""
    stmt = apply_story_filters(public_stories(), filters)
    if exchange_id:
        stmt = stmt.where(Round.exchange_id == exchange_id)
    if round_id:
        stmt = stmt.where(Story.round_id == round_id)
    return stmt


def public_story_ids(ids) -> set[int]:
    """Which of these story ids the public may read (for "in reply to" links): one query."""
    stmt = public_stories().with_only_columns(Story.id).where(Story.id.in_(list(ids)))
    return set(db.session.scalars(stmt))
