"""What the home page shows of the public site (main.index renders it)."""

from storyhub.browse import queries
from storyhub.browse.geo import world_map
from storyhub.browse.pictures import first_photos, territory_pictures


def home_context() -> dict:
    """Featured exchanges, latest pairs, themes, the map teaser."""
    exchanges = queries.home_exchanges()
    pairs = queries.latest_pairs()
    teaser = queries.public_exchanges_with_places(limit=queries.TEASER_EXCHANGES)
    places = [p.territory for p in queries.places_of(teaser)]
    territories = {g.territory for e in exchanges for g in e.groups}
    return {
        "featured": exchanges,
        "pairs": pairs,
        "pair_photos": first_photos([s.id for pair in pairs for s in pair.stories]),
        "themes": queries.theme_counts(),
        "pictures": territory_pictures(sorted(territories, key=lambda t: t.id)),
        "world": world_map(places, queries.twin_links(teaser)),
        "place_count": len(places),
        "country_count": len({t.country for t in places}),
    }
