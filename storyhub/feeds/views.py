"""Atom feeds (site, exchange, theme, territory), sitemap.xml and robots.txt."""

from flask import Blueprint, abort, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from storyhub.core.http import cacheable
from storyhub.exchanges.models import Exchange, Round, Theme
from storyhub.extensions import db
from storyhub.feeds.atom import FeedInfo, build_feed
from storyhub.feeds.queries import latest_public_stories
from storyhub.feeds.sitemap import KINDS, file_count, sitemap_file, sitemap_home, sitemap_index
from storyhub.public.queries import (
    StoryFilters,
    public_exchanges,
    public_territories,
    translations_by_story,
)
from storyhub.search.links import public_url
from storyhub.territories.models import Territory

bp = Blueprint("feeds", __name__)
ATOM_TYPE = "application/atom+xml"
FEED_MAX_AGE = 0  # entries carry people's words: checked before each use
SITEMAP_MAX_AGE = 3600
# Feed titles follow the interface language, chosen from these request headers.
VARY = ("Accept-Language", "Cookie")


def _feed(title: str, subtitle: str, page_url: str, stories):
    """Render stories as an Atom response for the current URL."""
    locale = str(get_locale())
    themes = {t.slug: t.name(locale) for t in db.session.scalars(select(Theme))}
    info = FeedInfo(
        title=title,
        subtitle=subtitle,
        self_url=url_for(request.endpoint, _external=True, **(request.view_args or {})),
        page_url=page_url,
        language=locale,
    )
    translations = translations_by_story([s.id for s in stories])
    body = build_feed(
        info, stories, lambda story_id: public_url("story", story_id), themes, translations
    )
    last = max((s.published_at for s in stories), default=None)
    return cacheable(body, ATOM_TYPE, FEED_MAX_AGE, last, VARY)


@bp.route("/feeds/stories.atom")
def site():
    """The latest public stories of the whole site."""
    return _feed(
        _("StoryHub — latest stories"),
        _("Stories published by young people of twinned territories."),
        url_for("main.index", _external=True),
        latest_public_stories(),
    )


@bp.route("/feeds/exchanges/<int:exchange_id>.atom")
def exchange(exchange_id: int):
    """The latest public stories of one public exchange."""
    found = db.session.scalar(public_exchanges().where(Exchange.id == exchange_id))
    if found is None:
        abort(404)
    return _feed(
        _("StoryHub — %(title)s", title=found.title),
        _("The latest stories of this exchange."),
        public_url("exchange", found.id),
        latest_public_stories(condition=Round.exchange_id == found.id),
    )


@bp.route("/feeds/themes/<slug>.atom")
def theme(slug: str):
    """The latest public stories about one theme."""
    found = db.session.scalar(select(Theme).where(Theme.slug == slug))
    if found is None:
        abort(404)
    name = found.name(str(get_locale()))
    return _feed(
        _("StoryHub — %(theme)s", theme=name),
        _("The latest stories about %(theme)s.", theme=name),
        url_for("search.index", theme=found.slug, _external=True),
        latest_public_stories(StoryFilters(theme=found.slug)),
    )


@bp.route("/feeds/territories/<slug>.atom")
def territory(slug: str):
    """The latest public stories written in one territory that takes part in public exchanges."""
    found = db.session.scalar(public_territories().where(Territory.slug == slug))
    if found is None:
        abort(404)
    return _feed(
        _("StoryHub — %(territory)s", territory=found.name),
        _("The latest stories from %(territory)s.", territory=found.name),
        public_url("territory", found.slug),
        latest_public_stories(StoryFilters(territory=found.slug)),
    )


@bp.route("/sitemap.xml")
def sitemap():
    """The sitemap index: every file listing the public pages, for search engines."""
    return cacheable(sitemap_index(), "application/xml", SITEMAP_MAX_AGE)


@bp.route("/sitemaps/home.xml", endpoint="sitemap_home")
def sitemap_home_file():
    """The sitemap file of the home page."""
    return cacheable(sitemap_home(), "application/xml", SITEMAP_MAX_AGE)


@bp.route(f"/sitemaps/<any({', '.join(KINDS)}):kind>-<int:number>.xml", endpoint="sitemap_file")
def sitemap_file_view(kind: str, number: int):
    """One file of the sitemap: the public pages of one kind in one range of ids."""
    if number >= file_count(kind):
        abort(404)
    return cacheable(sitemap_file(kind, number), "application/xml", SITEMAP_MAX_AGE)


@bp.route("/robots.txt")
def robots():
    """Crawlers are welcome; the sitemap lists the public pages."""
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /search",
        "",
        f"Sitemap: {url_for('feeds.sitemap', _external=True)}",
        "",
    ]
    return cacheable("\n".join(lines), "text/plain", 86400)
