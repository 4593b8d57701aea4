"""Small static maps drawn in SVG (no tiles, no script): places as dots, twinnings as arcs.

Coordinates are projected equirectangularly onto the 360 × 180 world of the vendored land
shapes (static/vendor/world-atlas/land-110m.svg): x = longitude + 180, y = 90 − latitude.
"""

import math
from dataclasses import dataclass

EARTH_KM = 6371.0
WORLD = (0.0, 8.0, 360.0, 150.0)  # the inhabited world: the poles cropped
MIN_SPAN = 36.0  # never zoom closer than this many degrees across


@dataclass
class Dot:
    """A place on a small map."""

    x: float
    y: float
    label: str
    tone: str = ""  # here / there on an exchange's map


@dataclass
class MiniMap:
    """What the SVG template draws."""

    viewbox: str
    dots: list[Dot]
    arcs: list[str]
    radius: float
    stroke: float


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """(x, y) on the 360 × 180 world."""
    return longitude + 180.0, 90.0 - latitude


def distance_km(a, b) -> int:
    """Great-circle distance between two territories, in whole kilometres."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat, dlng = lat2 - lat1, math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlng / 2) ** 2
    return round(2 * EARTH_KM * math.asin(math.sqrt(min(1.0, h))))


def arc(a: tuple[float, float], b: tuple[float, float], bend: float = 0.22) -> str:
    """An SVG path from a to b, bowed (always upwards-ish) so that twinnings read as links."""
    (x1, y1), (x2, y2) = a, b
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    dx, dy = x2 - x1, y2 - y1
    nx, ny = -dy * bend, dx * bend
    if ny > 0:  # bow towards the top of the map
        nx, ny = -nx, -ny
    return f"M{x1:.2f} {y1:.2f}Q{mx + nx:.2f} {my + ny:.2f} {x2:.2f} {y2:.2f}"


def _frame(points: list[tuple[float, float]], ratio: float) -> tuple[float, float, float, float]:
    """A viewBox holding every point with a margin, of the given width/height ratio."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    width = max(max(xs) - min(xs), MIN_SPAN) * 1.5
    height = (max(ys) - min(ys)) * 1.7
    width = max(width, height * ratio)
    height = width / ratio
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return cx - width / 2, cy - height / 2, width, height


def world_map(places, links) -> MiniMap:
    """Every place and twinning on the whole (inhabited) world."""
    dots = [Dot(*project(t.latitude, t.longitude), t.name) for t in places]
    arcs = [
        arc(project(a.latitude, a.longitude), project(b.latitude, b.longitude))
        for a, b, *_ in links
    ]
    return MiniMap(" ".join(f"{v:g}" for v in WORLD), dots, arcs, radius=2.2, stroke=0.7)


def framed_map(center, others, ratio: float = 2.4) -> MiniMap:
    """A place and its twins, framed around them, with an arc to each twin."""
    a = project(center.latitude, center.longitude)
    points, dots, arcs = [a], [Dot(*a, center.name, "here")], []
    for other in others:
        b = project(other.latitude, other.longitude)
        if abs(a[0] - b[0]) > 180:
            b = (b[0] - 360 if b[0] > a[0] else b[0] + 360, b[1])
        points.append(b)
        dots.append(Dot(*b, other.name, "there"))
        arcs.append(arc(a, b))
    x, y, width, height = _frame(points, ratio)
    viewbox = f"{x:.2f} {y:.2f} {width:.2f} {height:.2f}"
    return MiniMap(viewbox, dots, arcs, radius=width / 70, stroke=width / 220)


def pair_map(here, there, ratio: float = 2.0) -> MiniMap:
    """Two territories and the arc joining them, framed around them."""
    a, b = project(here.latitude, here.longitude), project(there.latitude, there.longitude)
    if abs(a[0] - b[0]) > 180:  # the short way goes across the date line
        b = (b[0] - 360 if b[0] > a[0] else b[0] + 360, b[1])
    x, y, width, height = _frame([a, b], ratio)
    dots = [Dot(*a, here.name, "here"), Dot(*b, there.name, "there")]
    viewbox = f"{x:.2f} {y:.2f} {width:.2f} {height:.2f}"
    return MiniMap(viewbox, dots, [arc(a, b)], radius=width / 60, stroke=width / 180)
