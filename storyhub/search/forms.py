"""Reading the search page's query string: anything odd is ignored, never an error."""

import re
from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from storyhub.core.inputs import bounded_int
from storyhub.core.languages import CONTENT_LANGUAGES
from storyhub.public.queries import StoryFilters

MAX_QUERY = 200
MAX_PAGE = 1000
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,139}$")
COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class SearchArgs:
    """What the visitor asked for."""

    query: str
    filters: StoryFilters
    page: int


def _int(value: str | None, low: int, high: int) -> int | None:
    return bounded_int(value, low, high)


def read_story_filters(args: MultiDict) -> StoryFilters:
    """The directory's filters from a query string; invalid values are dropped."""
    theme = args.get("theme", "").strip().lower()
    territory = args.get("territory", "").strip().lower()
    country = args.get("country", "").strip().upper()
    language = args.get("language", "").strip()
    return StoryFilters(
        theme=theme if SLUG.match(theme) else "",
        country=country if COUNTRY.match(country) else "",
        territory=territory if SLUG.match(territory) else "",
        language=language if language in CONTENT_LANGUAGES else "",
        year=_int(args.get("year"), 1900, 2999),
    )


def read_search_args(args: MultiDict) -> SearchArgs:
    """Query words (trimmed, bounded), filters and page number."""
    query = " ".join(args.get("q", "").split())[:MAX_QUERY]
    return SearchArgs(query, read_story_filters(args), _int(args.get("page"), 1, MAX_PAGE) or 1)
