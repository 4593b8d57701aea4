"""Turning search results into what the page shows: filter choices with counts, result lines."""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select

from storyhub.core.countries import country_name
from storyhub.core.languages import CONTENT_LANGUAGES, direction
from storyhub.core.timezones import in_reader_zone
from storyhub.exchanges.models import Theme
from storyhub.extensions import db
from storyhub.public.queries import StoryFilters
from storyhub.search.links import public_url
from storyhub.search.queries import SearchHit, SearchResults


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
    themes = {t.slug: t.name(locale) for t in results.themes or all_themes()}
    choices = {}
    for name, found in results.facets.items():
        chosen = str(getattr(filters, name) or "")
        counts = dict(found)
        if chosen and chosen not in counts:
            counts[chosen] = 0
        items = [
            Choice(value, _label(name, value, themes, locale), count, value == chosen)
            for value, count in counts.items()
        ]
        reverse = name == "year"
        choices[name] = sorted(
            items, key=lambda c: c.value if reverse else c.label.casefold(), reverse=reverse
        )
    return choices


def _label(name: str, value: str, themes: dict[str, str], locale: str) -> str:
    if name == "country":
        return country_name(value)
    if name == "language":
        return language_label(value, locale)
    if name == "theme":
        return themes.get(value, value)
    return value


@lru_cache(maxsize=256)
def language_label(code: str, locale: str) -> str:
    """The name of a story language in `locale`, the request's interface language (the same in
    every request of that locale: translated once per process)."""
    return str(CONTENT_LANGUAGES.get(code, code))


@lru_cache(maxsize=4096)
def _day_label(day: date, locale: str) -> str:
    """A day as `|format_date` writes it in `locale`, the request's interface language
    (formatted once per process)."""
    return format_date(day)


@dataclass(frozen=True)
class ResultLine:
    """A result line, ready to print: everything a hit shows, in the interface language."""

    hit: SearchHit
    url: str
    dir: str
    place: str  # "group · territory, country"
    exchange: Markup  # "Exchange: <title>", the title escaped
    language: str
    day_iso: str  # the day of publication (UTC) for <time datetime>, "" when unknown
    day: str  # that day in the reader's zone, as the interface language writes dates


def result_lines(hits: list[SearchHit]) -> list[ResultLine]:
    """The hits as result lines: labels, date and link made here once per hit, the words of
    the interface read once per page (not per hit in the template)."""
    locale = str(get_locale())
    # A catalog string, trusted as the template's _() trusts it; the title is escaped by %.
    exchange = Markup(_("Exchange: %(title)s"))  # noqa: S704
    lines = []
    for hit in hits:
        story = hit.story
        published = story.published_at
        lines.append(
            ResultLine(
                hit,
                public_url("story", story.id, external=False),
                direction(story.language),
                f"{story.group} · {story.territory}, {country_name(story.country)}",
                exchange % {"title": story.exchange},
                language_label(story.language, locale),
                published.date().isoformat() if published else "",
                _day_label(in_reader_zone(published).date(), locale) if published else "",
            )
        )
    return lines
