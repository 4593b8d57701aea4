"""Sounds for the demo, synthesised at seed time: sea swell with an engine's hum, a market's
murmur with a tram bell. Written as WAV with the `wave` module, then encoded to AAC in M4A with
PyAV, because the upload pipeline (rightly) refuses uncompressed WAV from people."""

import io
import wave

import av
import numpy as np

RATE = 22050


def _band(noise: np.ndarray, low: float, high: float) -> np.ndarray:
    """Keep the frequencies between low and high (Hz) of a noise, by FFT."""
    spectrum = np.fft.rfft(noise)
    freqs = np.fft.rfftfreq(len(noise), 1 / RATE)
    spectrum[(freqs < low) | (freqs > high)] = 0
    filtered = np.fft.irfft(spectrum, len(noise))
    return filtered / (np.abs(filtered).max() or 1)


def _fade(signal: np.ndarray, seconds: float = 1.0) -> np.ndarray:
    n = int(RATE * seconds)
    ramp = np.linspace(0, 1, n)
    signal[:n] *= ramp
    signal[-n:] *= ramp[::-1]
    return signal


def sea_and_engine(seconds: float = 14.0, seed: int = 7) -> np.ndarray:
    """Waves breaking every few seconds over the low hum of a boat's engine."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(RATE * seconds)) / RATE
    surf = _band(rng.normal(size=t.size), 80, 1800)
    swell = 0.35 + 0.65 * np.clip(np.sin(2 * np.pi * t / 4.6) ** 2, 0, 1) ** 1.5
    hum = sum(
        np.sin(2 * np.pi * f * t + p) / k
        for k, (f, p) in enumerate(((58, 0), (116, 1), (174, 2)), 1)
    )
    hum *= 0.8 + 0.2 * np.sin(2 * np.pi * 0.7 * t)
    return _fade(0.55 * surf * swell + 0.12 * hum)


def market_murmur(seconds: float = 14.0, seed: int = 8) -> np.ndarray:
    """A crowd's murmur rising and falling, and a tram's two-note bell twice."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(RATE * seconds)) / RATE
    murmur = np.zeros_like(t)
    for _ in range(18):  # voices: short bursts of speech-band noise
        start, length = rng.uniform(0, seconds - 1), rng.uniform(0.4, 1.6)
        window = (t > start) & (t < start + length)
        envelope = np.sin(np.pi * (t[window] - start) / length)
        murmur[window] += envelope * rng.uniform(0.4, 1)
    crowd = _band(rng.normal(size=t.size), 250, 1400) * (0.3 + 0.4 * murmur / (murmur.max() or 1))
    bell = np.zeros_like(t)
    for at in (3.0, 3.35, 9.5, 9.85):
        after = np.clip(t - at, 0, None)
        ring = (t >= at) * np.exp(-after * 2.2)
        pitch = 880 if at % 1 < 0.2 else 660
        bell += ring * (
            np.sin(2 * np.pi * pitch * after) + 0.4 * np.sin(2 * np.pi * pitch * 2.76 * after)
        )
    return _fade(0.6 * crowd + 0.18 * bell)


def wav_bytes(signal: np.ndarray) -> bytes:
    """16-bit mono WAV of a signal in -1..1."""
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes((np.clip(signal, -1, 1) * 32000).astype("<i2").tobytes())
    return out.getvalue()


def m4a_from_wav(data: bytes) -> bytes:
    """The WAV re-encoded as AAC in an M4A file, as a phone's recorder would send it."""
    out = io.BytesIO()
    with av.open(io.BytesIO(data), format="wav") as source, av.open(out, "w", format="mp4") as sink:
        stream = sink.add_stream("aac", rate=RATE)
        stream.layout = "mono"
        for frame in source.decode(audio=0):
            frame.pts = None
            for packet in stream.encode(frame):
                sink.mux(packet)
        for packet in stream.encode(None):
            sink.mux(packet)
    return out.getvalue()


def demo_sound(kind: str) -> bytes:
    """'sea' or 'market', ready to upload."""
    signal = sea_and_engine() if kind == "sea" else market_murmur()
    return m4a_from_wav(wav_bytes(signal))


def _frames(picture, seconds: float, fps: int, size: tuple[int, int]):
    """A slow pan and zoom across a picture (the camera drifting towards the right)."""
    count = int(seconds * fps)
    width, height = picture.size
    for index in range(count):
        t = index / max(count - 1, 1)
        scale = 0.82 - 0.18 * t
        w, h = int(width * scale), int(height * scale)
        left = int((width - w) * (0.2 + 0.6 * t))
        top = int((height - h) * 0.55)
        yield picture.resize(size, box=(left, top, left + w, top + h), reducing_gap=None)


def demo_video(picture_bytes: bytes, seconds: float = 6.0) -> bytes:
    """An H.264 MP4 of a slow pan across a picture, with the sea's sound, as a phone would film."""
    from PIL import Image

    picture = Image.open(io.BytesIO(picture_bytes)).convert("RGB")
    picture.thumbnail((1000, 1000))
    fps, size = 20, (640, 360)
    sound = sea_and_engine(seconds)
    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as sink:
        video = sink.add_stream("libx264", rate=fps, options={"preset": "ultrafast", "crf": "26"})
        video.width, video.height = size
        video.pix_fmt = "yuv420p"
        audio = sink.add_stream("aac", rate=RATE, layout="mono")
        for image in _frames(picture, seconds, fps, size):
            for packet in video.encode(av.VideoFrame.from_image(image)):
                sink.mux(packet)
        for packet in video.encode(None):
            sink.mux(packet)
        samples = (np.clip(sound, -1, 1) * 32000).astype("<i2")
        for start in range(0, samples.size, 1024):
            chunk = samples[start : start + 1024].reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(chunk, format="s16", layout="mono")
            frame.sample_rate = RATE
            for packet in audio.encode(frame):
                sink.mux(packet)
        for packet in audio.encode(None):
            sink.mux(packet)
    return out.getvalue()
