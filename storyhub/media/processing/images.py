"""Pictures and 360° panoramas: opened under a pixel limit, cleaned, re-encoded in renditions.

Nothing of the upload survives but its pixels: orientation is applied, colours converted to
sRGB, every metadata block (EXIF, GPS, XMP, IPTC, ICC, comments, PNG text) left behind.
"""

import io
import math
import re
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import pillow_heif
from PIL import (
    ExifTags,
    Image,
    ImageCms,
    ImageFile,
    ImageFilter,
    ImageOps,
    UnidentifiedImageError,
)

from storyhub.media.processing.errors import MediaRefused

pillow_heif.register_heif_opener()

PIL_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "heic": "HEIF"}
WIDTHS = (480, 960, 1600, 2400)
PANORAMA_PHONE = 4096
PANORAMA_FULL = 8192
PANORAMA_MIN_WIDTH = 1024
PANORAMA_PREVIEW = 960
PANORAMA_RATIO_TOLERANCE = 0.03
WEBP_OPTIONS = {"format": "WEBP", "quality": 80, "method": 2}  # 2: half the time of 4, same look
MAX_EDGE = 2400  # a photo's longest side, so that portrait photos cost no more than landscape
JPEG_OPTIONS = {"format": "JPEG", "quality": 82, "progressive": True, "optimize": True}
MASTER_OPTIONS = {"format": "JPEG", "quality": 92}
MAX_REGIONS = 40
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError)
BAND_ROWS = 256  # rows of the resized picture made at a time
RESIZABLE_MODES = ("RGB", "RGBA", "L", "LA", "CMYK")  # resized as they are; others converted
T = Image.Transpose
ORIENTATIONS = {  # EXIF orientation: how to turn the picture upright (as ImageOps.exif_transpose)
    2: T.FLIP_LEFT_RIGHT,
    3: T.ROTATE_180,
    4: T.FLIP_TOP_BOTTOM,
    5: T.TRANSPOSE,
    6: T.ROTATE_270,
    7: T.TRANSVERSE,
    8: T.ROTATE_90,
}
ROW_KEEPING = {T.FLIP_LEFT_RIGHT, T.ROTATE_180, T.FLIP_TOP_BOTTOM}  # done a band at a time
UPSIDE_DOWN = {T.ROTATE_180, T.FLIP_TOP_BOTTOM}


@dataclass
class Rendition:
    """One encoded file made from the upload."""

    name: str
    role: str  # image, fallback, phone, full, poster, audio, video
    format: str
    width: int | None
    height: int | None
    data: bytes | None = None
    path: str | None = None  # large files (sound, video) stay on disk

    def record(self, key: str, size: int) -> dict:
        """What an item keeps of this rendition once stored under key (its `renditions`)."""
        return {
            "name": self.name,
            "role": self.role,
            "format": self.format,
            "width": self.width,
            "height": self.height,
            "key": key,
            "bytes": size,
        }


@dataclass
class PictureResult:
    """A cleaned picture: its size, the private master copy and the public renditions."""

    width: int
    height: int
    master: bytes
    master_format: str
    renditions: list[Rendition]


def open_clean(
    stream: BinaryIO, fmt: str, max_pixels: int, max_edge: int, flatten: bool = False
) -> Image.Image:
    """Open, check and decode a picture; return it upright, in sRGB, with no metadata.

    With `flatten`, transparency is laid on white (RGB). A picture larger than max_edge is
    shrunk a band at a time into a new picture and the decoded upload freed before that picture
    is put together, so at most the decoded upload and one band live at once (see _shrink).
    """
    if fmt not in PIL_FORMATS:
        raise MediaRefused("not_image")
    image = _open_checked(stream, fmt, max_pixels)
    try:
        image.verify()
        stream.seek(0)
        image = _open_checked(stream, fmt, max_pixels)
        _draft(image, max_edge)
        image.load()
        if max(image.size) > max_edge:
            return _shrink(image, max_edge, flatten)
    except DECODE_ERRORS as error:
        raise MediaRefused("damaged") from error
    assert not ImageFile.LOAD_TRUNCATED_IMAGES  # a truncated file must stay an error
    ImageOps.exif_transpose(image, in_place=True)  # upright, without a second copy
    image = _strip(_to_srgb(image))
    return _flatten(image) if flatten else image


def _shrink(image: Image.Image, max_edge: int, flatten: bool) -> Image.Image:
    """The picture at most max_edge long, upright, in sRGB, with no metadata; `image` is closed.

    Each band of rows is resized, converted to sRGB and written raw to a temporary file; the
    decoded upload is then closed (its memory freed) and the new picture filled from the file.
    A 50-megapixel panorama thus never has its 200 MB of decoded pixels and the 134 MB of the
    8192-pixel copy in memory together (328 MB before). The new picture is made with
    Image.new: nothing of the upload's metadata can be attached to it.
    """
    scale = max_edge / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    method = ORIENTATIONS.get(image.getexif().get(ExifTags.Base.Orientation, 1))
    icc = image.info.get("icc_profile")
    mode = "RGBA" if _has_alpha(image) and not flatten else "RGB"
    rows = []
    with tempfile.TemporaryFile(prefix="storyhub-bands-") as spill:
        for top, band in _bands(image, size):
            band.info = {"icc_profile": icc} if icc else {}
            band = _to_srgb(band)
            band = _flatten(band) if flatten else band
            data = band.tobytes()
            spill.write(data)
            rows.append((top, band.height, len(data)))
        image.close()  # the decoded upload's memory goes back before the new picture is made
        spill.seek(0)
        out = Image.new(mode, size)
        for top, height, length in rows:
            band = Image.frombytes(mode, (size[0], height), spill.read(length))
            if method in ROW_KEEPING:
                band = band.transpose(method)
                top = size[1] - top - height if method in UPSIDE_DOWN else top
            out.paste(band, (0, top))
    if method is not None and method not in ROW_KEEPING:
        out = out.transpose(method)  # a quarter turn: only photos (at most 2400 pixels) get here
    return out


def _bands(image: Image.Image, size: tuple[int, int]) -> Iterator[tuple[int, Image.Image]]:
    """(top row, band) of the picture LANCZOS-resized to size, BAND_ROWS rows at a time.

    Pillow reads the rows around each band's box for its filter, so bands join without seams.
    A picture in a mode that cannot be resized as it is (palette, 16-bit…) is converted a band
    at a time too, with enough rows around it for the filter.
    """
    step = image.height / size[1]
    convert = image.mode not in RESIZABLE_MODES
    target = "RGBA" if _has_alpha(image) else "RGB"
    margin = math.ceil(3 * max(step, 1.0)) + 2  # LANCZOS reads 3 source pixels per output pixel
    for top in range(0, size[1], BAND_ROWS):
        bottom = min(size[1], top + BAND_ROWS)
        y0, y1 = top * step, bottom * step
        source, offset = image, 0
        if convert:
            offset = max(0, math.floor(y0) - margin)
            end = min(image.height, math.ceil(y1) + margin)
            source = image.crop((0, offset, image.width, end)).convert(target)
        box = (0, y0 - offset, image.width, y1 - offset)
        yield top, source.resize((size[0], bottom - top), Image.Resampling.LANCZOS, box=box)


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def _open_checked(stream: BinaryIO, fmt: str, max_pixels: int) -> Image.Image:
    """Read the header only, and refuse too many pixels before any decoding."""
    stream.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(stream, formats=[PIL_FORMATS[fmt]])
    except Image.DecompressionBombError as error:
        found = re.search(r"\((\d+) pixels\)", str(error))
        raise _too_many_pixels(int(found.group(1)) if found else 0, max_pixels) from error
    except (UnidentifiedImageError, *DECODE_ERRORS) as error:
        raise MediaRefused("damaged") from error
    width, height = image.size
    if width * height > max_pixels:
        raise _too_many_pixels(width * height, max_pixels)
    if width < 1 or height < 1:
        raise MediaRefused("damaged")
    return image


def _too_many_pixels(pixels: int, limit: int) -> MediaRefused:
    return MediaRefused("too_many_pixels", megapixels=_megapixels(pixels), limit=_megapixels(limit))


def _megapixels(pixels: int) -> str:
    value = pixels / 1_000_000
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def _draft(image: Image.Image, max_edge: int) -> None:
    """Let JPEG decode at a reduced scale when the picture is far larger than we keep."""
    scale = min(1.0, max_edge / max(image.size))
    if image.format == "JPEG" and scale < 0.5:
        image.draft("RGB", (math.ceil(image.size[0] * scale), math.ceil(image.size[1] * scale)))


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert colours to sRGB using the embedded profile, so that dropping it changes nothing."""
    icc = image.info.get("icc_profile")
    mode = "RGBA" if _has_alpha(image) else "RGB"
    if icc and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.createProfile("sRGB")
            converted = ImageCms.profileToProfile(image, source, srgb, outputMode=mode)
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the pixels as they are
    return image if image.mode == mode else image.convert(mode)


def _strip(image: Image.Image) -> Image.Image:
    """The same pixels with no metadata at all attached."""
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def clean_regions(raw) -> list[dict]:
    """Validate blur rectangles in relative coordinates (0..1); raise ValueError when wrong."""
    if not isinstance(raw, list) or len(raw) > MAX_REGIONS:
        raise ValueError(f"regions must be a list of at most {MAX_REGIONS} rectangles")
    regions = []
    for item in raw:
        try:
            x, y, w, h = (float(item[key]) for key in ("x", "y", "w", "h"))
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError("each region needs numbers x, y, w, h") from error
        if not all(math.isfinite(v) for v in (x, y, w, h)):
            raise ValueError("regions must be finite numbers")
        x, y = min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0)
        w, h = min(max(w, 0.0), 1.0 - x), min(max(h, 0.0), 1.0 - y)
        if w >= 0.002 and h >= 0.002:
            regions.append({"x": round(x, 5), "y": round(y, 5), "w": round(w, 5), "h": round(h, 5)})
    return regions


def apply_blur(image: Image.Image, regions: list[dict], in_place: bool = False) -> Image.Image:
    """Blur each rectangle beyond recognition: pixelate, then a Gaussian blur.

    in_place: blur image itself (a picture of our own no one reads unblurred afterwards), not a
    copy: an 8192-pixel panorama then costs no second 134 MB.
    """
    if not regions:
        return image
    out = image if in_place else image.copy()
    width, height = image.size
    for region in regions:
        box = (
            math.floor(region["x"] * width),
            math.floor(region["y"] * height),
            math.ceil((region["x"] + region["w"]) * width),
            math.ceil((region["y"] + region["h"]) * height),
        )
        if box[2] - box[0] < 1 or box[3] - box[1] < 1:
            continue
        patch = out.crop(box)
        side = min(patch.size)
        cells = (max(1, patch.size[0] * 6 // side), max(1, patch.size[1] * 6 // side))
        blurred = patch.resize(cells, Image.Resampling.BOX).resize(
            patch.size, Image.Resampling.BILINEAR
        )
        out.paste(blurred.filter(ImageFilter.GaussianBlur(max(2, side / 12))), box[:2])
    return out


def _encode(image: Image.Image, options: dict) -> bytes:
    """Encode with only the options given: no exif, icc_profile, xmp or comment is passed."""
    if options["format"] == "JPEG" and image.mode != "RGB":
        image = _flatten(image)
    buffer = io.BytesIO()
    image.save(buffer, **options)
    return buffer.getvalue()


def _flatten(image: Image.Image) -> Image.Image:
    """Transparent pixels on white, for formats without alpha (an RGB picture as it is)."""
    if image.mode == "RGB":
        return image
    if image.mode != "RGBA":
        return image.convert("RGB")
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def _resized(image: Image.Image, width: int) -> Image.Image:
    if image.width == width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _master(image: Image.Image, max_edge: int) -> tuple[Image.Image, bytes, str]:
    """The private clean copy kept for re-rendering (blur changes); never served."""
    scale = min(1.0, max_edge / max(image.size))
    master = _resized(image, max(1, round(image.width * scale)))
    if master.mode == "RGBA":
        return master, _encode(master, {"format": "PNG", "compress_level": 1}), "png"
    return master, _encode(master, MASTER_OPTIONS), "jpg"


def render_picture(master: Image.Image, regions: list[dict], token: str) -> list[Rendition]:
    """Responsive widths in WebP with a JPEG fallback, every one blurred where asked."""
    image = apply_blur(master, regions)
    widths = [w for w in WIDTHS if w < image.width] + [image.width]
    renditions = []
    for width in sorted(set(widths), reverse=True):
        image = _resized(image, width)
        for role, options, ext in (
            ("image", WEBP_OPTIONS, "webp"),
            ("fallback", JPEG_OPTIONS, "jpg"),
        ):
            renditions.append(
                Rendition(
                    f"{width}w-{token}.{ext}",
                    role,
                    ext,
                    width,
                    image.height,
                    _encode(image, options),
                )
            )
    return renditions


def render_panorama(master: Image.Image, regions: list[dict], token: str) -> list[Rendition]:
    """A size phones can display, the full one for large screens, and a flat preview."""
    image = apply_blur(master, regions)
    renditions = []
    if image.width > PANORAMA_PHONE:
        renditions.append(_panorama_rendition(image, "full", image.width, token))
    phone = _resized(image, min(image.width, PANORAMA_PHONE))
    renditions.append(_panorama_rendition(phone, "phone", phone.width, token))
    preview = _resized(phone, min(phone.width, PANORAMA_PREVIEW))
    for role, options, ext in (("image", WEBP_OPTIONS, "webp"), ("fallback", JPEG_OPTIONS, "jpg")):
        renditions.append(
            Rendition(
                f"{preview.width}w-{token}.{ext}",
                role,
                ext,
                preview.width,
                preview.height,
                _encode(preview, options),
            )
        )
    return renditions


def _panorama_rendition(image: Image.Image, role: str, width: int, token: str) -> Rendition:
    image = _resized(image, width)
    # A progressive or optimized JPEG keeps every coefficient in memory while it writes: about
    # 100 MB more for an 8192-pixel panorama, which a viewer shows only once fully loaded anyway.
    large = image.width > PANORAMA_PHONE
    options = {**JPEG_OPTIONS, "quality": 85, "progressive": not large, "optimize": not large}
    data = _encode(image, options)
    return Rendition(f"{role}-{token}.jpg", role, "jpg", image.width, image.height, data)


def process_picture(
    stream: BinaryIO, fmt: str, max_pixels: int, regions: list[dict], token: str
) -> PictureResult:
    """A photo: cleaned, then WebP and JPEG renditions at several widths."""
    image = open_clean(stream, fmt, max_pixels, MAX_EDGE)
    master, data, master_format = _master(image, MAX_EDGE)
    return PictureResult(
        master.width, master.height, data, master_format, render_picture(master, regions, token)
    )


def process_panorama(
    stream: BinaryIO, fmt: str, max_pixels: int, regions: list[dict], token: str
) -> PictureResult:
    """An equirectangular 360° picture (twice as wide as high): phone, full and preview sizes."""
    image = open_clean(stream, fmt, max_pixels, PANORAMA_FULL, flatten=True)
    ratio = image.width / image.height
    if abs(ratio - 2) > 2 * PANORAMA_RATIO_TOLERANCE:
        raise MediaRefused("not_panorama", width=image.width, height=image.height)
    if image.width < PANORAMA_MIN_WIDTH:
        raise MediaRefused("panorama_too_small", width=image.width, limit=PANORAMA_MIN_WIDTH)
    master, data, master_format = _master(image, PANORAMA_FULL)
    del image  # the same picture as master: renditions are made from it, blurred in place
    return PictureResult(
        master.width, master.height, data, master_format, render_panorama(master, regions, token)
    )


def rerender(master_data: bytes, kind: str, regions: list[dict], token: str) -> list[Rendition]:
    """Renditions again from the private master, e.g. after the blur rectangles changed.

    The master is decoded, copied a band at a time into a new picture through a temporary
    file (nothing of the file's metadata follows, and the decoded file is freed first), then
    blurred in place: one full-size picture in memory, not three (483 MB for the largest
    panorama before).
    """
    with Image.open(io.BytesIO(master_data), formats=["JPEG", "PNG"]) as opened:
        opened.load()
        master = _rebuilt(opened)
    render = render_panorama if kind == "panorama" else render_picture
    return render(apply_blur(master, regions, in_place=True), [], token)


def _rebuilt(image: Image.Image) -> Image.Image:
    """The same pixels in a new picture with no metadata; `image` is closed (memory freed)."""
    mode = image.mode if image.mode in ("RGB", "RGBA") else "RGB"
    rows = []
    with tempfile.TemporaryFile(prefix="storyhub-bands-") as spill:
        for top in range(0, image.height, BAND_ROWS):
            band = image.crop((0, top, image.width, min(image.height, top + BAND_ROWS)))
            data = band.convert(mode).tobytes()
            spill.write(data)
            rows.append((top, band.height, len(data)))
        size = image.size
        image.close()
        spill.seek(0)
        out = Image.new(mode, size)
        for top, height, length in rows:
            out.paste(Image.frombytes(mode, (size[0], height), spill.read(length)), (0, top))
    return out
