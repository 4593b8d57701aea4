"""The demo 360° panoramas, 2:1 equirectangular: the horizon is the middle row and every
shape wraps around the left and right edges."""

import math
import random

from PIL import Image, ImageDraw, ImageFilter

from storyhub.demo_art.paint import (
    _facade_row,
    _glow,
    _gradient,
    _grain,
    _hills,
    _image,
    _island,
    _jpeg,
    _water,
)


def quays_panorama(seed: int = 5, width: int = 3072) -> bytes:
    """360° at the water mirror by the stone quays at dusk: facades, a bridge, the river."""
    rng, height = random.Random(seed), width // 2
    horizon = height // 2
    sky = _gradient(
        width,
        height,
        [
            (0, (40, 52, 96)),
            (0.3, (112, 120, 170)),
            (0.46, (246, 176, 128)),
            (0.5, (252, 214, 170)),
            (1, (60, 60, 70)),
        ],
    )
    _glow(sky, width * 0.62, horizon - 20, width * 0.05, (120, 70, 20), wrap=True)
    image = _image(sky)
    draw = ImageDraw.Draw(image)
    _facade_row(draw, 0, int(width * 0.48), horizon, rng, (220, 196, 156), wrap_width=width)
    _hills(image, [horizon - 30 + 10 * math.sin(x / 90) for x in range(width)], (92, 84, 100))
    _bridge(draw, int(width * 0.52), int(width * 0.95), horizon)
    for x in range(0, int(width * 0.48), 64):  # street lamps
        draw.line([(x, horizon), (x, horizon - 70)], fill=(40, 40, 44), width=3)
        draw.ellipse([x - 6, horizon - 80, x + 6, horizon - 68], fill=(255, 220, 150))
    _water(image, horizon, rng, (50, 56, 76), depth=0.35)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, height - height // 9, width, height], fill=(70, 72, 80))  # the slabs
    return _jpeg(_grain(image, rng, 3))


def _bridge(draw, x0: int, x1: int, horizon: int) -> None:
    draw.rectangle([x0, horizon - 60, x1, horizon - 40], fill=(150, 110, 96))
    span = (x1 - x0) / 17
    for i in range(17):
        ax = x0 + i * span
        draw.rectangle([ax, horizon - 40, ax + span * 0.2, horizon], fill=(150, 110, 96))
        draw.pieslice(
            [ax + span * 0.1, horizon - 40, ax + span * 1.1, horizon + 40],
            180,
            360,
            fill=(150, 110, 96),
        )
        draw.pieslice(
            [ax + span * 0.2, horizon - 30, ax + span, horizon + 30], 180, 360, fill=(70, 64, 90)
        )
        draw.ellipse(
            [ax + span * 0.45, horizon - 56, ax + span * 0.6, horizon - 44], fill=(236, 230, 220)
        )


def lagoon_panorama(seed: int = 6, width: int = 3072) -> bytes:
    """360° from the barge's deck in the middle of the lagoon: hills on both shores, the sun."""
    rng, height = random.Random(seed), width // 2
    horizon = height // 2
    sky = _gradient(
        width,
        height,
        [
            (0, (44, 96, 168)),
            (0.38, (120, 180, 220)),
            (0.48, (250, 216, 170)),
            (0.5, (240, 230, 210)),
            (1, (20, 90, 110)),
        ],
    )
    _glow(sky, width * 0.25, horizon - 60, width * 0.04, (140, 100, 40), wrap=True)
    image = _image(sky)
    clouds = Image.new("L", image.size, 0)
    cdraw = ImageDraw.Draw(clouds)
    for _ in range(40):
        cx, cy = rng.randrange(width), rng.randint(horizon // 4, horizon - 180)
        w, h = rng.randint(120, 380), rng.randint(24, 60)
        for dx in (0, -width, width):
            cdraw.ellipse([cx + dx - w, cy - h, cx + dx + w, cy + h], fill=rng.randint(90, 160))
    clouds = clouds.filter(ImageFilter.GaussianBlur(18))
    image = Image.composite(Image.new("RGB", image.size, (255, 246, 236)), image, clouds)
    _hills(image, _island(rng, width, horizon, 0.04, 0.46, 170), (110, 120, 150))
    _hills(image, _island(rng, width, horizon, 0.56, 0.92, 110), (40, 86, 78))
    _hills(image, _island(rng, width, horizon, 0.7, 0.8, 40), (30, 70, 64))
    _water(image, horizon, rng, (26, 128, 140), depth=0.55)
    draw = ImageDraw.Draw(image)
    deck_top = height - height // 8
    draw.rectangle([0, deck_top, width, height], fill=(150, 120, 90))
    for y in range(deck_top, height, 18):
        draw.line([(0, y), (width, y)], fill=(120, 94, 70), width=2)
    return _jpeg(_grain(image, rng, 3))
