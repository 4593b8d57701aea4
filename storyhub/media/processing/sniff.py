"""Recognise a file by its first bytes, never by its name or declared type; find hidden markup."""

import re
import struct
from typing import BinaryIO

HEAD_SIZE = 64
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
IMAGE_FORMATS = {"jpeg", "png", "webp", "heic"}
AUDIO_CONTAINERS = {"mp3", "ogg", "mp4", "matroska", "wav"}
VIDEO_CONTAINERS = {"mp4", "matroska"}

# Markup that turns a picture into a web page or a script when a browser sniffs it. Only looked
# for where metadata hides (outside compressed pixel data), so random bytes cannot match.
MARKUP = re.compile(
    rb"<script|<iframe|<\?php|<!doctype\s+html|<html[\s>]|<svg[\s>]|<body[\s>]"
    rb"|<object[\s>]|<embed[\s>]|<\?xml|javascript:",
    re.IGNORECASE,
)


def sniff(head: bytes) -> str:
    """Name the format of a file from its first bytes ('unknown' when not recognised)."""
    if not head:
        return "empty"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "webp", b"WAVE": "wav", b"AVI ": "avi"}[head[8:12]]
    if head[4:8] == b"ftyp":
        return _iso_brand(head)
    for magic, name in (
        (b"OggS", "ogg"),
        (b"\x1a\x45\xdf\xa3", "matroska"),
        (b"ID3", "mp3"),
        (b"fLaC", "flac"),
        (b"GIF8", "gif"),
        (b"BM", "bmp"),
    ):
        if head.startswith(magic):
            return name
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06:
        return "mp3"  # MPEG audio frame sync, layer bits set (ADTS AAC has them at zero)
    if _looks_like_markup(head):
        return "markup"
    return "unknown"


def _iso_brand(head: bytes) -> str:
    brands = {head[8:12]} | {head[i : i + 4] for i in range(16, min(len(head), 48), 4)}
    if head[8:12] in (b"avif", b"avis"):
        return "avif"
    if brands & HEIF_BRANDS and head[8:12] not in (b"isom", b"mp41", b"mp42", b"M4A ", b"qt  "):
        return "heic"
    return "mp4"


def _looks_like_markup(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe\xfe\xff \t\r\n\x00").lower()
    return text.startswith(b"<") or bool(MARKUP.search(head))


def hidden_markup(stream: BinaryIO, fmt: str) -> bool:
    """True when HTML, SVG or script hides in a picture's metadata or after its end (polyglot)."""
    stream.seek(0)
    data = stream.read()
    stream.seek(0)
    regions = {"jpeg": _jpeg_regions, "png": _png_regions, "webp": _riff_regions}.get(
        fmt, _iso_regions
    )(data)
    return any(MARKUP.search(data[start:end]) for start, end in regions)


def _jpeg_regions(data: bytes) -> list[tuple[int, int]]:
    """Every marker segment (metadata lives there) and anything after the end-of-image marker."""
    regions, pos, size = [], 2, len(data)
    while pos + 2 <= size and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker == 0xD9:  # end of image
            pos += 2
            break
        if marker == 0xFF or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            pos += 1 if marker == 0xFF else 2
            continue
        if pos + 4 > size:
            break
        end = pos + 2 + struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        if marker == 0xDA:  # start of scan: skip the compressed data that follows
            pos = _skip_entropy_data(data, end)
            continue
        regions.append((pos, end))
        pos = end
    regions.append((pos, size))
    return regions


def _skip_entropy_data(data: bytes, pos: int) -> int:
    """Position of the next real marker after compressed scan data."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            return len(data)
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            pos += 2
        elif following == 0xFF:
            pos += 1
        else:
            return pos


def _png_regions(data: bytes) -> list[tuple[int, int]]:
    """Every chunk but the pixel data, and anything after IEND."""
    regions, pos = [], 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if kind not in (b"IDAT", b"fdAT"):
            regions.append((pos, pos + 12 + length))
        pos += 12 + length
        if kind == b"IEND":
            break
    regions.append((pos, len(data)))
    return regions


def _riff_regions(data: bytes) -> list[tuple[int, int]]:
    """WebP chunks other than the bitstreams, and anything after the RIFF size."""
    regions, pos = [], 12
    end = min(len(data), 8 + struct.unpack("<I", data[4:8])[0]) if len(data) >= 8 else len(data)
    while pos + 8 <= end:
        kind, length = struct.unpack("<4sI", data[pos : pos + 8])
        if kind not in (b"VP8 ", b"VP8L", b"ALPH", b"ANMF"):
            regions.append((pos, pos + 8 + length))
        pos += 8 + length + (length & 1)
    regions.append((end, len(data)))
    return regions


def _iso_regions(data: bytes) -> list[tuple[int, int]]:
    """ISO media boxes (HEIC) other than the media data box."""
    regions, pos = [], 0
    while pos + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if size == 1 and pos + 16 <= len(data):
            size = struct.unpack(">Q", data[pos + 8 : pos + 16])[0]
        if size < 8:
            size = len(data) - pos
        if kind != b"mdat":
            regions.append((pos, pos + size))
        pos += size
    return regions
