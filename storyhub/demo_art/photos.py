"""The demo photos (1800x1200): a market, a lagoon, painted boats, coloured terraces."""

import math
import random

from PIL import Image, ImageDraw, ImageFilter

from storyhub.demo_art.paint import (
    _awning,
    _facade_row,
    _figure,
    _glow,
    _gradient,
    _grain,
    _hills,
    _image,
    _jpeg,
    _produce,
    _ridge,
    _water,
)


def market_photo(seed: int = 1) -> bytes:
    """Sunday morning at a covered market by stone facades (Bordeaux), 1800x1200."""
    rng, width, height = random.Random(seed), 1800, 1200
    sky = _gradient(
        width, height, [(0, (120, 170, 214)), (0.45, (236, 214, 178)), (1, (200, 170, 130))]
    )
    _glow(sky, width * 0.78, height * 0.12, 260, (90, 60, 10))
    image = _image(sky)
    draw = ImageDraw.Draw(image)
    _facade_row(draw, -40, width + 40, 700, rng, (214, 190, 150))
    haze = Image.new("RGB", image.size, (236, 220, 196))
    image = Image.blend(image, haze, 0.18)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 700, width, height], fill=(150, 136, 120))
    for i in range(0, width, 60):  # paving
        draw.line([(i, 700), (i - 300 + i * 0.2, height)], fill=(136, 122, 108), width=2)
    stalls = [
        ((196, 52, 48), (246, 236, 222)),
        ((40, 110, 90), (240, 232, 210)),
        ((38, 76, 140), (244, 238, 226)),
        ((222, 150, 40), (250, 240, 220)),
    ]
    fruit = [(232, 120, 30), (200, 40, 36), (120, 170, 60), (240, 200, 50), (130, 40, 80)]
    for i, colours in enumerate(stalls):
        x = 40 + i * 450
        draw.rectangle([x + 8, 560, x + 16, 900], fill=(70, 60, 56))
        draw.rectangle([x + 392, 560, x + 400, 900], fill=(70, 60, 56))
        _awning(draw, x - 10, 520, 430, colours)
        _produce(draw, x + 20, 800, 370, rng, fruit[i:] + fruit[:i])
    _figure(draw, 700, 1200, 420, (44, 52, 70), bag=(190, 150, 80))
    _figure(draw, 860, 1200, 380, (92, 46, 52))
    return _jpeg(_grain(image.filter(ImageFilter.SMOOTH), rng))


def lagoon_photo(seed: int = 2) -> bytes:
    """The 7 o'clock barge crossing a lagoon at sunrise, hills and palms (Mamoudzou), 1800x1200."""
    rng, width, height = random.Random(seed), 1800, 1200
    horizon = 700
    sky = _gradient(
        width,
        height,
        [(0, (58, 92, 150)), (0.35, (236, 150, 120)), (0.58, (252, 210, 150)), (1, (40, 120, 130))],
    )
    _glow(sky, width * 0.3, horizon - 40, 160, (120, 90, 30))
    image = _image(sky)
    draw = ImageDraw.Draw(image)
    sun = (width * 0.3, horizon - 60)
    draw.ellipse([sun[0] - 46, sun[1] - 46, sun[0] + 46, sun[1] + 46], fill=(255, 236, 196))
    for layer, colour in enumerate([(150, 120, 140), (104, 92, 116), (66, 70, 92)]):
        _hills(image, _ridge(rng, width, horizon - 10 + layer * 4, 150 - layer * 40), colour)
    _water(image, horizon, rng, (34, 118, 132))
    draw = ImageDraw.Draw(image)
    _barge(draw, 980, horizon + 70, 1.0)
    for px, lean in ((90, 0.3), (240, -0.15)):
        _palm(draw, px, height + 20, 640, lean, rng)
    return _jpeg(_grain(image, rng, 4))


def _barge(draw, x, waterline, scale) -> None:
    s = scale
    draw.polygon(
        [
            (x, waterline),
            (x + 520 * s, waterline),
            (x + 560 * s, waterline - 60 * s),
            (x - 30 * s, waterline - 60 * s),
        ],
        fill=(238, 236, 230),
    )
    draw.rectangle(
        [x - 20 * s, waterline - 36 * s, x + 548 * s, waterline - 26 * s], fill=(30, 90, 150)
    )
    draw.rectangle(
        [x + 150 * s, waterline - 130 * s, x + 380 * s, waterline - 60 * s], fill=(226, 222, 214)
    )
    for i in range(6):
        wx = x + 166 * s + i * 36 * s
        draw.rectangle(
            [wx, waterline - 118 * s, wx + 24 * s, waterline - 92 * s], fill=(60, 80, 100)
        )
    draw.rectangle(
        [x + 250 * s, waterline - 180 * s, x + 262 * s, waterline - 130 * s], fill=(200, 60, 50)
    )
    draw.rectangle([x - 10 * s, waterline, x + 540 * s, waterline + 14 * s], fill=(20, 70, 84))


def _palm(draw, x, ground, tall, lean, rng) -> None:
    points = [(x + lean * tall * (t / 10) ** 2, ground - tall * t / 10) for t in range(11)]
    draw.line(points, fill=(34, 30, 34), width=22, joint="curve")
    top = points[-1]
    for angle in range(0, 360, 30):
        a = math.radians(angle + rng.uniform(-8, 8))
        length = rng.uniform(170, 240)
        frond = []
        for step in range(9):
            t = step / 8
            frond.append(
                (
                    top[0] + math.cos(a) * length * t,
                    top[1] + math.sin(a) * length * 0.35 * t - 60 * t + 150 * t * t,
                )
            )
        for w, (p, q) in zip(range(16, 0, -2), zip(frond, frond[1:], strict=False), strict=False):
            draw.line([p, q], fill=(28, 44, 36), width=w)


def pirogues_photo(seed: int = 3) -> bytes:
    """Painted fishing boats on a beach at dawn (Saint-Louis), 1800x1200."""
    rng, width, height = random.Random(seed), 1800, 1200
    horizon = 560
    sky = _gradient(
        width, height, [(0, (110, 150, 196)), (0.45, (250, 206, 160)), (1, (230, 200, 160))]
    )
    _glow(sky, width * 0.7, horizon - 30, 200, (90, 70, 20))
    image = _image(sky)
    _water(image, horizon, rng, (60, 120, 150))
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 760), (width, 700), (width, height), (0, height)], fill=(222, 196, 150))
    colours = [(210, 40, 40), (30, 120, 180), (240, 190, 40), (30, 150, 90), (230, 110, 40)]
    for i in range(5):
        x, y = -60 + i * 390 + rng.randint(-20, 20), 860 + (i % 2) * 90
        hull = colours[i]
        draw.polygon(
            [(x, y - 60), (x + 420, y - 80), (x + 380, y + 20), (x + 50, y + 30)], fill=hull
        )
        for k in range(4):
            band = colours[(i + k + 1) % len(colours)]
            draw.line([(x + 40, y - 40 + k * 14), (x + 390, y - 56 + k * 14)], fill=band, width=7)
        draw.polygon([(x - 30, y - 90), (x, y - 60), (x + 50, y + 30)], fill=hull)
    return _jpeg(_grain(image, rng))


def terraces_photo(seed: int = 4) -> bytes:
    """Coloured terraced houses climbing a hill above a river (Cork), 1800x1200."""
    rng, width, height = random.Random(seed), 1800, 1200
    horizon = 820
    sky = _gradient(
        width, height, [(0, (150, 170, 190)), (0.6, (220, 224, 226)), (1, (160, 170, 170))]
    )
    image = _image(sky)
    draw = ImageDraw.Draw(image)
    colours = [
        (214, 92, 80),
        (240, 196, 90),
        (96, 150, 190),
        (130, 180, 120),
        (236, 236, 226),
        (180, 110, 160),
    ]
    for row in range(5):
        base = 360 + row * 100
        x = -rng.randint(0, 60)
        while x < width:
            w = rng.randint(80, 120)
            top = base - 120 + int(40 * math.sin(x / 300))
            draw.rectangle([x, top, x + w - 3, horizon], fill=rng.choice(colours))
            draw.polygon([(x - 4, top), (x + w / 2, top - 40), (x + w + 1, top)], fill=(70, 72, 80))
            for wy in range(top + 20, min(horizon, top + 110), 50):
                draw.rectangle([x + 18, wy, x + 38, wy + 28], fill=(250, 248, 240))
                draw.rectangle([x + w - 40, wy, x + w - 20, wy + 28], fill=(250, 248, 240))
            x += w
    draw.rectangle([780, 60, 840, 360], fill=(190, 170, 140))  # a church tower
    draw.polygon([(770, 60), (810, -20), (850, 60)], fill=(120, 140, 120))
    _water(image, horizon, rng, (70, 90, 96), depth=0.5)
    return _jpeg(_grain(image, rng))
