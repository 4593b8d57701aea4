"""The exchanges directory: every public exchange, filters that combine, a count per choice.

Filters come from the query string (shareable); anything odd is dropped, never an error.
Each facet counts the exchanges matching every OTHER filter, so a visitor sees what each
choice would give. A fixed number of queries whatever the data: 1 per facet, 2 for the page.
"""

import re
from dataclasses import dataclass, fields, replace

from sqlalchemy import ColumnElement, case, exists, extract, func, literal, or_, select, union_all
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.datastructures import MultiDict

from storyhub.core.inputs import bounded_int
from storyhub.core.languages import CONTENT_LANGUAGES
from storyhub.core.versions import kept_for_version
from storyhub.exchanges.models import STATUS_ACTIVE, STATUS_CLOSED, Exchange, Theme, exchange_theme
from storyhub.exchanges.permissions import public_exchange_clause
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.territories.models import Territory

PER_PAGE = 12
MAX_PAGE = 1000
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,139}$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
STATUSES = (STATUS_ACTIVE, STATUS_CLOSED)
FACETS = ("theme", "country", "territory", "language", "year", "status")


@dataclass(frozen=True)
class Filters:
    """What the visitor narrowed the directory to; empty values filter nothing."""

    theme: str = ""  # theme slug
    country: str = ""  # ISO code of either side's territory
    territory: str = ""  # slug of either side's territory
    language: str = ""  # a language of the exchange
    year: int | None = None  # the year the exchange started
    status: str = ""  # active or closed

    def without(self, name: str) -> "Filters":
        """The same filters minus one (to count that filter's choices)."""
        return replace(self, **{name: None if name == "year" else ""})

    def params(self, **changes) -> dict:
        """The query-string parameters of these filters (with changes), empty ones left out."""
        values = {f.name: getattr(self, f.name) for f in fields(self)} | changes
        return {key: value for key, value in values.items() if value}

    @property
    def active(self) -> bool:
        """True when at least one filter is set."""
        return any(getattr(self, name) for name in FACETS)


def _int(value: str | None, low: int, high: int) -> int | None:
    return bounded_int(value, low, high)


def read_filters(args: MultiDict) -> tuple[Filters, int]:
    """Filters and page number from a query string; invalid values are dropped."""
    theme = args.get("theme", "").strip().lower()
    territory = args.get("territory", "").strip().lower()
    country = args.get("country", "").strip().upper()
    language = args.get("language", "").strip()
    status = args.get("status", "").strip().lower()
    filters = Filters(
        theme=theme if SLUG.match(theme) else "",
        country=country if COUNTRY.match(country) else "",
        territory=territory if SLUG.match(territory) else "",
        language=language if language in CONTENT_LANGUAGES else "",
        year=_int(args.get("year"), 1900, 2999),
        status=status if status in STATUSES else "",
    )
    return filters, _int(args.get("page"), 1, MAX_PAGE) or 1


def year_of_exchange() -> ColumnElement:
    """SQL: the year an exchange started (its creation year when it has no start date)."""
    return func.coalesce(extract("year", Exchange.starts_on), extract("year", Exchange.created_at))


def _sides_where(condition) -> ColumnElement:
    """SQL over Exchange: either side's group is in a territory matching condition."""
    groups = select(Group.id).join(Territory, Group.territory_id == Territory.id).where(condition)
    return or_(Exchange.inviting_group_id.in_(groups), Exchange.invited_group_id.in_(groups))


def _language_clause(code: str) -> ColumnElement:
    padded = literal(",") + Exchange.languages + literal(",")
    return padded.like(f"%,{code},%")


def conditions(filters: Filters) -> list[ColumnElement]:
    """The public rule, then one condition per filter set."""
    found = [public_exchange_clause()]
    if filters.theme:
        # A correlated EXISTS (one lookup in exchange_theme's key per exchange read), not
        # `id IN (every exchange of the theme)`: with the IN, SQLite started from the theme's
        # exchanges and sorted them all (0.68 s at a million stories); with EXISTS the page
        # walks the public-order index and stops after its 12 (2 ms).
        theme_id = select(Theme.id).where(Theme.slug == filters.theme).scalar_subquery()
        found.append(
            exists().where(
                exchange_theme.c.exchange_id == Exchange.id,
                exchange_theme.c.theme_id == theme_id,
            )
        )
    if filters.country:
        found.append(_sides_where(Territory.country == filters.country))
    if filters.territory:
        found.append(_sides_where(Territory.slug == filters.territory))
    if filters.language:
        found.append(_language_clause(filters.language))
    if filters.year:
        found.append(year_of_exchange() == filters.year)
    if filters.status:
        found.append(Exchange.status == filters.status)
    return found


def exchanges_page(filters: Filters, page: int):
    """One page of matching public exchanges, most recently published first, read along the
    public-order index (1 + 1 queries); the total is counted once per content version."""
    latest = func.coalesce(Exchange.invited_published_at, Exchange.created_at)
    query = (
        select(Exchange)
        .where(*conditions(filters))
        .options(
            joinedload(Exchange.inviting_group).joinedload(Group.territory),
            joinedload(Exchange.invited_group).joinedload(Group.territory),
            selectinload(Exchange.themes),
        )
        .order_by(latest.desc(), Exchange.id.desc())
    )
    results = db.paginate(query, page=page, per_page=PER_PAGE, error_out=False, count=False)
    results.total = kept_for_version("directory total", filters, lambda: _count(filters))
    return results


def _count(filters: Filters) -> int:
    return db.session.scalar(select(func.count()).select_from(_matching_ids(filters).subquery()))


def _matching_ids(filters: Filters):
    return select(Exchange.id).where(*conditions(filters))


def _sides(filters: Filters):
    """Subquery (exchange id, territory id) for both sides of the matching exchanges."""
    ids = _matching_ids(filters)
    inviting = select(Exchange.id.label("exchange_id"), Group.territory_id).join(
        Group, Group.id == Exchange.inviting_group_id
    )
    invited = select(Exchange.id.label("exchange_id"), Group.territory_id).join(
        Group, Group.id == Exchange.invited_group_id
    )
    return union_all(
        inviting.where(Exchange.id.in_(ids)), invited.where(Exchange.id.in_(ids))
    ).subquery()


def facet_counts(filters: Filters) -> dict[str, list[tuple]]:
    """For each filter: (value, label data, count) of the choices, counted under the others;
    counted over every public exchange, so kept per content version (core/versions.py)."""
    return kept_for_version("directory facets", filters, lambda: _facet_counts(filters))


def _facet_counts(filters: Filters) -> dict[str, list[tuple]]:
    return {
        "theme": _theme_counts(filters.without("theme")),
        "country": _place_counts(filters.without("country"), by_country=True),
        "territory": _place_counts(filters.without("territory"), by_country=False),
        "language": _language_counts(filters.without("language")),
        "year": _simple_counts(filters.without("year"), year_of_exchange(), descending=True),
        "status": _simple_counts(filters.without("status"), Exchange.status),
    }


def _theme_counts(filters: Filters) -> list[tuple]:
    count = func.count(exchange_theme.c.exchange_id)
    query = (
        select(Theme, count)
        .join(exchange_theme, exchange_theme.c.theme_id == Theme.id)
        .where(exchange_theme.c.exchange_id.in_(_matching_ids(filters)))
        .group_by(Theme.id)
        .order_by(Theme.slug)
    )
    return [(theme.slug, theme.copy(), n) for theme, n in db.session.execute(query)]


def _place_counts(filters: Filters, by_country: bool) -> list[tuple]:
    sides = _sides(filters)
    count = func.count(sides.c.exchange_id.distinct())
    if by_country:
        query = select(Territory.country, count).group_by(Territory.country)
    else:
        query = select(Territory.slug, Territory.name, Territory.country, count)
        query = query.group_by(Territory.id, Territory.slug, Territory.name, Territory.country)
    query = query.select_from(sides).join(Territory, Territory.id == sides.c.territory_id)
    rows = db.session.execute(query).all()
    if by_country:
        return [(code, code, n) for code, n in rows]
    return sorted(
        ((slug, (name, country), n) for slug, name, country, n in rows),
        key=lambda row: row[1][0].casefold(),
    )


def _language_counts(filters: Filters) -> list[tuple]:
    codes = list(CONTENT_LANGUAGES)
    sums = [func.sum(case((_language_clause(code), 1), else_=0)) for code in codes]
    row = db.session.execute(select(*sums).where(*conditions(filters))).one()
    return [(code, code, n) for code, n in zip(codes, row, strict=True) if n]


def _simple_counts(filters: Filters, column, descending: bool = False) -> list[tuple]:
    query = select(column, func.count()).where(*conditions(filters)).group_by(column)
    rows = [(_plain(value), n) for value, n in db.session.execute(query) if value is not None]
    rows.sort(key=lambda row: row[0], reverse=descending)
    return [(str(value), value, n) for value, n in rows]


def _plain(value):
    """A status as it is, a year as an int (PostgreSQL's EXTRACT gives a Decimal)."""
    return value if isinstance(value, str) else int(value)
