"""Shared HTTP helpers: dates on the wire (UTC, RFC 3339) and cacheable public responses (a
strong ETag from the body, 304 on If-None-Match), for the feeds, the sitemap and the API alike.

The ETag is a hash of what is sent, so publishing or unpublishing changes it at once.
Only If-None-Match is honoured: Last-Modified is sent for information, but a story leaving
a list can make it go back in time, so If-Modified-Since alone never earns a 304.
"""

import hashlib
from datetime import UTC, datetime

from flask import Response, request


def as_utc(moment: datetime | None) -> datetime | None:
    """Aware UTC datetime (SQLite hands back naive UTC values)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


EPOCH = datetime(2026, 1, 1, tzinfo=UTC)  # the date given when there is none (an empty feed)


def rfc3339(moment: datetime | None) -> str:
    """2026-11-26T09:30:00Z"""
    return (as_utc(moment) or EPOCH).strftime("%Y-%m-%dT%H:%M:%SZ")


def cacheable(
    body: bytes | str,
    mimetype: str,
    max_age: int = 0,
    last_modified: datetime | None = None,
    vary: tuple[str, ...] = (),
) -> Response:
    """A public cacheable response; 304 when the client already holds this body.

    With max_age 0 (the default) caches keep it but ask again before each use (`no-cache`):
    what carries people's words must leave every cache at once when it is withdrawn."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    response = Response(data, mimetype=mimetype)
    etag = hashlib.sha256(data).hexdigest()[:40]
    response.set_etag(etag)
    response.cache_control.public = True
    if max_age:
        response.cache_control.max_age = max_age
    else:
        response.cache_control.no_cache = True
    if last_modified is not None:
        response.last_modified = as_utc(last_modified)
    for header in vary:
        response.vary.add(header)
    if request.if_none_match.contains_weak(etag):
        response.status_code = 304
        response.set_data(b"")
        response.headers.pop("Content-Type", None)
        response.headers.pop("Content-Length", None)
    return response
