"""A sound's waveform: computed from the audio while it is processed (no file read twice), kept
small with the item (64 bar heights, 0–100), drawn under the player as a decorative SVG; the
player keeps its controls, its length and its transcript."""

import io
import math
import struct
import wave

import pytest

from storyhub.media.processing import waveform
from tests.conftest import login_as
from tests.media.conftest import upload

RATE = 16000


def quiet_then_loud(seconds_quiet=1.0, seconds_loud=1.0) -> bytes:
    """A WAV (PCM 16-bit, mono): silence, then a 440 Hz tone."""
    quiet = [0] * int(seconds_quiet * RATE)
    loud = [
        int(12000 * math.sin(2 * math.pi * 440 * i / RATE)) for i in range(int(seconds_loud * RATE))
    ]
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(RATE)
        file.writeframes(b"".join(struct.pack("<h", v) for v in quiet + loud))
    return out.getvalue()


def test_bars_are_scaled_to_the_loudest_and_never_vanish():
    levels = [(t / 10, 0.0 if t < 10 else 0.5) for t in range(20)]
    heights = waveform.bars(levels, 2.0, count=4)
    assert heights == [waveform.FLOOR, waveform.FLOOR, 100, 100]
    assert waveform.bars([], 2.0) == [] and waveform.bars([(0, 0.0)], 1.0, 2) == [4, 4]


def test_a_sound_gets_its_waveform_when_processed(world):
    media = upload(world.lea, world.a, kind="audio", data=quiet_then_loud())
    assert media.is_ready and media.duration == pytest.approx(2.0, abs=0.1)
    bars = media.waveform
    assert len(bars) == waveform.BARS and all(0 <= b <= 100 for b in bars)
    first, second = bars[: waveform.BARS // 2], bars[waveform.BARS // 2 :]
    assert max(first[:-2]) <= waveform.FLOOR  # the silence
    assert min(second[2:]) >= 90  # the steady tone, scaled to the loudest


def test_pictures_have_no_waveform(world):
    from tests.media import samples

    assert upload(world.lea, world.a, kind="image", data=samples.jpeg()).waveform is None


def test_the_player_shows_it_as_a_decoration_beside_its_text(client, world):
    media = upload(world.lea, world.a, kind="audio", data=quiet_then_loud())
    media.transcript = "Le marché, le dimanche."
    from storyhub.extensions import db

    db.session.commit()
    login_as(client, world.lea)
    html = client.get(f"/media/{media.id}").get_data(as_text=True)
    svg = html[html.index('<svg class="media__waveform"') :]
    svg = svg[: svg.index("</svg>")]
    assert 'aria-hidden="true"' in svg and 'focusable="false"' in svg
    assert svg.count("<rect ") == waveform.BARS
    assert "<audio" in html and "controls" in html  # the player keeps its own controls
    assert "Le marché, le dimanche." in html  # and its transcript
