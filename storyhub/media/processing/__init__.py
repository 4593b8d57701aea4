"""Media processing: pure functions from an uploaded file to clean renditions (no request, no db).

`check_upload` refuses quickly (empty, too large, wrong content) before anything is stored;
`process_file` does the real work and raises `MediaRefused` with the reason.
"""

import threading
from dataclasses import dataclass
from pathlib import Path

from storyhub.media.config import Limits
from storyhub.media.processing import images
from storyhub.media.processing.errors import MediaRefused, refusal_message, too_large
from storyhub.media.processing.images import Rendition, clean_regions, rerender
from storyhub.media.processing.sniff import (
    AUDIO_CONTAINERS,
    HEAD_SIZE,
    IMAGE_FORMATS,
    VIDEO_CONTAINERS,
    hidden_markup,
    sniff,
)

ACCEPTED = {
    "image": IMAGE_FORMATS,
    "panorama": IMAGE_FORMATS,
    "audio": AUDIO_CONTAINERS,
    "video": VIDEO_CONTAINERS,
}
REFUSAL_FOR_KIND = {
    "image": "not_image",
    "panorama": "not_image",
    "audio": "not_audio",
    "video": "not_video",
}
KNOWN_UNSUPPORTED_AUDIO = {"flac": "FLAC"}
_SLOTS: dict[int, threading.BoundedSemaphore] = {}
_SLOTS_LOCK = threading.Lock()

__all__ = [
    "MediaRefused",
    "Processed",
    "Rendition",
    "check_upload",
    "clean_regions",
    "process_file",
    "refusal_message",
    "rerender",
]


@dataclass
class Processed:
    """What processing made: sizes, duration, renditions, and the private master for pictures."""

    width: int | None
    height: int | None
    duration: float | None
    renditions: list[Rendition]
    master: bytes | None = None
    master_format: str | None = None
    waveform: list[int] | None = None  # sounds only


def check_upload(kind: str, head: bytes, size: int, limits: Limits) -> str:
    """Fast checks by content before storing; return the format found in the first bytes."""
    if kind not in ACCEPTED:
        raise MediaRefused(REFUSAL_FOR_KIND["image"])
    if size == 0 or not head:
        raise MediaRefused("empty")
    limit = limits.max_bytes(kind)
    if size > limit:
        raise too_large(size, limit)
    fmt = sniff(head)
    if fmt == "markup":
        raise MediaRefused("markup" if kind in ("image", "panorama") else REFUSAL_FOR_KIND[kind])
    if kind == "audio" and fmt in KNOWN_UNSUPPORTED_AUDIO:
        raise MediaRefused("audio_codec", codec=KNOWN_UNSUPPORTED_AUDIO[fmt])
    if fmt not in ACCEPTED[kind]:
        raise MediaRefused(REFUSAL_FOR_KIND[kind])
    return fmt


def _slot(size: int) -> threading.BoundedSemaphore:
    with _SLOTS_LOCK:
        return _SLOTS.setdefault(max(1, size), threading.BoundedSemaphore(max(1, size)))


def process_file(
    kind: str, path: Path, limits: Limits, regions: list[dict], token: str, workdir: Path
) -> Processed:
    """Turn an uploaded file into clean renditions, or raise MediaRefused.

    At most limits.concurrent files at once in this process: each large picture costs up to
    a few hundred MB while it is decoded, and the others wait their turn.
    """
    with _slot(limits.concurrent):
        return _process(kind, path, limits, regions, token, workdir)


def _process(kind, path, limits, regions, token, workdir) -> Processed:
    from storyhub.media.processing import audiovideo  # PyAV loads FFmpeg: only when needed

    with path.open("rb") as stream:
        fmt = check_upload(kind, stream.read(HEAD_SIZE), path.stat().st_size, limits)
        if kind in ("image", "panorama"):
            if hidden_markup(stream, fmt):
                raise MediaRefused("markup")
            if kind == "panorama":
                result = images.process_panorama(
                    stream, fmt, limits.panorama_pixels, regions, token
                )
            else:
                result = images.process_picture(stream, fmt, limits.pixels, regions, token)
            return Processed(
                result.width,
                result.height,
                None,
                result.renditions,
                result.master,
                result.master_format,
            )
    if kind == "audio":
        timed = audiovideo.process_audio(path, fmt, limits.audio_seconds, workdir, token)
    else:
        timed = audiovideo.process_video(path, fmt, limits.video_seconds, workdir, token)
    return Processed(
        timed.width, timed.height, timed.duration, timed.renditions, waveform=timed.waveform
    )
