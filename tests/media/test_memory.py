"""Bounded memory: big pictures resized a band at a time (no seam), few files at once."""

import threading
from pathlib import Path

from PIL import Image, ImageChops

from storyhub.media import processing
from storyhub.media.config import Limits
from storyhub.media.processing import images


def test_a_picture_resized_in_bands_matches_one_resize_without_seams():
    source = Image.effect_noise((1200, 900), 60).convert("RGB")
    banded = images._resize_in_bands(source, (500, 375))
    whole = source.resize((500, 375), Image.Resampling.LANCZOS)
    assert banded.size == whole.size
    # At most one level of rounding apart anywhere, band joins included: no seam to see.
    assert ImageChops.difference(banded, whole).getextrema() == ((0, 1), (0, 1), (0, 1))


def test_the_fitted_picture_keeps_orientation_and_colour_profile_data():
    source = Image.new("RGB", (3000, 1000), (10, 20, 30))
    source.info["icc_profile"] = b"profile"
    fitted = images._fit(source, 1500)
    assert fitted.size == (1500, 500)
    assert fitted.info["icc_profile"] == b"profile"
    assert images._fit(source, 4000) is source  # small enough: untouched


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
