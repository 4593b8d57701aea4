"""sitemap.xml: every public page, and nothing else, in four queries; minors' stories and the
pairs that show them only when both educators of the exchange allowed indexing."""

from xml.etree import ElementTree as ET

from flask import url_for

from storyhub.exchanges.models import Exchange, Round
from storyhub.extensions import db
from storyhub.feeds.http import as_utc
from storyhub.search.links import public_url
from storyhub.search.public import (
    public_exchanges,
    public_rounds,
    public_stories,
    public_territories,
)
from storyhub.stories.indexing import indexable_story_clause
from storyhub.stories.models import Story
from storyhub.territories.models import Territory

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_URLS = 50_000  # the protocol's limit for one file
ET.register_namespace("", SITEMAP)


def _url(urlset, loc: str, lastmod=None) -> None:
    url = ET.SubElement(urlset, f"{{{SITEMAP}}}url")
    ET.SubElement(url, f"{{{SITEMAP}}}loc").text = loc
    if lastmod is not None:
        ET.SubElement(url, f"{{{SITEMAP}}}lastmod").text = as_utc(lastmod).date().isoformat()


def _rounds_showing_unindexable_stories():
    """SELECT the rounds whose pair page shows a story search engines must not index (a
    subquery of its own: not correlated with the enclosing query's rounds)."""
    return (
        public_stories()
        .where(~indexable_story_clause())
        .with_only_columns(Story.round_id)
        .correlate(None)
    )


def public_locations() -> list[tuple[str, object]]:
    """(absolute URL, last modification or None) of every public page."""
    share = MAX_URLS // 4
    exchanges = db.session.execute(
        public_exchanges().with_only_columns(Exchange.id).order_by(Exchange.id).limit(share)
    ).scalars()
    rounds = db.session.execute(
        public_rounds()
        .where(Round.id.not_in(_rounds_showing_unindexable_stories()))
        .with_only_columns(Round.id)
        .order_by(Round.id)
        .limit(share)
    ).scalars()
    stories = db.session.execute(
        public_stories()
        .where(indexable_story_clause())
        .with_only_columns(Story.id, Story.published_at)
        .order_by(Story.id)
        .limit(share)
    ).all()
    territories = db.session.execute(
        public_territories().with_only_columns(Territory.slug).order_by(Territory.slug).limit(share)
    ).scalars()
    locations = [(url_for("main.index", _external=True), None)]
    locations += [(public_url("exchange", i), None) for i in exchanges]
    locations += [(public_url("round", i), None) for i in rounds]
    locations += [(public_url("story", i), published) for i, published in stories]
    locations += [(public_url("territory", slug), None) for slug in territories]
    return locations


def build_sitemap() -> bytes:
    """The sitemap document."""
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    for loc, lastmod in public_locations():
        _url(urlset, loc, lastmod)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True)
