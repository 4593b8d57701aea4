"""Bounded memory: big pictures resized a band at a time (no seam), few files at once."""

import io
import multiprocessing
import threading
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageCms, ImageOps

from storyhub.media import processing
from storyhub.media.config import Limits
from storyhub.media.processing import images

pytestmark = pytest.mark.db_independent


def banded(source: Image.Image, size: tuple[int, int]) -> Image.Image:
    out = Image.new("RGBA" if images._has_alpha(source) else "RGB", size)
    for top, band in images._bands(source, size):
        out.paste(band.convert(out.mode), (0, top))
    return out


@pytest.mark.parametrize("mode", ["RGB", "P"])
def test_a_picture_resized_in_bands_matches_one_resize_without_seams(mode):
    source = Image.effect_noise((1200, 900), 60).convert("RGB").convert(mode)
    whole = source.convert("RGB").resize((500, 375), Image.Resampling.LANCZOS)
    together = banded(source, (500, 375))  # two bands of rows, a palette converted by band
    assert together.size == whole.size
    # At most one level of rounding apart anywhere, band joins included: no seam to see.
    assert ImageChops.difference(together, whole).getextrema() == ((0, 1), (0, 1), (0, 1))


def jpeg_with(size, orientation=1, icc=None, comment=b"Jane") -> io.BytesIO:
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image.paste((200, 30, 30), (0, 0, size[0] // 5, size[1] // 7))  # a red mark top left
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x013B] = "Jane Doe"  # Artist
    options = {"icc_profile": icc} if icc else {}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95, exif=exif, comment=comment, **options)
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize("orientation", [1, 2, 3, 4, 6, 8])
def test_a_shrunk_picture_matches_the_whole_picture_pipeline(orientation):
    """Shrunk by bands: upright, the same pixels as turning then resizing the whole picture."""
    shrunk = images.open_clean(jpeg_with((3000, 1000), orientation), "jpeg", 10**8, 1500)
    with Image.open(jpeg_with((3000, 1000), orientation)) as whole:
        whole = ImageOps.exif_transpose(whole)
        whole.thumbnail((1500, 1500), Image.Resampling.LANCZOS)
    assert shrunk.size == whole.size
    assert shrunk.info == {} and dict(shrunk.getexif()) == {}
    worst = max(high for _low, high in ImageChops.difference(shrunk, whole).getextrema())
    assert worst <= 4  # rounding only: the red mark is where the upright picture has it


def test_a_shrunk_picture_is_converted_to_srgb_like_a_small_one():
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    shrunk = images.open_clean(jpeg_with((3000, 1000), icc=icc), "jpeg", 10**8, 1500)
    small = images.open_clean(jpeg_with((3000, 1000), icc=icc), "jpeg", 10**8, 3000)
    assert shrunk.info == {} and small.info == {}
    assert shrunk.size == (1500, 500) and small.size == (3000, 1000)


def test_the_decoded_upload_is_freed_before_the_shrunk_picture_is_made(monkeypatch):
    closed = []
    real_new = Image.new

    def watching_new(mode, size, *args, **kwargs):
        closed.append(size)
        return real_new(mode, size, *args, **kwargs)

    seen = {}
    real_close = Image.Image.close

    def close(self):
        seen.setdefault("closed_before_new", not closed)
        real_close(self)

    monkeypatch.setattr(Image.Image, "close", close)
    monkeypatch.setattr(images.Image, "new", watching_new)
    shrunk = images.open_clean(jpeg_with((3000, 1000)), "jpeg", 10**8, 1500)
    assert shrunk.size == (1500, 500)
    assert seen == {"closed_before_new": True}


def test_no_more_files_are_processed_at_once_than_allowed(monkeypatch):
    inside, lock = [0], threading.Lock()
    two_in, too_many, release = threading.Event(), threading.Event(), threading.Event()

    def slow_process(*args):
        with lock:
            inside[0] += 1
            (two_in if inside[0] == 2 else too_many if inside[0] > 2 else threading.Event()).set()
        release.wait()
        with lock:
            inside[0] -= 1

    monkeypatch.setattr(processing, "_process", slow_process)
    limits = Limits(concurrent=2)
    args = ("image", Path("x"), limits, [], "t", Path("."))
    workers = [threading.Thread(target=processing.process_file, args=args) for _ in range(4)]
    for worker in workers:
        worker.start()
    assert two_in.wait(timeout=60)  # the state: two files inside
    # A third may never come in while they run (a second is ample for it to try, if it could).
    assert not too_many.wait(timeout=1)
    release.set()
    for worker in workers:
        worker.join()
    assert inside[0] == 0


def _peak_of_largest_panorama() -> float:
    """Process a 10000×5000 JPEG (the most pixels a panorama may have); peak MB above start."""
    from storyhub.media.benchmark import measure, photo_like

    measure("image", photo_like((800, 600)))  # imports and codecs, once per process (OpenCV…)
    picture = Image.linear_gradient("L").resize((10000, 5000)).convert("RGB")
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    del picture
    return measure("panorama", buffer.getvalue())["peak_mb"]


def test_the_largest_accepted_panorama_is_processed_under_300_mb():
    """In a fresh process (nothing of the test run's heap); 328 MB before the banded shrink."""
    if not Path("/proc/self/clear_refs").exists():
        pytest.skip("peak memory is read from Linux's /proc")
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        peak = pool.apply(_peak_of_largest_panorama)
    assert peak is not None and peak < 300, f"peak {peak:.0f} MB"


def _peak_of_reblurring_the_largest_panorama() -> float:
    """Blur a rectangle of an 8192×4096 master again (what a blur change does); peak MB."""
    from storyhub.media.benchmark import _kb, _reset_peak, measure, photo_like

    measure("image", photo_like((800, 600)))  # imports and codecs, once per process
    master = Image.linear_gradient("L").resize((8192, 4096)).convert("RGB")
    data = images._encode(master, images.MASTER_OPTIONS)
    del master
    _reset_peak()
    before = _kb("VmRSS")
    renditions = images.rerender(data, "panorama", [{"x": 0.1, "y": 0.1, "w": 0.2, "h": 0.2}], "t")
    assert {r.role for r in renditions} >= {"full", "phone"}
    return (_kb("VmHWM") - before) / 1024


def test_blurring_the_largest_panorama_again_stays_under_300_mb():
    """One full-size picture in memory, blurred in place; 483 MB before (three copies)."""
    if not Path("/proc/self/clear_refs").exists():
        pytest.skip("peak memory is read from Linux's /proc")
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        peak = pool.apply(_peak_of_reblurring_the_largest_panorama)
    assert peak < 300, f"peak {peak:.0f} MB"


def test_a_rebuilt_master_has_the_same_pixels_and_no_metadata():
    source = Image.effect_noise((300, 700), 60).convert("RGB")
    source.info["comment"] = b"Jane"
    rebuilt = images._rebuilt(source.copy())
    assert rebuilt.info == {} and ImageChops.difference(rebuilt, source).getbbox() is None
