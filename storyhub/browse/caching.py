"""HTTP caching of the public pages and data: an ETag from the stored content version, 304s.

Every write that may change what the public sees bumps one stored version number
(storyhub/core/versions.py). The ETag of a public page mixes that version with what else
shapes the page: the language, the day (open/closed rounds) and the templates. So a
conditional request is answered 304 from one indexed row, before any page work; a publication,
an unpublication, a hiding or a consent withdrawal changes every ETag at once.

Two kinds of endpoints: the HTML pages (anonymous visitors get `public, no-cache`, signed-in
people `private, no-cache`) and the public data (feeds, sitemap, API: the same for everyone).
Anonymous pages carry no form token and set no cookie, so shared caches may keep them; but
every cache asks again before each use (`no-cache`), because a withdrawal of consent, a
hiding after reports or a deletion must reach it at once — and asking again costs a 304
answered from one row.
"""

import hashlib
from datetime import date
from functools import lru_cache
from pathlib import Path

from flask import Response, current_app, g, request, session
from flask_babel import get_locale
from flask_login import current_user

from storyhub.core.http import as_utc
from storyhub.core.i18n import browser_locale
from storyhub.core.versions import current_version

PRIVATE_CACHE = "private, no-cache"
_TEMPLATES_DIGEST: list[str] = []

# Pages whose content depends only on the public data for an anonymous visitor.
HTML_PAGES = frozenset(
    {
        "main.index",
        "exchanges.detail",
        "stories.detail",
        "stories.round_detail",
        "browse.directory",
        "browse.territory",
        "browse.map",
        "browse.map_data",
        "search.index",
    }
)
# Public data, the same for everyone whoever asks (no session is read).
PUBLIC_DATA_BLUEPRINTS = frozenset({"api", "feeds"})
PUBLIC_DATA_ENDPOINTS = frozenset({"api.openapi", "feeds.robots"})  # fixed documents


def _templates_digest() -> str:
    """A digest of the templates and static files, once per process: a new release changes the
    ETags (pages name their stylesheets and scripts by content-hashed URLs)."""
    if not _TEMPLATES_DIGEST:
        digest = hashlib.sha256()
        for path in sorted(Path(current_app.template_folder).rglob("*.html")):
            digest.update(path.read_bytes())
        for path in sorted(Path(current_app.static_folder).rglob("*")):
            digest.update(path.read_bytes() if path.is_file() else b"")
        _TEMPLATES_DIGEST.append(digest.hexdigest()[:16])
    return _TEMPLATES_DIGEST[0]


def kind_of_request() -> str:
    """'page' (an HTML page cached for anonymous visitors), 'data' (public data) or ''."""
    if request.method not in ("GET", "HEAD") or request.endpoint is None:
        return ""
    if request.endpoint in HTML_PAGES:
        return "page"
    if request.blueprint in PUBLIC_DATA_BLUEPRINTS:
        return "" if request.endpoint in PUBLIC_DATA_ENDPOINTS else "data"
    return ""


def without_cookies() -> bool:
    """True when the request carries no session, remember-me or language cookie: an anonymous
    visitor with no message waiting and no saved language, known without loading the session,
    the user or Babel (what a page served from the page cache must not pay for)."""
    if not request.environ.get("HTTP_COOKIE"):
        return True
    cookies = request.cookies
    if not cookies:
        return True
    config = current_app.config
    names = (config["SESSION_COOKIE_NAME"], config.get("REMEMBER_COOKIE_NAME", "remember_token"))
    return not any(name in cookies for name in (*names, "locale"))


def is_cacheable_request() -> bool:
    """Public data, or an HTML page asked anonymously with no message waiting."""
    if "browse_cacheable" not in g:
        kind = kind_of_request()
        g.browse_cacheable = kind == "data" or (
            kind == "page"
            and (
                without_cookies()
                or (not current_user.is_authenticated and not session.get("_flashes"))
            )
        )
    return g.browse_cacheable


def visitor_locale() -> str:
    """The interface language of this request (the browser's when nothing else is saved)."""
    return browser_locale() if without_cookies() else str(get_locale())


def page_etag() -> str:
    """The ETag of this page for an anonymous visitor: content version, language, day,
    templates (and which kind of answer: the API and a page never share one)."""
    version, changed_at = current_version()
    parts = (
        str(version),
        changed_at.isoformat() if changed_at else "",
        kind_of_request(),
        visitor_locale(),
        date.today().isoformat(),
        _templates_digest(),
    )
    return _digest(parts)


@lru_cache(maxsize=256)
def _digest(parts: tuple[str, ...]) -> str:
    """The ETag of these parts: hashed once per version, kind, language and day."""
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:40]


def not_modified() -> Response | None:
    """A 304 when the visitor already holds this page, before anything else is done."""
    # Decided now, before the page consumes a waiting message.
    if not kind_of_request() or not is_cacheable_request():
        return None
    if "HTTP_IF_NONE_MATCH" not in request.environ or not request.if_none_match:
        return None
    etag = page_etag()
    if not request.if_none_match.contains_weak(etag):
        return None
    response = Response(status=304)
    _public_headers(response, etag)
    return response


def add_cache_headers(response: Response) -> Response:
    """The version ETag and public caching when cacheable; private for signed-in pages."""
    kind = kind_of_request()
    if not kind or response.status_code != 200:
        return response
    if not is_cacheable_request():
        response.headers["Cache-Control"] = PRIVATE_CACHE
        return response
    _public_headers(response, page_etag())
    return response


def _public_headers(response: Response, etag: str) -> None:
    response.set_etag(etag)
    changed_at = current_version()[1]
    if changed_at is not None:
        response.last_modified = as_utc(changed_at)
    response.cache_control.public = True
    response.cache_control.no_cache = True  # kept, but checked before each use (see above)
    response.vary.add("Cookie")
    response.vary.add("Accept-Language")
