"""Searching the index: matching per database, ranking, filters, facet counts.

Every statement starts from `public_stories()` (the stories' visibility rule) and joins
search_document: a story is found only if it is indexed AND public right now.
Ranking: stories whose title holds a query word come first, then by relevance
(FTS5 bm25 with the title weighted 10, or PostgreSQL ts_rank with title weight A),
then the most recently published.
"""

from dataclasses import dataclass, field

from markupsafe import Markup
from sqlalchemy import desc, extract, func, literal_column, select, table
from sqlalchemy.orm import contains_eager, joinedload

from storyhub.exchanges.models import Round, Theme, exchange_theme, story_theme
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.public.queries import StoryFilters, apply_story_filters, public_stories
from storyhub.search.models import SearchDocument
from storyhub.search.text import highlight as highlight_text
from storyhub.search.text import query_terms, snippet
from storyhub.stories.models import Story
from storyhub.territories.models import Territory

FACETS = ("theme", "country", "language", "year")
MATCH_LIMIT = 1000  # matches counted and faceted at most, best first (pages stop there)


@dataclass
class SearchHit:
    """One story found, with its highlighted (escaped) title and snippet."""

    story: Story
    title: Markup
    snippet: Markup


@dataclass
class SearchResults:
    """A page of hits, the total, and for each filter the values available with counts."""

    terms: list[str]
    hits: list[SearchHit]
    total: int
    page: int
    per_page: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    capped: bool = False  # more than MATCH_LIMIT matches: total is the limit, "more than"

    @property
    def pages(self) -> int:
        """Number of pages (at least 1)."""
        return max(1, -(-self.total // self.per_page))


class _Match:
    """The full-text part of the query, written for one database."""

    def __init__(self, terms: list[str]):
        self.terms = terms
        self.postgres = db.engine.dialect.name == "postgresql"

    def where(self, stmt):
        """Join the index and keep the matching documents."""
        stmt = stmt.join(SearchDocument, SearchDocument.story_id == Story.id)
        if not self.terms:
            return stmt
        if self.postgres:
            return stmt.where(self._vector().op("@@")(self._tsquery(" & ", "")))
        fts = table("search_document_fts", literal_column("rowid"))
        stmt = stmt.join(fts, literal_column("search_document_fts.rowid") == Story.id)
        return stmt.where(literal_column("search_document_fts").op("MATCH")(self._fts_all()))

    def order(self):
        """ORDER BY: title hit first, then relevance, then newest."""
        newest = (desc(Story.published_at), desc(Story.id))
        if not self.terms:
            return newest
        if self.postgres:
            title_hit = self._vector().op("@@")(self._tsquery(" | ", ":A"))
            rank = func.ts_rank(self._vector(), self._tsquery(" & ", ""))
            return (desc(title_hit), desc(rank), *newest)
        title_fts = table("search_document_fts", literal_column("rowid")).alias("title_fts")
        in_title = select(literal_column("title_fts.rowid")).select_from(title_fts)
        in_title = in_title.where(
            literal_column("title_fts.search_document_fts").op("MATCH")(self._fts_title())
        )
        title_hit = Story.id.in_(in_title.correlate(None))
        rank = func.bm25(literal_column("search_document_fts"), 10.0, 1.0)
        return (desc(title_hit), rank, *newest)

    def _vector(self):
        return literal_column("search_document.search_vector")

    def _tsquery(self, joiner: str, weight: str):
        text = joiner.join(f"{term}{weight}" for term in self.terms)
        return func.to_tsquery(literal_column("'simple'::regconfig"), func.storyhub_unaccent(text))

    def _fts_all(self) -> str:
        return " ".join(f'"{term}"' for term in self.terms)

    def _fts_title(self) -> str:
        return "{terms_title} : (" + " OR ".join(f'"{term}"' for term in self.terms) + ")"


def search_stories(
    query: str, filters: StoryFilters, page: int = 1, per_page: int = 10
) -> SearchResults:
    """A page of public stories matching query and filters, best first, with facet counts."""
    terms = query_terms(query)
    match = _Match(terms)
    base = apply_story_filters(match.where(public_stories()), filters)
    # Counted up to the limit only: a common word must not count the whole site.
    first = base.with_only_columns(Story.id).order_by(None).limit(MATCH_LIMIT + 1).subquery()
    found = db.session.scalar(select(func.count()).select_from(first)) or 0
    total = min(found, MATCH_LIMIT)
    rows = db.session.execute(
        base.add_columns(SearchDocument)
        .options(
            contains_eager(Story.round).contains_eager(Round.exchange),
            joinedload(Story.group).joinedload(Group.territory),
        )
        .order_by(*match.order())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    hits = [
        SearchHit(story, highlight_text(doc.title, terms), snippet(doc.body, terms))
        for story, doc in rows
    ]
    facets = {name: _facet(name, match, filters) for name in FACETS}
    return SearchResults(terms, hits, total, page, per_page, facets, found > MATCH_LIMIT)


def _facet(name: str, match: _Match, filters: StoryFilters) -> list[tuple[str, int]]:
    """(value, number of stories) for one filter, counted under the other filters among the
    MATCH_LIMIT best matches (never over the whole match set)."""
    matched = apply_story_filters(match.where(public_stories()), filters.without(name))
    ids = (
        matched.with_only_columns(
            Story.id, Story.group_id, Story.language, Round.exchange_id, Story.published_at
        )
        .order_by(*match.order())
        .limit(MATCH_LIMIT)
        .subquery()
    )
    count = func.count(func.distinct(ids.c.id))
    if name == "theme":
        pairs = select(ids.c.id, story_theme.c.theme_id).join(
            story_theme, story_theme.c.story_id == ids.c.id
        )
        pairs = pairs.union(
            select(ids.c.id, exchange_theme.c.theme_id).join(
                exchange_theme, exchange_theme.c.exchange_id == ids.c.exchange_id
            )
        ).subquery()
        value = Theme.slug
        stmt = select(value, func.count(pairs.c.id)).join(pairs, pairs.c.theme_id == Theme.id)
    elif name == "country":
        value = Territory.country
        stmt = select(value, count).select_from(ids).join(Group, Group.id == ids.c.group_id)
        stmt = stmt.join(Territory, Territory.id == Group.territory_id)
    elif name == "language":
        value = ids.c.language
        stmt = select(value, count)
    else:
        value = extract("year", ids.c.published_at)
        stmt = select(value, count)
    rows = db.session.execute(stmt.group_by(value).order_by(value)).all()
    return [(str(int(v)) if name == "year" else v, n) for v, n in rows if v is not None]
