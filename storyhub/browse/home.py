"""What the home page shows of the public site (main.index renders it)."""

from storyhub.browse import queries
from storyhub.browse.geo import world_map
from storyhub.browse.mapdata import map_summary
from storyhub.browse.pictures import first_photos, territory_pictures


def home_context() -> dict:
    """Featured exchanges, latest pairs, themes, the map teaser."""
    exchanges = queries.home_exchanges()
    pairs = queries.latest_pairs()
    summary = map_summary()  # the map's places and lines, built once per content version
    places = summary.places
    by_slug = {p.slug: p for p in places}
    links = [(by_slug[a], by_slug[b]) for a, b, _count in summary.links]
    territories = {g.territory for e in exchanges for g in e.groups}
    return {
        "featured": exchanges,
        "pairs": pairs,
        "pair_photos": first_photos([s for pair in pairs for s in pair.stories]),
        "themes": queries.theme_counts(),
        "pictures": territory_pictures(sorted(territories, key=lambda t: t.id)),
        "world": world_map(places, links),
        "place_count": len(places),
        "country_count": len({p.country for p in places}),
    }
