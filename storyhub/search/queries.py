"""Searching the index: matching per database, ranking, filters, facet counts.

Every statement starts from `public_stories()` (the stories' visibility rule) and joins
search_document: a story is found only if it is indexed AND public right now.
Work is bounded whatever the number of matches: the MATCH_LIMIT most recent matches (story
ids, newest first, read along the full-text index) form the window that is counted, faceted
and ranked. Ranking within it: stories whose title holds a query word come first, then by relevance
(FTS5 bm25 with the title weighted 10, or PostgreSQL ts_rank with title weight A),
then the most recently published.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import NamedTuple

from flask import current_app
from markupsafe import Markup
from sqlalchemy import JSON, String, bindparam, cast, desc, func, literal_column, select, table

from storyhub.core.versions import kept_for_version, read_fresh
from storyhub.exchanges.models import Exchange, Round, Theme, exchange_theme, story_theme
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.public.queries import (
    StoryFilters,
    apply_story_filters,
    public_stories,
    story_filters_clause,
)
from storyhub.search.models import SearchDocument
from storyhub.search.text import highlight as highlight_text
from storyhub.search.text import query_terms, snippet
from storyhub.stories.models import Story, StoryTranslation
from storyhub.stories.translating import public_translation_clause
from storyhub.territories.models import Territory

FACETS = ("theme", "country", "language", "year")
FILTER_REACH = 3
MATCH_LIMIT = 300  # matches counted, faceted and ranked at most, newest first


class FoundStory(NamedTuple):
    """What a result line shows of a public story (plain values, no ORM object)."""

    id: int
    title: str
    language: str
    published_at: datetime | None
    group: str  # the group's name
    territory: str  # its territory's name
    country: str  # the territory's country code
    exchange: str  # the exchange's title


class FoundTranslation(NamedTuple):
    """A public translation of a story found: id first, so translations sort oldest first."""

    id: int
    language: str
    title: str


@dataclass
class SearchHit:
    """One story found, with its highlighted (escaped) title and snippet."""

    story: FoundStory
    title: Markup
    snippet: Markup
    translations: list = field(default_factory=list)  # its public translations


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
    themes: list = field(default_factory=list)  # every theme (ThemeName), read with the results

    @property
    def pages(self) -> int:
        """Number of pages (at least 1)."""
        return max(1, -(-self.total // self.per_page))


class _Match:
    """The full-text part of the query, written for one database."""

    def __init__(self, terms: list[str]):
        self.terms = terms
        self.postgres = db.engine.dialect.name == "postgresql"

    def where(self, stmt, lowest: int | None = None):
        """Join the index and keep the matching documents (with `lowest`, only those from that
        story id up: FTS5 then reads the matches of that range alone)."""
        stmt = stmt.join(SearchDocument, SearchDocument.story_id == Story.id)
        if not self.terms:
            return stmt
        if self.postgres:
            return stmt.where(self._vector().op("@@")(self._tsquery(" & ", "")))
        fts = table("search_document_fts", literal_column("rowid"))
        stmt = stmt.join(fts, literal_column("search_document_fts.rowid") == Story.id)
        if lowest is not None:
            stmt = stmt.where(literal_column("search_document_fts.rowid") >= lowest)
        return stmt.where(literal_column("search_document_fts").op("MATCH")(self._fts_all()))

    def among(self, stmt, ids: list[int]):
        """Join the index documents of these stories (already found matching): SQLite keeps
        its MATCH, which bm25 needs, read over the ids' range only; PostgreSQL reads the
        documents by their key and ranks just them."""
        if self.postgres:
            stmt = stmt.join(SearchDocument, SearchDocument.story_id == Story.id)
            return stmt.where(SearchDocument.story_id.in_(ids))
        return self.where(stmt, min(ids))

    def newest(self):
        """ORDER BY of the window: newest stories first, walked along the index's own order."""
        if self.terms and not self.postgres:
            return (desc(literal_column("search_document_fts.rowid")),)
        return (desc(Story.id),)

    def candidates(self, reach: int):
        """PostgreSQL: the ids of the `reach` newest matching documents, read from the index
        table alone (its planner misjudges how many stories several words match, and then
        checked the visibility of every one of them before keeping the newest)."""
        return (
            select(SearchDocument.story_id)
            .where(self._vector().op("@@")(self._tsquery(" & ", "")))
            .order_by(desc(SearchDocument.story_id))
            .limit(reach)
        )

    def order(self, lowest: int = 0):
        """ORDER BY: title hit first, then relevance, then newest (on SQLite the title's
        matches are read from story id `lowest` up)."""
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
            literal_column("title_fts.search_document_fts").op("MATCH")(self._fts_title()),
            literal_column("title_fts.rowid") >= lowest,
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
    """A page of public stories matching query and filters, best first, with facet counts.

    Work bounded by MATCH_LIMIT, never by the number of matches: the window is the
    MATCH_LIMIT most recent matching stories (an index walk, newest first); the facets are
    counted over it in Python, and only its stories are ranked. The window's ranked ids,
    count and facets are kept per content version (`SEARCH_CACHE`): any publication,
    withdrawal, hiding or edit starts a new version, and the page's stories are read through
    the public rule again whatever was kept."""
    terms = query_terms(query)
    match = _Match(terms)
    if current_app.config.get("SEARCH_CACHE", True):
        every_theme = kept_for_version("search themes", None, _themes)
        key = (tuple(terms), filters, MATCH_LIMIT)
        found = kept_for_version("search", key, lambda: _matches(match, filters, every_theme))
    else:
        every_theme = _themes()
        found = _matches(match, filters, every_theme)
    start = (page - 1) * per_page
    hits = _page(match, found.ranked[start : start + per_page])
    total = min(found.count, MATCH_LIMIT)
    capped = found.count > MATCH_LIMIT
    return SearchResults(terms, hits, total, page, per_page, found.facets, capped, every_theme)


class ThemeName(NamedTuple):
    """A theme as plain values, kept across requests (no ORM object to build for each)."""

    id: int
    slug: str
    name_fr: str
    name_en: str

    def name(self, locale: str) -> str:
        """The theme's name in the interface language (the model's own rule)."""
        return Theme.name(self, locale)


def _themes() -> list[ThemeName]:
    """Every theme (a handful)."""
    rows = db.session.execute(select(Theme.id, Theme.slug, Theme.name_fr, Theme.name_en))
    return [ThemeName(*row) for row in rows]


@dataclass(frozen=True)
class _Found:
    """What a query and its filters find, the same for every page: the window's ids best
    first, how many matched (MATCH_LIMIT + 1 meaning more), the facet counts."""

    ranked: tuple[int, ...]
    count: int
    facets: dict


def _matches(match: _Match, filters: StoryFilters, every_theme: list[ThemeName]) -> _Found:
    if match.postgres and match.terms and filters.active:
        # One walk of the index for both windows: the filtered one is taken among the same
        # FILTER_REACH times more newest matches, each read with whether it passes the filters.
        rows = _window(match, StoryFilters(), with_themes=True, flagged=filters)
        window = rows[: MATCH_LIMIT + 1]
        ids = [row.id for row in rows if row.chosen][: MATCH_LIMIT + 1]
    else:
        window = _window(match, StoryFilters(), with_themes=True)
        chosen = _window(match, filters) if filters.active else window
        ids = [row.id for row in chosen]
    theme_sets = _window_themes(window, every_theme)
    facets = {name: _facet(name, window, theme_sets, filters) for name in FACETS}
    ranked = _ranked(match, ids[:MATCH_LIMIT]) if ids else []
    return _Found(tuple(ranked), len(ids), facets)


def _theme_ids(column, key):
    """Correlated subquery: the theme ids of a story or an exchange, as "1,4" (or NULL)."""
    ids = select(func.aggregate_strings(cast(column.table.c.theme_id, String), ","))
    return ids.where(key).scalar_subquery()


def _window(
    match: _Match,
    filters: StoryFilters,
    with_themes: bool = False,
    flagged: StoryFilters | None = None,
) -> list:
    """The MATCH_LIMIT + 1 most recent public stories matching the words and the filters,
    with what the facets need (one statement; the +1 tells "more than"), the theme ids of
    each story and of its exchange read alongside (`with_themes`). On PostgreSQL a filter
    looks back over FILTER_REACH times as many of the newest matches; `flagged` (PostgreSQL,
    with words) reads all of those instead, each with `chosen`: whether it passes these
    filters."""
    limit = MATCH_LIMIT + 1
    if match.postgres and match.terms:
        reach = limit * (FILTER_REACH if filters.active or flagged else 1)
        found = match.candidates(reach).subquery("candidate")
        stmt = public_stories().join(found, found.c.story_id == Story.id)
        limit = reach if flagged else limit
    else:
        stmt = match.where(public_stories())
    stmt = apply_story_filters(stmt, filters)
    columns = [
        Story.id,
        Story.language,
        Story.published_at,
        Round.exchange_id,
        Territory.country,
        Territory.slug.label("territory"),
    ]
    if with_themes:
        columns.append(
            _theme_ids(story_theme.c.story_id, story_theme.c.story_id == Story.id).label(
                "own_themes"
            )
        )
        columns.append(
            _theme_ids(
                exchange_theme.c.exchange_id, exchange_theme.c.exchange_id == Round.exchange_id
            ).label("exchange_themes")
        )
    if flagged:
        columns.append(story_filters_clause(flagged).label("chosen"))
    stmt = stmt.with_only_columns(*columns)
    stmt = stmt.join(Group, Group.id == Story.group_id).join(
        Territory, Territory.id == Group.territory_id
    )
    return db.session.execute(stmt.order_by(*match.newest()).limit(limit)).all()


def _window_themes(window: list, every_theme: list[ThemeName]) -> dict[int, set[str]]:
    """{story id: slugs of its own and its exchange's themes} for the window, from the theme
    ids its statement read."""
    slugs = {str(theme.id): theme.slug for theme in every_theme}
    found = {}
    for row in window[:MATCH_LIMIT]:
        ids = f"{row.own_themes or ''},{row.exchange_themes or ''}".split(",")
        found[row.id] = {slugs[i] for i in ids if i in slugs}
    return found


def _facet(name: str, window: list, themes: dict, filters: StoryFilters):
    """(value, number of stories) for one filter, counted under the other filters among the
    window (never over the whole match set)."""
    others = filters.without(name)
    narrowed = others.active
    counts = Counter()
    for row in window[:MATCH_LIMIT]:
        story_themes = themes.get(row.id, set())
        if narrowed and not others.match_row(row, story_themes):
            continue
        if name == "theme":
            counts.update(story_themes)
        elif name == "year":
            counts[str(row.published_at.year)] += 1
        else:
            counts[getattr(row, name)] += 1
    return sorted((value, n) for value, n in counts.items() if value is not None and n)


def _ranked(match: _Match, ids: list[int]) -> list[int]:
    """The window's ids, best first: ranked on narrow rows (id, relevance, date), reading the
    index over the window's range only. The ids were read through public_stories()."""
    ranking = match.among(select(Story.id), ids).where(Story.id.in_(ids))
    return list(db.session.scalars(ranking.order_by(*match.order(min(ids)))))


def _page(match: _Match, page_ids: list[int]) -> list[SearchHit]:
    """The page's stories in this order, with their highlighted text, read through the public
    rule again (the ids may have been kept from an earlier request of this version), on the
    kept connection of the version's read: a kept search opens no session."""
    if not page_ids:
        return []
    statement = _page_statement(db.engine.dialect.name)
    loaded = {row.id: row for row in read_fresh(statement, {"page_ids": page_ids})}
    return [_hit(loaded[story_id], match.terms) for story_id in page_ids if story_id in loaded]


@cache  # built once per database kind: the same statement object, its cache key computed once
def _page_statement(dialect: str):
    """The public stories among :page_ids, with only the columns a result line shows and
    their public translations, in one statement."""
    return (
        public_stories()
        .with_only_columns(
            Story.id,
            Story.title,
            Story.language,
            Story.published_at,
            Group.name.label("group"),
            Territory.name.label("territory"),
            Territory.country,
            Exchange.title.label("exchange"),
            SearchDocument.title.label("indexed_title"),
            SearchDocument.body,
            _public_translations_of_story(dialect).label("translations"),
        )
        .join(SearchDocument, SearchDocument.story_id == Story.id)
        .join(Group, Group.id == Story.group_id)
        .join(Territory, Territory.id == Group.territory_id)
        .where(Story.id.in_(bindparam("page_ids", expanding=True)))
    )


def _public_translations_of_story(dialect: str):
    """Correlated subquery over a public story: its translations the public may read, as a
    JSON array of [id, language, title] (NULL or [] when none). The story's own rule is the
    outer statement's; `public_translation_clause` adds the translation's."""
    if dialect == "postgresql":
        columns = func.json_build_array(
            StoryTranslation.id, StoryTranslation.language, StoryTranslation.title
        )
        aggregate = func.json_agg(columns, type_=JSON)
    else:
        columns = func.json_array(
            StoryTranslation.id, StoryTranslation.language, StoryTranslation.title
        )
        aggregate = func.json_group_array(columns, type_=JSON)
    found = select(aggregate).where(
        StoryTranslation.story_id == Story.id, public_translation_clause()
    )
    return found.correlate(Story).scalar_subquery()


def _hit(row, terms: list[str]) -> SearchHit:
    story = FoundStory(
        row.id,
        row.title,
        row.language,
        row.published_at,
        row.group,
        row.territory,
        row.country,
        row.exchange,
    )
    translations = sorted(FoundTranslation(*item) for item in row.translations or ())
    return SearchHit(
        story,
        highlight_text(row.indexed_title, terms),
        snippet(row.body, terms),
        [(t, highlight_text(t.title, terms)) for t in translations],
    )
