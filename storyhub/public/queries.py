"""What the public may see, as SQL, for search, feeds, sitemap and API alike.

Nothing here decides visibility: every query starts from the domains' own rules,
`visible_story_clause(AnonymousUser())` and `visible_exchange_clause(AnonymousUser())`.
This module only adds the filters the directory offers (theme, country, territory,
language, year) and the lists derived from those rules (public territories).
"""

from dataclasses import dataclass, fields
from functools import cache

from sqlalchemy import and_, extract, or_, select, true
from sqlalchemy.orm import joinedload

from storyhub.accounts.models import AnonymousUser
from storyhub.exchanges.models import Exchange, Round, Theme, exchange_theme, story_theme
from storyhub.exchanges.permissions import public_exchange_clause
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.stories.models import Story, StoryTranslation
from storyhub.stories.permissions import visible_story_clause
from storyhub.stories.translating import public_translation_clause
from storyhub.territories.models import Territory


@cache  # built once: statements are immutable, every .where() or .join() makes a new one
def public_stories():
    """SELECT Story joined to its Round and Exchange, limited to what the public may read."""
    return (
        select(Story)
        .join(Story.round)
        .join(Round.exchange)
        .where(visible_story_clause(AnonymousUser()))
    )


@cache  # built once (see public_stories)
def public_translations():
    """SELECT StoryTranslation joined to its public story: the translations the public may
    read (a translation follows its story's visibility, and its young translator's consent)."""
    return (
        select(StoryTranslation)
        .join(Story, StoryTranslation.story_id == Story.id)
        .join(Story.round)
        .join(Round.exchange)
        .where(visible_story_clause(AnonymousUser()), public_translation_clause())
    )


def translations_by_story(story_ids, session=None) -> dict[int, list[StoryTranslation]]:
    """{story id: its translations the public may read, oldest first} (one query)."""
    session = session or db.session
    query = public_translations().where(StoryTranslation.story_id.in_(list(story_ids)))
    query = query.options(
        joinedload(StoryTranslation.translator), joinedload(StoryTranslation.group)
    )
    found: dict[int, list[StoryTranslation]] = {}
    for item in session.scalars(query.order_by(StoryTranslation.id)):
        found.setdefault(item.story_id, []).append(item)
    return found


def public_exchanges():
    """SELECT the exchanges the public may see."""
    return select(Exchange).where(public_exchange_clause())


def public_rounds():
    """SELECT the rounds of public exchanges (a round is seen by whoever sees its exchange)."""
    return select(Round).join(Round.exchange).where(public_exchange_clause())


def public_group_ids():
    """Subquery: ids of the groups taking part in a public exchange."""
    sides = select(Exchange.inviting_group_id).where(public_exchange_clause())
    return sides.union(select(Exchange.invited_group_id).where(public_exchange_clause()))


def public_territories():
    """SELECT the territories that have a group in a public exchange."""
    group_territories = select(Group.territory_id).where(Group.id.in_(public_group_ids()))
    return select(Territory).where(Territory.id.in_(group_territories))


@dataclass(frozen=True)
class StoryFilters:
    """The directory's filters, applied to stories. Empty values filter nothing."""

    theme: str = ""  # a theme slug: the story's or its exchange's themes
    country: str = ""  # ISO code of the territory where the story was written
    territory: str = ""  # slug of that territory
    language: str = ""  # the story's language code, or one of its public translations
    year: int | None = None  # the year the story was published

    def without(self, name: str) -> "StoryFilters":
        """The same filters minus one (to count the choices of that filter)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values[name] = None if name == "year" else ""
        return StoryFilters(**values)

    def match_row(self, row, themes: set[str]) -> bool:
        """Python twin of apply_story_filters, for a row of (language, published_at,
        country, territory) and the slugs of the story's and its exchange's themes."""
        return (
            (not self.theme or self.theme in themes)
            and (not self.country or row.country == self.country)
            and (not self.territory or row.territory == self.territory)
            and (not self.language or row.language == self.language)
            and (not self.year or row.published_at.year == self.year)
        )

    @property
    def active(self) -> bool:
        """True when at least one filter is set."""
        return any(getattr(self, f.name) for f in fields(self))


def stories_with_theme(slug: str):
    """SQL over Story joined to Round: the story or its exchange has the theme."""
    theme_id = select(Theme.id).where(Theme.slug == slug).scalar_subquery()
    own = select(story_theme.c.story_id).where(story_theme.c.theme_id == theme_id)
    of_exchange = select(exchange_theme.c.exchange_id).where(exchange_theme.c.theme_id == theme_id)
    return or_(Story.id.in_(own), Round.exchange_id.in_(of_exchange))


def _groups_where(condition):
    return Story.group_id.in_(select(Group.id).join(Group.territory).where(condition))


def in_language(code: str):
    """SQL over Story: written in this language, or with a public translation into it."""
    translated = public_translations().with_only_columns(StoryTranslation.story_id)
    return or_(
        Story.language == code, Story.id.in_(translated.where(StoryTranslation.language == code))
    )


def story_filters_clause(filters: StoryFilters):
    """SQL over Story joined to Round: the story passes every filter set (true when none is)."""
    conditions = []
    if filters.theme:
        conditions.append(stories_with_theme(filters.theme))
    if filters.country:
        conditions.append(_groups_where(Territory.country == filters.country))
    if filters.territory:
        conditions.append(_groups_where(Territory.slug == filters.territory))
    if filters.language:
        conditions.append(in_language(filters.language))
    if filters.year:
        conditions.append(extract("year", Story.published_at) == filters.year)
    return and_(true(), *conditions)


def apply_story_filters(stmt, filters: StoryFilters):
    """Add the filters to a statement over Story joined to Round."""
    return stmt.where(story_filters_clause(filters)) if filters.active else stmt
