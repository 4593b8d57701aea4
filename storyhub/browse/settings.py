"""Map settings: the tile server and its attribution, from the environment or app.config."""

import os

from flask import Flask

DEFAULTS = {
    "MAP_TILE_URL": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "MAP_TILE_ATTRIBUTION": "© OpenStreetMap contributors",
}


def init_browse_settings(app: Flask) -> None:
    """Fill the MAP_* settings the app does not have yet; an empty MAP_TILE_URL means no tiles.

    The CSP (storyhub/core/security.py) allows the origin of MAP_TILE_URL in img-src.
    """
    for key, default in DEFAULTS.items():
        if key not in app.config:
            value = os.environ.get(key)
            app.config[key] = default if value is None else value.strip()


def tile_host(url: str | None) -> str:
    """The host the map's tiles come from, named to the visitor before they load any ('' if none)."""
    from urllib.parse import urlsplit

    if not url:
        return ""
    return urlsplit(url.replace("{s}", "a")).hostname or ""
