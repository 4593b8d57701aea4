"""The sitemap: an index (/sitemap.xml) and files of at most SITEMAP_MAX_URLS URLs each.

Every public exchange, round, story and territory is listed, whatever the size of the site.
Each kind is cut into files by ranges of ids (file n holds the ids from n × limit to
(n + 1) × limit − 1), so a file is one query over a primary-key range and never holds more
than the limit, and the index needs only the highest id of each kind (read from the primary
key, not by counting). Ranges where nothing is public give an empty but valid file.

Built files are kept in memory for the current content version (storyhub/core/versions.py):
any public change bumps it, so a kept file never outlives what it lists.
"""

from collections import OrderedDict
from xml.etree import ElementTree as ET

from flask import current_app, url_for
from sqlalchemy import func, select

from storyhub.core.http import as_utc
from storyhub.core.versions import current_version
from storyhub.exchanges.models import Exchange, Round
from storyhub.extensions import db
from storyhub.public.queries import (
    public_exchanges,
    public_rounds,
    public_stories,
    public_territories,
)
from storyhub.search.links import public_url
from storyhub.stories.indexing import indexable_story_clause
from storyhub.stories.models import Story
from storyhub.territories.models import Territory

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_URLS = 50_000  # the protocol's limit for one file
KEPT_FILES = 64
ET.register_namespace("", SITEMAP)


def _rounds_showing_unindexable_stories():
    """SELECT the rounds whose pair page shows a story search engines must not index (a
    subquery of its own: not correlated with the enclosing query's rounds)."""
    return (
        public_stories()
        .where(~indexable_story_clause())
        .with_only_columns(Story.round_id)
        .correlate(None)
    )


def _indexable_rounds():
    return public_rounds().where(Round.id.not_in(_rounds_showing_unindexable_stories()))


def _indexable_stories():
    return public_stories().where(indexable_story_clause())


# kind in the URL -> (model, page kind of public_url, SELECT of its listed rows): public pages,
# minus the stories (and the pairs showing them) that search engines must not index.
KINDS = {
    "exchanges": (Exchange, "exchange", public_exchanges),
    "rounds": (Round, "round", _indexable_rounds),
    "stories": (Story, "story", _indexable_stories),
    "places": (Territory, "territory", public_territories),
}
_kept: OrderedDict = OrderedDict()


def max_urls() -> int:
    """URLs per file (SITEMAP_MAX_URLS, at most the protocol's 50,000)."""
    return max(1, min(MAX_URLS, int(current_app.config.get("SITEMAP_MAX_URLS", MAX_URLS))))


def _kept_or_built(key: tuple, build) -> bytes:
    """The document for key at the current content version, built once per version."""
    version = current_version()
    found = _kept.get(key)
    if found is not None and found[0] == version:
        return found[1]
    body = build()
    _kept[key] = (version, body)
    _kept.move_to_end(key)
    while len(_kept) > KEPT_FILES:
        _kept.popitem(last=False)
    return body


def file_count(kind: str) -> int:
    """How many files cover the ids of this kind (from its highest id; at least one)."""
    model = KINDS[kind][0]
    highest = db.session.scalar(select(func.max(model.id))) or 0
    return highest // max_urls() + 1


def build_index() -> bytes:
    """The sitemap index: the home page's file and every file of every kind."""
    root = ET.Element(f"{{{SITEMAP}}}sitemapindex")
    locations = [url_for("feeds.sitemap_home", _external=True)]
    for kind in KINDS:
        locations += [
            url_for("feeds.sitemap_file", kind=kind, number=n, _external=True)
            for n in range(file_count(kind))
        ]
    for loc in locations:
        ET.SubElement(ET.SubElement(root, f"{{{SITEMAP}}}sitemap"), f"{{{SITEMAP}}}loc").text = loc
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def sitemap_index() -> bytes:
    """The index, kept for the current content version."""
    return _kept_or_built(("index", max_urls(), url_for("main.index", _external=True)), build_index)


def _urlset(locations) -> bytes:
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    for loc, lastmod in locations:
        url = ET.SubElement(urlset, f"{{{SITEMAP}}}url")
        ET.SubElement(url, f"{{{SITEMAP}}}loc").text = loc
        if lastmod is not None:
            ET.SubElement(url, f"{{{SITEMAP}}}lastmod").text = as_utc(lastmod).date().isoformat()
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True)


def file_locations(kind: str, number: int) -> list[tuple[str, object]]:
    """(URL, last modification or None) of the public pages of one file: one query."""
    model, page, public = KINDS[kind]
    low = number * max_urls()
    stmt = public().where(model.id >= low, model.id < low + max_urls()).order_by(model.id)
    key = model.slug if model is Territory else model.id
    if model is Story:
        rows = db.session.execute(stmt.with_only_columns(Story.id, Story.published_at)).all()
        return [(public_url(page, i), published) for i, published in rows]
    return [(public_url(page, k), None) for k in db.session.scalars(stmt.with_only_columns(key))]


def sitemap_file(kind: str, number: int) -> bytes:
    """One file of the sitemap, kept for the current content version."""
    root = url_for("main.index", _external=True)
    return _kept_or_built(
        (kind, number, max_urls(), root), lambda: _urlset(file_locations(kind, number))
    )


def sitemap_home() -> bytes:
    """The file of the pages that are always there (the home page)."""
    return _urlset([(url_for("main.index", _external=True), None)])
