"""What the home page shows of the public site (main.index renders it)."""

from flask import get_template_attribute
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from storyhub.browse import queries
from storyhub.browse.geo import world_map
from storyhub.browse.mapdata import map_summary
from storyhub.browse.pictures import first_photos, territory_pictures
from storyhub.core.versions import kept_for_version


def home_context() -> dict:
    """Featured exchanges, latest pairs, themes, the map teaser."""
    exchanges = queries.home_exchanges()
    pairs = queries.latest_pairs()
    summary = map_summary()  # the map's places and lines, built once per content version
    places = summary.places
    territories = {g.territory for e in exchanges for g in e.groups}
    return {
        "featured": exchanges,
        "pairs": pairs,
        "pair_photos": first_photos([s for pair in pairs for s in pair.stories]),
        "themes": queries.theme_counts(),
        "pictures": territory_pictures(sorted(territories, key=lambda t: t.id)),
        "world_html": kept_for_version("home world map", str(get_locale()), _world_html),
        "place_count": len(places),
        "country_count": len({p.country for p in places}),
    }


def _world_html() -> Markup:
    """The teaser's world map, as SVG: a dot per place with a public exchange and the latest
    lines, drawn once per content version and language (at 100 000 stories 250 places, ten
    times those of 10 000: drawing them on every request grew with the site)."""
    summary = map_summary()
    by_slug = {p.slug: p for p in summary.places}
    links = [(by_slug[a], by_slug[b]) for a, b, _count in summary.links]
    mini_map = get_template_attribute("browse/_macros.html", "mini_map")
    label = _("World map of the territories twinned on StoryHub")
    return Markup(mini_map(world_map(summary.places, links), label))  # noqa: S704 (autoescaped)
