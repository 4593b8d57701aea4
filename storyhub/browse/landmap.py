"""Build the vendored land shapes from world-atlas (Natural Earth 1:110m, npm `world-atlas`).

    python -m storyhub.browse.landmap path/to/land-110m.json static/vendor/world-atlas

writes `land-110m.geojson` (the map's base when no tile server answers) and `land-110m.svg`
(equirectangular, viewBox 0 0 360 180: the small static maps). Run once when updating.
"""

import json
import sys
from pathlib import Path


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as absolute (longitude, latitude) points."""
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs, indexes: list[int]) -> list[tuple[float, float]]:
    """A closed ring from arc indexes (a negative index ~i is arc i reversed)."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Longitudes made continuous across ±180°; a ring around a pole is closed along it."""
    out = [points[0]]
    for x, y in points[1:]:
        previous = out[-1][0]
        while x - previous > 180:
            x -= 360
        while previous - x > 180:
            x += 360
        out.append((x, y))
    drift = out[-1][0] - out[0][0]
    if abs(drift) > 180:  # Antarctica: the ring goes once around the world
        pole = -90.0 if sum(y for _x, y in out) < 0 else 90.0
        out += [(out[-1][0], pole), (out[0][0], pole)]
    return out


def copies(shape: list[list[tuple[float, float]]]) -> list[list[list[tuple[float, float]]]]:
    """The shape, and a copy shifted by 360° when it spills over the edge of the map."""
    xs = [x for r in shape for x, _y in r]
    found = [shape]
    for shift, spills in ((360, min(xs) < -180), (-360, max(xs) > 180)):
        if spills:
            found.append([[(x + shift, y) for x, y in r] for r in shape])
    return found


def polygons(topology: dict) -> list[list[list[tuple[float, float]]]]:
    """Every polygon (outer ring, then holes) of the `land` object, drawable on a flat map."""
    arcs = decode_arcs(topology)
    found = []
    for geometry in topology["objects"]["land"]["geometries"]:
        shapes = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for shape in shapes:
            found += copies([unwrap(ring(arcs, r)) for r in shape])
    return found


def to_geojson(shapes) -> dict:
    """A FeatureCollection of one MultiPolygon, coordinates rounded to 0.01°."""
    coords = [[[[round(x, 2), round(y, 2)] for x, y in r] for r in shape] for shape in shapes]
    geometry = {"type": "MultiPolygon", "coordinates": coords}
    return {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {}, "geometry": geometry}],
    }


def to_svg(shapes) -> str:
    """One path, equirectangular: x = longitude + 180, y = 90 - latitude."""
    parts = []
    for shape in shapes:
        for r in shape:
            points = [f"{x + 180:.1f} {90 - y:.1f}" for x, y in r]
            parts.append("M" + "L".join(points) + "Z")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180" width="360" height="180">'
        f'<path fill="#e6dccb" fill-rule="evenodd" d="{"".join(parts)}"/></svg>\n'
    )


def main(source: str, target: str) -> None:
    """Write both files into target."""
    shapes = polygons(json.loads(Path(source).read_text()))
    out = Path(target)
    out.mkdir(parents=True, exist_ok=True)
    (out / "land-110m.geojson").write_text(json.dumps(to_geojson(shapes), separators=(",", ":")))
    (out / "land-110m.svg").write_text(to_svg(shapes))


if __name__ == "__main__":
    main(*sys.argv[1:3])
