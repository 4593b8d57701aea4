"""Faces to suggest blurring, found offline by OpenCV's bundled Haar cascades.

Suggestions only: the educator sees them as dashed rectangles on the blur tool and accepts
each one; nothing is ever blurred automatically. Without OpenCV (or with
`MEDIA_FACE_SUGGESTIONS=off`) there are simply no suggestions. The detector runs on a copy of
at most DETECT_EDGE pixels, so it costs a few tens of milliseconds.
"""

import io
import logging
from functools import lru_cache

from flask import current_app
from PIL import Image, ImageOps

from storyhub.media.models import MediaItem

log = logging.getLogger(__name__)
DETECT_EDGE = 1024  # longest side the detector looks at
MARGIN = 0.1  # a face's box is grown by this share on each side (Haar boxes are already generous)
MAX_FACES = 20
CASCADES = ("haarcascade_frontalface_default.xml", "haarcascade_profileface.xml")
OFF = {"0", "false", "off", "no", ""}


@lru_cache(maxsize=1)
def _classifiers() -> tuple:
    """The cascades bundled with opencv-python-headless (a dependency), loaded once."""
    import cv2  # imported when first needed: a second of start-up saved for every process

    found = []
    for name in CASCADES:
        classifier = cv2.CascadeClassifier(cv2.data.haarcascades + name)
        if not classifier.empty():
            found.append(classifier)
    return tuple(found)


def available() -> bool:
    """A detector is installed and suggestions are switched on."""
    setting = str(current_app.config.get("MEDIA_FACE_SUGGESTIONS", "on")).strip().lower()
    return setting not in OFF and bool(_classifiers())


def _boxes(image: Image.Image) -> list[tuple[int, int, int, int]]:
    """Face boxes (x, y, w, h) in the pixels of image, frontal then profile (both ways)."""
    import cv2
    import numpy

    gray = cv2.equalizeHist(numpy.asarray(image.convert("L")))
    side = max(24, min(image.size) // 40)
    found = []
    for index, classifier in enumerate(_classifiers()):
        views = [(gray, False)] if index == 0 else [(gray, False), (cv2.flip(gray, 1), True)]
        for pixels, mirrored in views:
            faces = classifier.detectMultiScale(
                pixels, scaleFactor=1.1, minNeighbors=6, minSize=(side, side)
            )
            for x, y, w, h in faces:
                x = image.width - x - w if mirrored else x
                found.append((int(x), int(y), int(w), int(h)))
    return found


def _overlaps(a: dict, b: dict) -> bool:
    """Two rectangles share more than half of the smaller one."""
    dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    if dx <= 0 or dy <= 0:
        return False
    return dx * dy > 0.5 * min(a["w"] * a["h"], b["w"] * b["h"])


def _relative(box, width: int, height: int) -> dict:
    x, y, w, h = box
    x0, y0 = max(0.0, (x - MARGIN * w) / width), max(0.0, (y - MARGIN * h) / height)
    x1 = min(1.0, (x + w * (1 + MARGIN)) / width)
    y1 = min(1.0, (y + h * (1 + MARGIN)) / height)
    return {"x": round(x0, 5), "y": round(y0, 5), "w": round(x1 - x0, 5), "h": round(y1 - y0, 5)}


def find_faces(image: Image.Image) -> list[dict]:
    """Rectangles (relative 0..1, with a margin) around the faces the detector finds."""
    if not _classifiers():
        return []
    if image.format == "JPEG":  # decode a large master at a reduced scale, not in full
        image.draft("RGB", (DETECT_EDGE * 2, DETECT_EDGE * 2))
    small = ImageOps.exif_transpose(image)
    small = small.copy() if small is image else small
    small.thumbnail((DETECT_EDGE, DETECT_EDGE))
    regions: list[dict] = []
    for box in sorted(_boxes(small), key=lambda b: -b[2] * b[3]):
        region = _relative(box, small.width, small.height)
        if not any(_overlaps(region, kept) for kept in regions):
            regions.append(region)
    return sorted(regions[:MAX_FACES], key=lambda r: (r["y"], r["x"]))


def suggest_faces(image_bytes: bytes) -> list[dict] | None:
    """Suggestions for an encoded picture; None when no detector runs (never raises)."""
    if not available():
        return None
    try:
        with Image.open(io.BytesIO(image_bytes), formats=["JPEG", "PNG"]) as image:
            return find_faces(image)
    except Exception:  # a detector problem must never stop a photo from being used
        log.exception("face detection failed")
        return None


def _covered(region: dict, blurred: list[dict]) -> bool:
    """A suggested face already inside one of the blurred rectangles (mostly)."""
    return any(
        min(region["x"] + region["w"], b["x"] + b["w"]) - max(region["x"], b["x"]) > region["w"] / 2
        and min(region["y"] + region["h"], b["y"] + b["h"]) - max(region["y"], b["y"])
        > region["h"] / 2
        for b in blurred
    )


def open_suggestions(media: MediaItem) -> list[tuple[int, dict]]:
    """(index, rectangle) of the suggested faces not blurred yet."""
    blurred = media.blur_regions or []
    return [(i, r) for i, r in enumerate(media.face_regions or []) if not _covered(r, blurred)]
