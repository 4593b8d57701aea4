"""A server-side cache of the public pages for anonymous visitors, keyed on the content version.

The key is the page's ETag (browse/caching.py: content version, language, day, templates), the
encoding the visitor accepts and the address asked (path and query string), so publishing,
unpublishing, hiding, a consent withdrawal, a deletion or an edit — every write that bumps the
version (core/versions.py) — changes every key at once: the next visitor gets a freshly built
page, never a stale one. Only GETs of the public pages (anonymous visitors), of search and of
the public data (feeds, sitemap, API) are kept, only 200s that set no cookie (a page with a form
token is never kept).

What is kept is the answer as it left the app: headers and body, already compressed. A visitor
with no cookie is then answered after one read of the version and one cache read, without
loading a session, a user or a language, and without compressing or hashing anything again.

Flask-Caching in the process by default; Redis when REDIS_URL is set (shared by every app
process). PAGE_CACHE=0 turns it off.
"""

import hashlib

from flask import Flask, Response, current_app, g, request, session
from werkzeug.datastructures import Headers

from storyhub.browse import caching
from storyhub.core.assets import accepted_encoding
from storyhub.extensions import cache

KEPT_SECONDS = 600  # old versions' pages simply expire
MAX_PAGES = 2000  # in-process store
NOT_KEPT_HEADERS = frozenset({"content-length", "set-cookie", "date"})


def init_page_cache(app: Flask) -> None:
    """Bind Flask-Caching: Redis when REDIS_URL, else a bounded store in this process.

    Call it before core.compression.init_compression: after-request hooks run in the reverse
    order, so keep_page then sees the answer compressed, as it is sent."""
    if app.config.get("REDIS_URL"):
        settings = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": app.config["REDIS_URL"]}
        settings["CACHE_KEY_PREFIX"] = "storyhub:page:"
    else:
        settings = {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": MAX_PAGES}
    cache.init_app(app, config={**settings, "CACHE_DEFAULT_TIMEOUT": KEPT_SECONDS})
    app.after_request(keep_page)


def _key() -> str | None:
    """The cache key of this request, or None when it must not be cached."""
    if not current_app.config.get("PAGE_CACHE") or request.method != "GET":
        return None
    if not caching.kind_of_request() or not caching.is_cacheable_request():
        return None
    compressed = current_app.config.get("COMPRESS_RESPONSES", True)
    environ = request.environ  # the address as asked (after the trusted proxies' headers)
    where = "|".join(
        (
            environ.get("wsgi.url_scheme", ""),
            environ.get("HTTP_HOST", ""),
            environ.get("SERVER_NAME", ""),
            environ.get("SCRIPT_NAME", ""),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
            accepted_encoding() if compressed else "",
        )
    )
    return f"{caching.page_etag()}:{hashlib.sha256(where.encode()).hexdigest()[:32]}"


def from_cache() -> bool:
    """True when this request is answered from the page cache (the later hooks leave it as is)."""
    return g.get("page_from_cache", False)


def cached_page() -> Response | None:
    """The kept answer for this request, if one was built for the current version."""
    key = _key()
    if key is None:
        return None
    found = cache.get(key)
    if found is None:
        g.page_cache_key = key
        return None
    headers, body = found
    g.page_from_cache = True
    response = Response()
    response.headers = headers  # kept as sent: not parsed and checked again one by one
    response.set_data(body)
    return response


def keep_page(response: Response) -> Response:
    """Keep a freshly built answer (a 200 that sets no cookie) under its key, as it is sent."""
    key = g.pop("page_cache_key", None)
    if key is None or response.status_code != 200:
        return response
    if response.direct_passthrough or response.is_streamed:
        return response
    if session.modified or "Set-Cookie" in response.headers:
        return response
    headers = Headers([(k, v) for k, v in response.headers if k.lower() not in NOT_KEPT_HEADERS])
    cache.set(key, (headers, response.get_data()))
    return response
