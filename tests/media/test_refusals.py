"""Files refused by their content, quickly, with a message that says why (and the limit)."""

import re
import time
import tracemalloc
from pathlib import Path

import pytest

from storyhub.extensions import db
from storyhub.media.models import MediaItem
from storyhub.media.services import UploadRefused
from storyhub.media.storage import get_storage
from tests.media import samples
from tests.media.conftest import upload


def refused(user, group, kind, data) -> UploadRefused:
    with pytest.raises(UploadRefused) as caught:
        upload(user, group, kind=kind, data=data)
    return caught.value


@pytest.fixture(scope="session")
def bomb() -> bytes:
    return samples.png_bomb(30000)


def _peak_rss_kb() -> int:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1))


def _reset_peak_rss() -> int:
    """Reset the kernel's peak-memory mark for this process; return the current RSS (kB)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pytest.skip("cannot reset the peak memory mark here")
    return int(re.search(r"VmRSS:\s+(\d+)", Path("/proc/self/status").read_text()).group(1))


def test_a_decompression_bomb_is_refused_fast_and_without_decoding_it(world, english, bomb):
    assert len(bomb) < 2_000_000  # under 2 MB on disk, 900 megapixels once decoded
    before = _reset_peak_rss()
    tracemalloc.start()
    # CPU time of this thread, not wall time: a busy machine must not fail it (decoding 900
    # megapixels would cost many seconds of CPU; reading the header costs milliseconds).
    started = time.thread_time()
    error = refused(world.lea, world.a, "image", bomb)
    elapsed = time.thread_time() - started
    _, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    native_peak_mb = (_peak_rss_kb() - before) / 1024
    assert error.code == "too_many_pixels"
    assert "900 megapixels" in error.message and "limit is 40 megapixels" in error.message
    assert elapsed < 1.0, elapsed
    assert python_peak < 50 * 1024 * 1024, python_peak
    assert native_peak_mb < 50, native_peak_mb
    assert db.session.scalar(db.select(db.func.count(MediaItem.id))) == 0


def test_a_picture_over_the_configured_pixel_limit_is_refused(world, english, config):
    config(MEDIA_MAX_PIXELS=500_000)
    error = refused(world.lea, world.a, "image", samples.jpeg((1200, 800)))
    assert "1.0 megapixels" in error.message
    assert "limit is 0.5 megapixels" in error.message


@pytest.mark.parametrize(
    "data, reason",
    [
        (samples.HTML, "web page or SVG code"),
        (samples.SVG, "web page or SVG code"),
        (samples.SVG_PLAIN, "web page or SVG code"),
        (b"\xef\xbb\xbf  \n" + samples.HTML, "web page or SVG code"),
        (b"GIF89a" + b"\x00" * 100, "Accepted formats: JPEG, PNG, WebP, HEIC"),
        (b"just some text, not a picture", "Accepted formats: JPEG, PNG, WebP, HEIC"),
    ],
    ids=["html-named-jpg", "svg-with-script", "svg", "html-after-bom", "gif", "text"],
)
def test_what_is_not_a_picture_is_refused(world, english, data, reason):
    error = refused(world.lea, world.a, "image", data)
    assert reason in error.message


@pytest.mark.parametrize("make", [samples.polyglot_jpeg, samples.jpeg_with_script_comment])
def test_a_polyglot_picture_is_refused(world, english, make):
    error = refused(world.lea, world.a, "image", make())
    assert error.code == "markup"


def test_a_truncated_jpeg_is_refused_as_damaged(world, english):
    error = refused(world.lea, world.a, "image", samples.truncated(samples.jpeg((800, 600))))
    assert error.code == "damaged"
    assert "damaged or incomplete" in error.message


def test_a_truncated_png_is_refused_as_damaged(world, english):
    error = refused(world.lea, world.a, "image", samples.truncated(samples.png_with_text()))
    assert error.code == "damaged"


@pytest.mark.parametrize("kind", ["image", "audio", "video", "panorama"])
def test_an_empty_file_is_refused(world, english, kind):
    error = refused(world.lea, world.a, kind, b"")
    assert "empty" in error.message


def test_a_photo_over_its_size_limit_is_refused_with_the_limit(world, english, config):
    config(MEDIA_MAX_IMAGE_BYTES=1024 * 1024)
    data = samples.jpeg() + b"\x00" * (1024 * 1024 + 512 * 1024)
    error = refused(world.lea, world.a, "image", data)
    assert error.status == 413
    assert "too large (1.5 MB)" in error.message
    assert "limit for this kind of media is 1 MB" in error.message


def test_size_limits_are_stated_in_megabytes(world, english, config):
    config(MEDIA_MAX_AUDIO_BYTES=1024 * 1024)
    data = b"ID3" + b"\x00" * (2 * 1024 * 1024)
    error = refused(world.lea, world.a, "audio", data)
    assert "(2.0 MB)" in error.message and "is 1 MB" in error.message


def test_nothing_is_left_behind_by_a_refusal(world, english):
    refused(world.lea, world.a, "image", samples.truncated(samples.jpeg((800, 600))))
    assert db.session.scalar(db.select(db.func.count(MediaItem.id))) == 0
    root = Path(get_storage().root)
    assert not root.exists() or not [p for p in root.rglob("*") if p.is_file()]
