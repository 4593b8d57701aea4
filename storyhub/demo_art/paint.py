"""Brushes for the demo pictures: gradients, light, hills, water, stone facades, figures."""

import io
import math
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

RGB = tuple[int, int, int]


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=90)
    return out.getvalue()


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(int(a[i] + (b[i] - a[i]) * t) for i in range(3))


def _gradient(width: int, height: int, stops: list[tuple[float, RGB]]) -> np.ndarray:
    """A vertical gradient through colour stops (position 0..1, colour), as float pixels."""
    ys = np.linspace(0, 1, height)
    positions = [p for p, _ in stops]
    channels = [np.interp(ys, positions, [c[i] for _, c in stops]) for i in range(3)]
    column = np.stack(channels, axis=1)
    return np.repeat(column[:, None, :], width, axis=1)


def _glow(pixels: np.ndarray, cx: float, cy: float, radius: float, colour: RGB, wrap=False):
    """Add a soft light (the sun through haze) centred at (cx, cy) pixels."""
    height, width, _ = pixels.shape
    xs = np.arange(width) - cx
    if wrap:
        xs = (xs + width / 2) % width - width / 2
    ys = np.arange(height) - cy
    dist2 = xs[None, :] ** 2 + ys[:, None] ** 2
    light = np.exp(-dist2 / (2 * radius**2))[:, :, None]
    pixels += light * np.array(colour, dtype=float)


def _image(pixels: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")


def _ridge(rng: random.Random, width: int, base: float, amplitude: float, roughness=0.55):
    """A hill line by midpoint displacement; values wrap (first == last) for panoramas."""
    size = 1
    while size < width:
        size *= 2
    points = [0.0] * (size + 1)
    step, scale = size, amplitude
    while step > 1:
        half = step // 2
        for i in range(half, size, step):
            points[i] = (points[i - half] + points[i + half]) / 2 + rng.uniform(-scale, scale)
        step, scale = half, scale * roughness
    return [base - points[int(x * size / width)] for x in range(width)]


def _island(rng, width, horizon, start, end, peak) -> list[float]:
    """A shore seen across the water between two shares of the width, highest in its middle."""
    rough = _ridge(rng, width, 0, 1.0, roughness=0.62)
    scale = max(abs(v) for v in rough) or 1.0
    heights = []
    for x in range(width):
        t = (x / width - start) / (end - start)
        envelope = math.sin(math.pi * t) ** 0.6 if 0 < t < 1 else 0.0
        heights.append(horizon - 2 - envelope * peak * (0.62 - 0.38 * rough[x] / scale))
    return heights


def _hills(image: Image.Image, heights: list[float], colour: RGB) -> None:
    width, height = image.size
    polygon = [(x, heights[x]) for x in range(0, width, 4)] + [(width, height), (0, height)]
    ImageDraw.Draw(image).polygon(polygon, fill=colour)


def _water(image: Image.Image, horizon: int, rng: random.Random, tint: RGB, depth=0.55):
    """Mirror what is above the horizon into rippled, tinted water below it."""
    width, height = image.size
    band = height - horizon
    above = np.asarray(image.crop((0, max(0, horizon - band), width, horizon)), dtype=float)
    mirrored = above[::-1]
    rows = np.empty((band, width, 3))
    for y in range(band):
        source = mirrored[min(y, len(mirrored) - 1)]
        shift = int(math.sin(y * 0.35 + rng.random()) * (1 + y * 0.04))
        rows[y] = np.roll(source, shift, axis=0)
    fade = np.linspace(0.25, depth, band)[:, None, None]
    rows = rows * (1 - fade) + np.array(tint, dtype=float) * fade
    water = _image(rows).filter(ImageFilter.GaussianBlur(1.2))
    draw = ImageDraw.Draw(water)
    for _ in range(int(width * band / 2600)):  # glints
        y = int(band * rng.random() ** 1.6)
        x = rng.randrange(width)
        length = rng.randint(6, 18 + y // 6)
        shade = _mix(tint, (255, 250, 235), 0.35 + 0.4 * rng.random())
        draw.line([(x, y), (x + length, y)], fill=shade, width=1 + y // 160)
    image.paste(water, (0, horizon))


def _grain(image: Image.Image, rng: random.Random, amount=5.0) -> Image.Image:
    pixels = np.asarray(image, dtype=float)
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, amount, pixels.shape[:2])
    return _image(pixels + noise[:, :, None])


def _facade_row(draw, x0, x1, ground, rng, stone: RGB, wrap_width=None):
    """Bordeaux stone buildings: pale facades, tall windows, iron balconies, slate roofs."""
    x = x0
    while x < x1:
        w = rng.randint(110, 190)
        floors = rng.randint(3, 4)
        floor_h = rng.randint(46, 54)
        top = ground - floors * floor_h
        shade = _mix(stone, (255, 245, 225), rng.uniform(-0.1, 0.25))
        for dx in (0, -wrap_width, wrap_width) if wrap_width else (0,):
            _building(draw, x + dx, w, top, ground, floors, floor_h, shade, rng)
        x += w
    return x


def _building(draw, x, w, top, ground, floors, floor_h, shade, rng_state):
    roof = (78, 88, 104)
    draw.polygon([(x + 6, top - 26), (x + w - 6, top - 26), (x + w, top), (x, top)], fill=roof)
    draw.rectangle([x, top, x + w - 2, ground], fill=shade)
    draw.line([(x, top + 4), (x + w, top + 4)], fill=_mix(shade, (255, 255, 255), 0.3), width=4)
    columns = max(2, w // 42)
    pitch = w / columns
    for f in range(floors):
        for c in range(columns):
            wx = x + c * pitch + pitch * 0.3
            wy = top + f * floor_h + 12
            draw.rectangle([wx, wy, wx + pitch * 0.4, wy + floor_h * 0.6], fill=(58, 66, 80))
            if f == 1:
                draw.line(
                    [(wx - 3, wy + floor_h * 0.6), (wx + pitch * 0.4 + 3, wy + floor_h * 0.6)],
                    fill=(40, 40, 44),
                    width=3,
                )
    for c in range(0, columns, 2):
        cx = x + c * pitch + pitch * 0.5
        draw.rectangle([cx - 3, top - 40, cx + 5, top - 22], fill=(120, 92, 80))


def _figure(draw, x, ground, height, colour: RGB, bag: RGB | None = None) -> None:
    """A person seen from behind, as a soft silhouette (no face)."""
    head = height * 0.13
    draw.ellipse([x - head, ground - height, x + head, ground - height + 2 * head], fill=colour)
    body_top = ground - height + 2 * head
    draw.rounded_rectangle(
        [x - head * 1.7, body_top, x + head * 1.7, ground - height * 0.35], radius=head, fill=colour
    )
    draw.rectangle([x - head * 1.2, ground - height * 0.36, x + head * 1.2, ground], fill=colour)
    if bag:
        draw.ellipse(
            [x + head * 1.4, body_top + head * 2, x + head * 3.2, body_top + head * 4], fill=bag
        )


def _awning(draw, x, y, w, colours: tuple[RGB, RGB]) -> None:
    stripes = 8
    for i in range(stripes):
        sx = x + i * w / stripes
        draw.polygon(
            [(sx + 12, y), (sx + w / stripes + 12, y), (sx + w / stripes, y + 70), (sx, y + 70)],
            fill=colours[i % 2],
        )
        draw.pieslice([sx, y + 52, sx + w / stripes, y + 88], 0, 180, fill=colours[i % 2])


def _produce(draw, x, y, w, rng, palette: list[RGB]) -> None:
    draw.rectangle([x, y, x + w, y + 60], fill=(150, 104, 64))
    draw.rectangle([x, y + 60, x + w, y + 130], fill=(96, 66, 44))
    for crate in range(int(w // 90)):
        colour = palette[crate % len(palette)]
        cx0 = x + 10 + crate * 90
        for _ in range(26):
            r = rng.randint(9, 13)
            px, py = cx0 + rng.randint(r, 80 - r), y + rng.randint(-6, 20)
            draw.ellipse(
                [px - r, py - r, px + r, py + r], fill=_mix(colour, (0, 0, 0), rng.uniform(0, 0.25))
            )
            draw.ellipse(
                [px - r / 3, py - r / 2, px, py - r / 5], fill=_mix(colour, (255,) * 3, 0.5)
            )
