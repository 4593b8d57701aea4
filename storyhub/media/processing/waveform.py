"""A sound's waveform, computed while it is decoded: a few dozen bar heights (0–100), stored
with the item and drawn under the player as a decorative picture (the player keeps its own
controls, its length and the transcript: the waveform only shows where the voice is)."""

import numpy

BARS = 64
FLOOR = 4  # a silent stretch still shows a thin line


def frame_level(frame) -> float:
    """The loudness of one decoded frame: root mean square of its samples, 0 to 1."""
    samples = frame.to_ndarray()
    if samples.size == 0:
        return 0.0
    if samples.dtype == numpy.uint8:  # 8-bit PCM is centred on 128
        values = (samples.astype(numpy.float32) - 128) / 128
    elif numpy.issubdtype(samples.dtype, numpy.integer):
        values = samples.astype(numpy.float32) / numpy.iinfo(samples.dtype).max
    else:
        values = samples.astype(numpy.float32)
    return float(min(1.0, numpy.sqrt(numpy.mean(numpy.square(values)))))


def bars(levels: list[tuple[float, float]], seconds: float, count: int = BARS) -> list[int]:
    """`count` bar heights from (start second, level) pairs in time order: each bar the mean
    level of the frames starting in its stretch of time (a bar shorter than a frame takes the
    frame playing then), scaled so the loudest bar is 100."""
    if not levels or seconds <= 0:
        return []
    sums, counts = [0.0] * count, [0] * count
    for start, level in levels:
        index = min(count - 1, int(start / seconds * count))
        sums[index] += level
        counts[index] += 1
    means, playing = [], levels[0][1]
    for total, number in zip(sums, counts, strict=True):
        if number:
            playing = total / number
        means.append(playing)
    loudest = max(means)
    if loudest <= 0:
        return [FLOOR] * count
    return [max(FLOOR, round(100 * m / loudest)) for m in means]
