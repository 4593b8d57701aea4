"""Pictures for the demo, painted in code at seed time (no download, no bundled file).

Each scene is composed from gradients, layered ridges, facades, water with reflections and a
little grain, deterministic for a given seed.
"""

from storyhub.demo_art.panoramas import lagoon_panorama, quays_panorama
from storyhub.demo_art.photos import lagoon_photo, market_photo, pirogues_photo, terraces_photo

__all__ = [
    "lagoon_panorama",
    "lagoon_photo",
    "market_photo",
    "pirogues_photo",
    "quays_panorama",
    "terraces_photo",
]
