"""The public stories a feed shows, loaded in a fixed number of queries."""

from sqlalchemy import desc
from sqlalchemy.orm import joinedload, selectinload

from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.public.queries import StoryFilters, apply_story_filters, public_stories
from storyhub.stories.models import Story

FEED_SIZE = 30


def latest_public_stories(filters: StoryFilters | None = None, condition=None) -> list[Story]:
    """The newest public stories matching the filters or condition, with what entries need."""
    stmt = apply_story_filters(public_stories(), filters or StoryFilters())
    if condition is not None:
        stmt = stmt.where(condition)
    stmt = stmt.options(
        joinedload(Story.group).joinedload(Group.territory),
        selectinload(Story.blocks),
        selectinload(Story.authors),
        selectinload(Story.themes),
    )
    stmt = stmt.order_by(desc(Story.published_at), desc(Story.id)).limit(FEED_SIZE)
    return list(db.session.scalars(stmt).unique())
