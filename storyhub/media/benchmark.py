"""Benchmark of picture processing: `python -m storyhub.media.benchmark` (not a test).

Prints, for a 12-megapixel phone photo and a 4096×2048 panorama, the processing time (with the
face suggestions made at processing time) and the peak memory (the process's resident memory
above what it used before, from Linux's VmHWM, and the Python allocations from tracemalloc). Target on the project's machine: < 1.5 s, < 300 MB.
"""

import contextlib
import io
import re
import tempfile
import time
import tracemalloc
from pathlib import Path

from PIL import Image, ImageFilter

from storyhub.media.config import Limits
from storyhub.media.faces import find_faces
from storyhub.media.processing import process_file

STATUS = Path("/proc/self/status")


def photo_like(size: tuple[int, int], orientation: int = 1) -> bytes:
    """A JPEG with detail everywhere, as heavy to encode as a real photo, with EXIF."""
    noise = Image.effect_noise(size, 50).convert("RGB")
    gradient = Image.linear_gradient("L").resize(size).convert("RGB")
    picture = Image.blend(noise, gradient, 0.5).filter(ImageFilter.GaussianBlur(1.2))
    exif = Image.Exif()
    exif[0x0112] = orientation
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()


def _kb(field: str) -> int | None:
    try:
        return int(re.search(rf"{field}:\s+(\d+)", STATUS.read_text()).group(1))
    except (OSError, AttributeError):
        return None


def _reset_peak() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def measure(kind: str, data: bytes) -> dict:
    """Process one file; return seconds, peak memory above the start (MB), renditions made."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "upload"
        source.write_bytes(data)
        _reset_peak()
        before = _kb("VmRSS")
        tracemalloc.start()
        started, cpu = time.perf_counter(), time.process_time()
        result = process_file(kind, source, Limits(), [], "bench", Path(tmp))
        if result.master is not None:  # the face suggestions made at processing time
            with Image.open(io.BytesIO(result.master)) as master:
                find_faces(master)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        python_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        peak = _kb("VmHWM")
    return {
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": (peak - before) / 1024 if peak and before else None,
        "python_mb": python_peak / 1024 / 1024,
        "renditions": len(result.renditions),
        "size": (result.width, result.height),
    }


def main() -> None:
    """Run both cases and print a small table."""
    cases = [
        ("12-megapixel photo (4000×3000 JPEG)", "image", photo_like((4000, 3000))),
        ("the same, taken upright (EXIF orientation 6)", "image", photo_like((4000, 3000), 6)),
        ("360° panorama (4096×2048 JPEG)", "panorama", photo_like((4096, 2048))),
    ]
    measure("image", photo_like((800, 600)))  # warm up: imports, codecs
    print(f"{'case':46} {'time':>7} {'CPU':>7} {'peak RSS':>9} {'Python':>8}  renditions")
    for label, kind, data in cases:
        found = measure(kind, data)
        peak = f"{found['peak_mb']:.0f} MB" if found["peak_mb"] is not None else "n/a"
        print(
            f"{label:46} {found['seconds']:6.2f}s {found['cpu']:6.2f}s {peak:>9}"
            f" {found['python_mb']:5.1f} MB"
            f"  {found['renditions']} (largest {found['size'][0]}×{found['size'][1]})"
        )


if __name__ == "__main__":
    main()
