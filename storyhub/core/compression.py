"""Pages and data sent compressed (Brotli or gzip, as the browser accepts), when no proxy does.

HTML pages, feeds, the sitemap and the API's JSON leave the app compressed when the request
says it accepts it, with `Vary: Accept-Encoding` so that shared caches keep each form apart.
A proxy in front that compresses already (nginx `gzip on`) makes this work wasted: turn it off
with COMPRESS_RESPONSES=0. Static files have their own, stronger and prepared-once compression
(core/assets.py) and are left alone here.

The ETag of a compressed answer is made weak (as nginx does): the same version of the page,
not the same bytes. Every conditional check of the app compares weakly, so a 304 is still
answered from the stored version.
"""

import gzip
from functools import lru_cache

from flask import Flask, Response, g, request

from storyhub.core.assets import accepted_encoding, brotli

MIN_BYTES = 1024  # smaller bodies gain little and cost a header
BROTLI_QUALITY = 5  # per request: fast, and still ~15 % smaller than gzip on our pages
GZIP_LEVEL = 6
TYPES = frozenset(
    {
        "text/html",
        "text/plain",
        "text/xml",
        "application/xml",
        "application/json",
        "application/geo+json",
        "application/atom+xml",
        "application/problem+json",
    }
)


PACKED_KEPT = 64  # compressed bodies kept per process, by digest of what they compress


@lru_cache(maxsize=PACKED_KEPT)
def packed_body(body: bytes, encoding: str) -> bytes:
    """body compressed as `encoding`; an answer sent again byte for byte (the map's data, kept
    per content version, asked by every visitor) is compressed once, then found by its bytes
    (hashing 100 KB costs far less than the 1.2 ms of gzipping them). Keyed by the whole body,
    so nothing kept can be sent for another (a change of the page is a new key)."""
    if encoding == "br":
        return brotli.compress(body, quality=BROTLI_QUALITY)
    return gzip.compress(body, GZIP_LEVEL, mtime=0)


def init_compression(app: Flask) -> None:
    """Compress answers last of all (registered before the blueprints, so it runs after them)."""
    if app.config.get("COMPRESS_RESPONSES", True):
        app.after_request(compress_response)


def compress_response(response: Response) -> Response:
    """The same answer, compressed as the client accepts, when it is worth it."""
    if request.endpoint == "static" or response.mimetype not in TYPES:
        return response
    if g.get("page_from_cache"):
        return response  # kept compressed (browse/pagecache.py)
    response.vary.add("Accept-Encoding")
    if response.direct_passthrough or response.is_streamed or response.content_encoding:
        return response
    if response.status_code < 200 or response.status_code in (204, 304):
        return response
    encoding = accepted_encoding()
    if not encoding:
        return response
    body = response.get_data()
    if len(body) < MIN_BYTES:
        return response
    response.set_data(packed_body(body, encoding))
    response.content_encoding = encoding
    etag, weak = response.get_etag()
    if etag and not weak:
        response.set_etag(etag, weak=True)
    return response
