"""Static files: content-hashed URLs kept a year by browsers, served compressed (Brotli, gzip).

`url_for('static', filename='css/storyhub.css')` gives `/static/css/storyhub.<digest>.css`,
the digest being the first 12 hex digits of the file's SHA-256. A hashed URL never changes
meaning, so it is served `public, max-age=31536000, immutable`; any change to the file makes a
new URL. A plain name (`/static/css/storyhub.css`), or a stale digest after a release, is still
served, but kept only with a check before each use (`no-cache`). Our own stylesheets (static/css)
name the fonts and pictures they use by their hashed names too; vendor files are served as they
come (Leaflet finds its marker pictures by their plain names).

Text files (CSS, JS, SVG, JSON) are compressed once per process and release, with Brotli or
gzip as the browser accepts (`Vary: Accept-Encoding`), when no proxy in front does it.
Digests are checked against the file's size and modification time at each use: a few `stat`
calls per page, and an edited file never keeps its old URL.
"""

import gzip
import hashlib
import os
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from mimetypes import guess_type

from flask import Flask, Response, abort, current_app, request, send_file, url_for
from flask.sessions import SecureCookieSessionInterface
from markupsafe import Markup
from werkzeug.http import parse_accept_header
from werkzeug.security import safe_join

try:  # the `brotli` package (a dependency); without it, gzip only
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

IMMUTABLE = "public, max-age=31536000, immutable"
HASHED = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{12})(?P<ext>\.[A-Za-z0-9]+)$")
CSS_URL = re.compile(r"""url\(\s*(?P<quote>['"]?)(?P<ref>[^'")]+)(?P=quote)\s*\)""")
COMPRESSIBLE = {".css", ".js", ".svg", ".json", ".geojson", ".txt", ".xml", ".map"}
REWRITTEN_DIRS = ("css/",)  # our own stylesheets: their url() references are hashed


@dataclass
class Asset:
    """One static file as served: its bytes when read into memory, digest, compressed forms."""

    path: str
    digest: str
    stamps: tuple  # (size, mtime) of the file and of what its body names
    body: bytes | None = None  # None: sent from disk as it is (fonts, pictures)
    encoded: dict = field(default_factory=dict)


class StaticFiles:
    """The digests and compressed bodies of the static folder, for one application."""

    def __init__(self, app: Flask):
        self.root = app.static_folder
        self.assets: dict[str, Asset] = {}

    def _path(self, filename: str) -> str | None:
        path = safe_join(self.root, filename)
        return path if path and os.path.isfile(path) else None

    def get(self, filename: str) -> Asset | None:
        """The asset of filename (relative to the static folder), None when missing."""
        asset = self.assets.get(filename)
        if asset is not None and asset.stamps == self._stamps(asset):
            return asset
        path = self._path(filename)
        if path is None:
            return None
        asset = self._load(filename, path)
        self.assets[filename] = asset
        return asset

    def _stamps(self, asset: Asset) -> tuple:
        try:
            return tuple(_stamp(path) for path, _ in asset.stamps)
        except OSError:
            return ()

    def _load(self, filename: str, path: str) -> Asset:
        suffix = os.path.splitext(filename)[1].lower()
        stamps = [_stamp(path)]
        body = None
        with open(path, "rb") as handle:
            raw = handle.read()
        if suffix in COMPRESSIBLE:
            body = raw
        if suffix == ".css" and filename.startswith(REWRITTEN_DIRS):
            body, names = self._rewrite_css(filename, raw)
            stamps += [_stamp(self._path(name)) for name in names]
        digest = hashlib.sha256(body if body is not None else raw).hexdigest()[:12]
        return Asset(path, digest, tuple(stamps), body)

    def _rewrite_css(self, filename: str, raw: bytes) -> tuple[bytes, list[str]]:
        """The stylesheet with each relative url() pointing at its target's hashed name."""
        folder = posixpath.dirname(filename)
        named: list[str] = []

        def hashed(match: re.Match) -> str:
            ref = match.group("ref").strip()
            plain, _, rest = ref.partition("#")
            if not plain or ":" in plain or plain.startswith("/") or "?" in plain:
                return match.group(0)
            target = posixpath.normpath(posixpath.join(folder, plain))
            if target.endswith(".css") or self.get(target) is None:
                return match.group(0)
            named.append(target)
            new = posixpath.join(posixpath.dirname(plain), self.hashed_name(target).rsplit("/")[-1])
            return f'url("{new}{"#" + rest if rest else ""}")'

        return CSS_URL.sub(hashed, raw.decode("utf-8")).encode("utf-8"), named

    def hashed_name(self, filename: str) -> str:
        """css/storyhub.css -> css/storyhub.<digest>.css (unchanged when the file is missing)."""
        asset = self.get(filename)
        if asset is None:
            return filename
        stem, ext = posixpath.splitext(filename)
        return f"{stem}.{asset.digest}{ext}"

    def find(self, filename: str) -> tuple[Asset | None, bool]:
        """The asset a requested name stands for, and whether it is the current hashed name."""
        if self._path(filename):
            return self.get(filename), False
        match = HASHED.match(filename)
        if not match:
            return None, False
        asset = self.get(match["stem"] + match["ext"])
        return asset, asset is not None and asset.digest == match["digest"]

    def encoded(self, asset: Asset, encoding: str) -> bytes:
        """The asset's body compressed with encoding ('br' or 'gzip'), made once."""
        if encoding not in asset.encoded:
            if encoding == "br":
                asset.encoded[encoding] = brotli.compress(asset.body, quality=11)
            else:
                asset.encoded[encoding] = gzip.compress(asset.body, 9, mtime=0)
        return asset.encoded[encoding]


def _stamp(path: str) -> tuple:
    info = os.stat(path)
    return path, (info.st_size, info.st_mtime_ns)


def accepted_encoding() -> str:
    """'br', 'gzip' or '' (identity), from the request's Accept-Encoding."""
    return _best_encoding(request.environ.get("HTTP_ACCEPT_ENCODING", ""))


@lru_cache(maxsize=512)
def _best_encoding(header: str) -> str:
    """The encoding an Accept-Encoding header allows: parsed once per distinct header."""
    accepted = parse_accept_header(header)
    return "br" if brotli is not None and accepted["br"] else "gzip" if accepted["gzip"] else ""


def serve_static(filename: str) -> Response:
    """The static file behind a plain or hashed name; 404 when there is none."""
    files: StaticFiles = current_app.extensions["storyhub_static"]
    asset, current = files.find(filename)
    if asset is None:
        abort(404)
    if asset.body is None:
        response = send_file(asset.path, conditional=True, etag=asset.digest, max_age=None)
    else:
        response = _text_response(files, asset, filename)
    if current:
        response.headers["Cache-Control"] = IMMUTABLE
    else:
        response.cache_control.no_cache = True
        response.cache_control.public = True
    return response


def _text_response(files: StaticFiles, asset: Asset, filename: str) -> Response:
    encoding = accepted_encoding()
    body = files.encoded(asset, encoding) if encoding else asset.body
    if encoding and len(body) >= len(asset.body):
        encoding, body = "", asset.body
    response = Response(body, mimetype=_mimetype(filename))
    if encoding:
        response.content_encoding = encoding
    response.vary.add("Accept-Encoding")
    response.set_etag(f"{asset.digest}-{encoding or 'identity'}")
    return response.make_conditional(request)


def _mimetype(filename: str) -> str:
    name = HASHED.sub(r"\g<stem>\g<ext>", filename)
    if name.endswith(".geojson"):
        return "application/geo+json"
    return guess_type(name)[0] or "application/octet-stream"


# The page sheets of static/css, in the order every page loads them (so a rule of a later sheet
# wins over an earlier one the same way on every page); storyhub.css comes before them all.
SHEETS = ("exchanges", "stories", "responses", "media", "search", "browse", "impact", "pair")


def stylesheets(*names: str) -> Markup:
    """<link> elements for the page sheets a template declares in its `styles` block."""
    unknown = set(names) - set(SHEETS)
    if unknown:
        raise ValueError(f"no stylesheet {sorted(unknown)} in static/css")
    return Markup("\n").join(
        Markup('<link rel="stylesheet" href="{}">').format(
            url_for("static", filename=f"css/{name}.css")
        )
        for name in SHEETS
        if name in names
    )


class SessionInterface(SecureCookieSessionInterface):
    """The signed-cookie session, left alone by static files: they neither read nor change it,
    so their answers carry no `Vary: Cookie` (Flask-Login peeks at the session after every
    request) and set no cookie, and every cache keeps them whoever is signed in.

    An answer that stores a cookie (a form's CSRF token for a visitor, a sign-in) is never kept
    by a shared cache: it is made `private, no-cache`, whatever the page asked for."""

    def save_session(self, app, session, response):
        if request.endpoint != "static":
            super().save_session(app, session, response)
            if "Set-Cookie" in response.headers:
                keep_private(response)


def keep_private(response: Response) -> None:
    """Only the browser that asked may keep this answer (it carries a cookie of its own)."""
    control = response.cache_control
    if control.no_store or (control.private and control.no_cache):
        return
    control.public = False
    control.private = True
    control.no_cache = True


def init_static(app: Flask) -> None:
    """Hash every url_for('static', ...) and serve the static folder through serve_static."""
    files = StaticFiles(app)
    app.extensions["storyhub_static"] = files

    def hash_static(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values:
            values["filename"] = files.hashed_name(values["filename"])

    app.url_defaults(hash_static)
    app.view_functions["static"] = serve_static
    app.session_interface = SessionInterface()
    app.add_template_global(stylesheets)
