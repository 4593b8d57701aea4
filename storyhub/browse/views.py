"""Public discovery pages: /explore, /places/<slug>, /map (+ its data), and curation."""

from flask import abort, current_app, render_template, request, url_for
from flask_babel import format_decimal, get_locale
from flask_login import current_user
from markupsafe import Markup

from storyhub.browse import caching, curation, directory, pagecache, queries  # noqa: F401  (curation: admin routes on bp)
from storyhub.browse.blueprint import bp
from storyhub.browse.geo import distance_km, framed_map, pair_map
from storyhub.browse.mapdata import map_summary
from storyhub.browse.permissions import can_feature_exchange, can_manage_territory_picture
from storyhub.browse.pictures import territory_pictures
from storyhub.browse.settings import tile_host
from storyhub.core.countries import country_name
from storyhub.core.languages import CONTENT_LANGUAGES
from storyhub.core.versions import kept_for_version


@bp.before_app_request
def answer_not_modified():
    """304 at once when the visitor already holds the current public page or data; else the
    page kept for this content version, when an anonymous visitor asks."""
    return caching.not_modified() or pagecache.cached_page()


@bp.after_app_request
def cache_headers(response):
    """The content-version ETag and public caching; private for signed-in people's pages."""
    if pagecache.from_cache():
        return response  # kept with its headers
    return caching.add_cache_headers(response)


def place_url(territory) -> str:
    """The public page of a territory."""
    return url_for("browse.territory", slug=territory.slug)


@bp.app_context_processor
def browse_helpers() -> dict:
    """What the discovery templates (and the exchange page) share."""
    return {
        "place_url": place_url,
        "country_name": country_name,
        "can_feature_exchange": can_feature_exchange,
        "can_manage_territory_picture": can_manage_territory_picture,
        "territory_pictures": territory_pictures,
        "pair_map": pair_map,
        "distance_km": distance_km,
        "round_pairs": lambda exchange: queries.round_pairs(exchange, current_user),
        "content_language_name": lambda code: str(CONTENT_LANGUAGES.get(code, code)),
        "format_number": format_decimal,
    }


@bp.get("/explore", endpoint="directory")
def directory_page():
    """Every public exchange, filtered by theme, place, language, year and status."""
    filters, page = directory.read_filters(request.args)
    results = directory.exchanges_page(filters, page)
    facets = directory.facet_counts(filters)
    return render_template(
        "browse/directory.html",
        filters=filters,
        results=results,
        facets=facets,
        filters_form=kept_for_version(
            "directory filters html",
            (filters, str(get_locale())),
            lambda: _filters_form(filters, facets),
        ),
        story_counts=queries.story_counts([e.id for e in results.items]),
        pictures=territory_pictures(
            sorted({g.territory for e in results.items for g in e.groups}, key=lambda t: t.id)
        ),
    )


def _filters_form(filters, facets) -> Markup:
    """The directory's filter form, as HTML: kept per content version, language and filters
    like the counts it shows (an option per territory with a public exchange: rendering them
    grew with the site, 25 places at 10 000 stories, 250 at 100 000)."""
    html = render_template("browse/_directory_filters.html", filters=filters, facets=facets)
    return Markup(html)  # noqa: S704 (an autoescaped template's output)


@bp.get("/places/<string:slug>")
def territory(slug: str):
    """A territory: its presentation, groups, public exchanges and twin territories."""
    place = queries.public_territory(slug[:140]) or abort(404)
    sides = queries.territory_sides(place)
    if not sides and not can_manage_territory_picture(current_user):
        abort(404)
    shown = [side.id for side in sides[: queries.TERRITORY_EXCHANGES]]
    exchanges = queries.exchanges_by_id(shown)
    groups, twins, twin_total = queries.groups_and_twins(place, sides)
    # pictures of the place and of the sides of the cards shown (not of every twin)
    pictured = {place.id: place} | {
        g.territory.id: g.territory for e in exchanges for g in e.groups
    }
    return render_template(
        "browse/territory.html",
        place=place,
        exchanges=exchanges,
        exchange_total=len(sides),
        groups=groups,
        twins=twins,
        twin_total=twin_total,
        stories=queries.territory_stories([group.id for group in groups]),
        pictures=territory_pictures(sorted(pictured.values(), key=lambda t: t.id)),
        world=framed_map(place, twins),
    )


@bp.get("/map", endpoint="map")
def map_page():
    """Every territory with a public exchange: the map, and the same as a list by country."""
    summary = map_summary()
    return render_template(
        "browse/map.html",
        places_html=kept_for_version("map places", str(get_locale()), _map_places_html),
        total_places=len(summary.places),
        total_exchanges=summary.exchange_count,
        tile_url=current_app.config.get("MAP_TILE_URL", ""),
        tile_attribution=current_app.config.get("MAP_TILE_ATTRIBUTION", ""),
        tile_host=tile_host(current_app.config.get("MAP_TILE_URL", "")),
    )


def _map_places_html() -> Markup:
    """The places by country, as HTML: kept per content version and language (rendering a
    link per place took 0.6 s at a million stories, 2 500 places)."""
    countries: dict[str, list] = {}
    for place in map_summary().places:
        countries.setdefault(place.country, []).append(place)
    ordered = sorted(countries.items(), key=lambda item: country_name(item[0]).casefold())
    html = render_template("browse/_map_places.html", countries=ordered)
    return Markup(html)  # noqa: S704 (an autoescaped template's output)


@bp.get("/map/data.json")
def map_data():
    """The map's places (each with its number of public exchanges and the latest few) and
    the most recent twin lines, as JSON (public data only, bounded whatever the site's size).
    The JSON text is kept per content version and language, like the summary it is made of:
    making it (a link and a country name per place, then 760 KB of JSON) took 0.6 s at a
    million stories."""
    locale = str(get_locale())
    body = kept_for_version("map data", locale, lambda: current_app.json.dumps(_map_payload()))
    return current_app.response_class(body + "\n", mimetype=current_app.json.mimetype)


def _map_payload() -> dict:
    summary = map_summary()
    places = [
        {
            "slug": p.slug,
            "name": p.name,
            "country": country_name(p.country),
            "lat": p.latitude,
            "lng": p.longitude,
            "url": url_for("browse.territory", slug=p.slug),
            "exchange_count": p.exchange_count,
            "exchanges": [
                {"title": e.title, "url": url_for("exchanges.detail", exchange_id=e.id)}
                for e in p.latest
            ],
        }
        for p in summary.places
    ]
    links = [{"from": a, "to": b, "count": n} for a, b, n in summary.links]
    return {"places": places, "links": links}
