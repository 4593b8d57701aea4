"""Turning search results into what the page shows: filter choices with counts, story lines."""

from dataclasses import dataclass

from flask_babel import get_locale
from sqlalchemy import select

from storyhub.core.countries import country_name
from storyhub.core.languages import CONTENT_LANGUAGES, direction
from storyhub.exchanges.models import Theme
from storyhub.extensions import db
from storyhub.public.queries import StoryFilters
from storyhub.search.queries import SearchResults
from storyhub.stories.models import Story


@dataclass(frozen=True)
class Choice:
    """One option of a filter: its value, label, number of stories, and whether it is chosen."""

    value: str
    label: str
    count: int
    selected: bool


def all_themes(themes: list[Theme] | None = None) -> list[Theme]:
    """Every theme (or these, already read), by name in the interface language."""
    locale = str(get_locale())
    if themes is None:
        themes = db.session.scalars(select(Theme)).all()
    return sorted(themes, key=lambda theme: theme.name(locale).casefold())


def filter_choices(results: SearchResults, filters: StoryFilters) -> dict[str, list[Choice]]:
    """For theme, country, language and year: the values found, with counts, chosen one kept."""
    locale = str(get_locale())
    names = {
        "theme": {t.slug: t.name(locale) for t in results.themes or all_themes()},
        "country": None,
        "language": {code: str(name) for code, name in CONTENT_LANGUAGES.items()},
        "year": None,
    }
    choices = {}
    for name, found in results.facets.items():
        chosen = str(getattr(filters, name) or "")
        counts = dict(found)
        if chosen and chosen not in counts:
            counts[chosen] = 0
        labels = names[name]
        items = [
            Choice(value, _label(name, value, labels), count, value == chosen)
            for value, count in counts.items()
        ]
        reverse = name == "year"
        choices[name] = sorted(
            items, key=lambda c: c.value if reverse else c.label.casefold(), reverse=reverse
        )
    return choices


def _label(name: str, value: str, labels: dict | None) -> str:
    if name == "country":
        return country_name(value)
    if labels is None:
        return value
    return labels.get(value, value)


def story_meta(story: Story) -> dict:
    """Where a story comes from, for the result line."""
    territory = story.group.territory
    return {
        "group": story.group.name,
        "territory": territory.name,
        "country": country_name(territory.country),
        "exchange": story.round.exchange.title,
        "language": str(CONTENT_LANGUAGES.get(story.language, story.language)),
        "dir": direction(story.language),
        "published_at": story.published_at,
    }
