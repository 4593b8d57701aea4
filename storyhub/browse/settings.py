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
