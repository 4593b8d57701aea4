"""What /map and /map/data.json show: one summary per territory, built once per content version.

The map used to send every public exchange of every place (4 MB at 100 000 stories). It now
sends, per territory, its number of public exchanges and the latest few, and the most recent
twin lines. The summary is read in one query of plain columns (no objects) and kept in the
process until the content version changes: publishing, unpublishing, hiding, a withdrawal or
an edit bumps the version (core/versions.py), so the next request builds it again.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import aliased

from storyhub.browse.queries import published_order
from storyhub.core.versions import kept_for_version
from storyhub.exchanges.models import Exchange
from storyhub.exchanges.permissions import public_exchange_clause
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.territories.models import Territory

PLACE_EXCHANGES = 2  # latest public exchanges sent per place (the place page lists them all)
MAX_LINKS = 200  # the most recently made public twinnings drawn as lines


@dataclass(frozen=True)
class MapExchange:
    """A public exchange as a place lists it: with the territory on the other side."""

    id: int
    title: str
    twin_name: str


@dataclass
class MapPlace:
    """A territory with public exchanges: where, how many, the latest few."""

    id: int
    slug: str
    name: str
    country: str
    latitude: float
    longitude: float
    exchange_count: int = 0
    latest: list[MapExchange] = field(default_factory=list)


@dataclass
class MapSummary:
    """Every place (by country, then name), the drawn twin lines, the number of exchanges."""

    places: list[MapPlace]
    links: list[tuple[str, str, int]]  # (slug, slug, exchanges joining them)
    exchange_count: int


def map_summary() -> MapSummary:
    """The summary of the current content version (built at most once per version)."""
    return kept_for_version("map", None, build_summary)


def _rows():
    """(exchange id, title, then id/slug/name/country/lat/lng of each side), newest first."""
    sides = []
    query = select(Exchange.id, Exchange.title)
    for column in (Exchange.inviting_group_id, Exchange.invited_group_id):
        group, place = aliased(Group), aliased(Territory)
        query = query.join(group, group.id == column).join(place, place.id == group.territory_id)
        sides.append(place)
    for place in sides:
        query = query.add_columns(
            place.id, place.slug, place.name, place.country, place.latitude, place.longitude
        )
    query = query.where(public_exchange_clause()).order_by(published_order(), Exchange.id.desc())
    return db.session.execute(query)


def build_summary() -> MapSummary:
    """Read the public exchanges' places once and fold them per territory and per twin pair."""
    places: dict[int, MapPlace] = {}
    links: dict[tuple[str, str], int] = {}
    total = 0
    for row in _rows():
        total += 1
        exchange_id, title, *columns = row
        a, b = (places.setdefault(c[0], MapPlace(*c)) for c in (columns[:6], columns[6:]))
        for here, there in ((a, b), (b, a)) if a.id != b.id else ((a, a),):
            here.exchange_count += 1
            if len(here.latest) < PLACE_EXCHANGES:
                here.latest.append(MapExchange(exchange_id, title, there.name))
        if a.id != b.id:
            pair = tuple(sorted((a.slug, b.slug)))
            if pair in links or len(links) < MAX_LINKS:
                links[pair] = links.get(pair, 0) + 1
    ordered = sorted(places.values(), key=lambda p: (p.country, p.name.casefold()))
    return MapSummary(ordered, [(a, b, n) for (a, b), n in links.items()], total)
