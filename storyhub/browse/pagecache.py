"""A server-side cache of the public pages for anonymous visitors, keyed on the content version.

The key is the page's ETag (browse/caching.py: content version, language, day, templates) and
the address asked, so publishing, unpublishing, hiding, a consent withdrawal, a deletion or an
edit — every write that bumps the version (core/versions.py) — changes every key at once:
the next visitor gets a freshly built page, never a stale one. Only anonymous GETs of the
public pages are kept, only 200s that set no cookie (a page with a form token is never kept).

Flask-Caching in the process by default; Redis when REDIS_URL is set (shared by every app
process). PAGE_CACHE=0 turns it off.
"""

import hashlib

from flask import Flask, Response, current_app, g, request, session

from storyhub.browse import caching
from storyhub.extensions import cache

KEPT_SECONDS = 600  # old versions' pages simply expire
MAX_PAGES = 2000  # in-process store


def init_page_cache(app: Flask) -> None:
    """Bind Flask-Caching: Redis when REDIS_URL, else a bounded store in this process."""
    if app.config.get("REDIS_URL"):
        settings = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": app.config["REDIS_URL"]}
        settings["CACHE_KEY_PREFIX"] = "storyhub:page:"
    else:
        settings = {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": MAX_PAGES}
    cache.init_app(app, config={**settings, "CACHE_DEFAULT_TIMEOUT": KEPT_SECONDS})


def _key() -> str | None:
    """The cache key of this request, or None when it must not be cached."""
    if not current_app.config.get("PAGE_CACHE") or request.method != "GET":
        return None
    if caching.kind_of_request() != "page" or not caching.is_cacheable_request():
        return None
    where = f"{request.host_url}|{request.full_path}"
    return f"{caching.page_etag()}:{hashlib.sha256(where.encode()).hexdigest()[:32]}"


def cached_page() -> Response | None:
    """The kept page for this anonymous request, if one was built for the current version."""
    key = _key()
    if key is None:
        return None
    found = cache.get(key)
    if found is None:
        g.page_cache_key = key
        return None
    body, mimetype = found
    return Response(body, status=200, mimetype=mimetype)


def keep_page(response: Response) -> Response:
    """Keep a freshly built anonymous page (a 200 that sets no cookie) under its key."""
    key = g.pop("page_cache_key", None)
    if key is None or response.status_code != 200 or response.direct_passthrough:
        return response
    if session.modified or "Set-Cookie" in response.headers:
        return response
    cache.set(key, (response.get_data(), response.mimetype))
    return response
