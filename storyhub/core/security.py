"""Security headers, safe redirects, and guards that turn hostile input into 400/404/413."""

import re
from functools import lru_cache
from urllib.parse import urlsplit

import flask
from flask import Flask, Response, abort, current_app, request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from storyhub.core.inputs import MAX_DB_INTEGER
from storyhub.core.text import clean_block

URLENCODED = "application/x-www-form-urlencoded"
HOST = re.compile(r"^[a-z0-9.-]+$")  # a plain host name: nothing a CSP would misread


def _clean_value(value):
    # A NUL is left in place for reject_nul_bytes to answer 400.
    return clean_block(value) if isinstance(value, str) and "\x00" not in value else value


class CleanValues(ImmutableMultiDict):
    """Query and form values with control, bidi-override and other hostile characters removed.

    The one place every text field passes (forms, hand-read fields, query strings); single-line
    fields then lose their line breaks in core.forms.
    """

    def __init__(self, mapping=None):
        super().__init__(mapping)
        for key, values in list(dict.items(self)):
            dict.__setitem__(self, key, [_clean_value(value) for value in values])


class Request(flask.Request):
    """Clean text values; plain (url-encoded) form posts get the small form limit."""

    parameter_storage_class = CleanValues

    @property
    def max_content_length(self) -> int | None:
        """MAX_CONTENT_LENGTH, or MAX_FORM_MEMORY_SIZE for a url-encoded body (413 beyond)."""
        limit = flask.Request.max_content_length.fget(self)
        if self.mimetype != URLENCODED or not current_app:
            return limit
        form_limit = current_app.config.get("MAX_FORM_MEMORY_SIZE")
        if form_limit is None:
            return limit
        return form_limit if limit is None else min(limit, form_limit)

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value


class DatabaseIntegerConverter(IntegerConverter):
    """<int:...> that 404s on numbers no row can have, instead of overflowing the database."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002 - werkzeug's signature
        kwargs.setdefault("max", MAX_DB_INTEGER)
        super().__init__(map, *args, **kwargs)


def install_url_converters(app: Flask) -> None:
    """Use the bounded integer converter for every route (call before adding routes)."""
    app.url_map.converters["int"] = DatabaseIntegerConverter


def reject_nul_bytes() -> None:
    """400 for a NUL byte in a query or form value: no browser sends one, PostgreSQL refuses it."""
    for values in (request.args, request.form):
        if any("\x00" in value for _key, items in values.lists() for value in items):
            abort(400)


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


@lru_cache(maxsize=8)
def tile_origin(url: str | None) -> str:
    """The origin of a map tile URL template, for img-src ('' when none or odd); {s} -> *."""
    try:
        parts = urlsplit((url or "").replace("{s}", "subdomain"))
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return ""
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host or not HOST.match(host):
        return ""
    return f"{parts.scheme}://{host.replace('subdomain', '*')}{port}"


@lru_cache(maxsize=8)
def _policy(tiles: str, files: str) -> str:
    policy = CONTENT_SECURITY_POLICY
    images = " ".join(filter(None, ["img-src 'self' data: blob:", tiles, files]))
    policy = policy.replace("img-src 'self' data: blob:", images)
    if files:  # media files from an object store: pictures, sounds, videos, panoramas (XHR)
        policy = policy.replace("media-src 'self' blob:", f"media-src 'self' blob: {files}")
        policy = policy.replace("connect-src 'self'", f"connect-src 'self' {files}")
    return policy


def content_security_policy(config) -> str:
    """The CSP, with the map's tile server (MAP_TILE_URL) allowed as an image source, and the
    object store's presigned URLs (MEDIA_FILES_ORIGIN, media/storage.py) as a media source."""
    files = tile_origin(config.get("MEDIA_FILES_ORIGIN"))
    return _policy(tile_origin(config.get("MAP_TILE_URL")), files)


def set_security_headers(response: Response) -> Response:
    """Add CSP and the usual hardening headers."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy(current_app.config))
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=(self)")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


def is_safe_next(target: str | None) -> bool:
    """True when target is a path on this site (no scheme, no host, no backslash tricks)."""
    if not target or "\\" in target or any(ord(c) < 32 for c in target):
        return False
    parts = urlsplit(target)
    return (
        not parts.scheme
        and not parts.netloc
        and target.startswith("/")
        and not target.startswith("//")
    )


class TrustedProxies:
    """ProxyFix for TRUSTED_PROXIES reverse proxies (0: none, X-Forwarded-* are ignored).

    Read at each request, so the client's address (rate limits), the scheme (HSTS, https links)
    and the host come from the proxy only when the deployment says one is there.
    """

    def __init__(self, app: Flask):
        self.app = app
        self.wsgi_app = app.wsgi_app
        self._fixed: dict[int, ProxyFix] = {}

    def __call__(self, environ, start_response):
        hops = int(self.app.config.get("TRUSTED_PROXIES") or 0)
        if hops <= 0:
            return self.wsgi_app(environ, start_response)
        if hops not in self._fixed:
            self._fixed[hops] = ProxyFix(
                self.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops
            )
        return self._fixed[hops](environ, start_response)


def init_security(app: Flask) -> None:
    """Register the proxy fix, the guard and the header hook."""
    app.wsgi_app = TrustedProxies(app)
    app.before_request(reject_nul_bytes)
    app.after_request(set_security_headers)
