"""Sound and video: probed with PyAV (FFmpeg), remuxed or re-encoded with every tag dropped.

The demuxer is forced from the sniffed container (FFmpeg never guesses, so a playlist or an
unusual format cannot make it read other files). Only one video and one audio stream are kept:
data tracks (GPS telemetry, camera metadata), subtitles and cover art are left behind, and no
container or stream tag is copied. Sound is normalised to AAC in M4A, which every browser plays.
"""

from dataclasses import dataclass, field
from pathlib import Path

import av
from PIL import Image

from storyhub.media.processing import waveform
from storyhub.media.processing.errors import MediaRefused, too_long
from storyhub.media.processing.images import JPEG_OPTIONS, Rendition, _encode, _strip

DEMUXERS = {"mp3": "mp3", "ogg": "ogg", "mp4": "mov", "matroska": "matroska", "wav": "wav"}
INPUT_OPTIONS = {"protocol_whitelist": "file"}
OUTPUT_OPTIONS = {"movflags": "+faststart"}  # MP4: index first, playback starts at once
CONTAINER_OPTIONS = {"fflags": "+bitexact"}  # no "encoder" tag either
AUDIO_CODECS = {"mp3", "mp3float", "aac", "opus", "libopus", "vorbis", "libvorbis"}
AUDIO_CODECS |= {"pcm_s16le", "pcm_s24le", "pcm_s32le", "pcm_u8", "pcm_f32le"}  # WAV (PCM)
VIDEO_CODECS = {"h264", "vp8", "vp9", "av1", "libdav1d", "libvpx", "libvpx-vp9", "libaom-av1"}
WEBM_VIDEO = {"vp8", "vp9", "av1", "libdav1d", "libvpx", "libvpx-vp9", "libaom-av1"}
H264_PIXEL_FORMATS = {"yuv420p", "yuvj420p"}
AAC_RATES = (48000, 44100, 32000, 24000, 22050, 16000)
CODEC_NAMES = {"hevc": "HEVC (H.265)", "pcm_s16le": "WAV (PCM)", "flac": "FLAC", "alac": "ALAC"}
POSTER_WIDTH = 1280
TRUNCATION_TOLERANCE = 0.9


@dataclass
class TimedResult:
    """A cleaned sound or video: duration, picture size (video) and its files."""

    duration: float
    width: int | None = None
    height: int | None = None
    renditions: list[Rendition] = field(default_factory=list)
    waveform: list[int] | None = None  # sounds: bar heights 0–100 (processing/waveform.py)


def _open(path: Path, container: str) -> av.container.InputContainer:
    if container not in DEMUXERS:
        raise MediaRefused("damaged")
    try:
        return av.open(str(path), format=DEMUXERS[container], options=INPUT_OPTIONS)
    except (av.FFmpegError, ValueError, UnicodeDecodeError) as error:
        raise MediaRefused("damaged") from error


def _codec(stream) -> str:
    return stream.codec_context.name


def _pretty(codec: str) -> str:
    return CODEC_NAMES.get(codec, codec.upper())


def _declared_duration(container, stream) -> float | None:
    """What the file says its duration is (None when it does not say, as MediaRecorder files)."""
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    if container.duration:
        return container.duration / 1_000_000
    return None


def _check_length(seconds: float | None, limit: int) -> None:
    if seconds is not None and seconds > limit:
        raise too_long(seconds, limit)


def _check_complete(declared: float | None, found: float) -> None:
    """A file that ends well before its declared duration was cut short."""
    if found <= 0 or (declared and found < declared * TRUNCATION_TOLERANCE - 0.5):
        raise MediaRefused("damaged")


def _audio_encoder(output, source, codec: str = "aac"):
    rate = source.codec_context.sample_rate or 48000
    rate = rate if codec == "aac" and rate in AAC_RATES else 48000  # Opus is always 48 kHz
    channels = source.codec_context.channels or 2
    layout = "mono" if channels == 1 else "stereo"
    stream = output.add_stream(codec, rate=rate, layout=layout)
    stream.bit_rate = 96_000 if layout == "mono" else 128_000
    return stream


def _output(path: Path, fmt: str):
    options = OUTPUT_OPTIONS if fmt == "mp4" else {}
    return av.open(str(path), "w", format=fmt, options=options, container_options=CONTAINER_OPTIONS)


def process_audio(path: Path, container: str, limit_seconds: int, workdir: Path, token: str):
    """A sound: every frame decoded (damage shows), re-encoded as AAC in a clean M4A."""
    source = _open(path, container)
    try:
        stream = next(iter(source.streams.audio), None)
        if stream is None:
            raise MediaRefused("no_audio")
        if _codec(stream) not in AUDIO_CODECS:
            raise MediaRefused("audio_codec", codec=_pretty(_codec(stream)))
        declared = _declared_duration(source, stream)
        _check_length(declared, limit_seconds)
        target = workdir / f"audio-{token}.m4a"
        found, levels = _write_audio_only(source, stream, target, limit_seconds)
    except (av.FFmpegError, ValueError, RuntimeError) as error:
        raise MediaRefused("damaged") from error
    finally:
        source.close()
    _check_complete(declared, found)
    return TimedResult(
        duration=round(found, 2),
        renditions=[Rendition(target.name, "audio", "m4a", None, None, path=str(target))],
        waveform=waveform.bars(levels, found),
    )


def _write_audio_only(source, stream, target: Path, limit_seconds: int):
    """Decode every frame (a damaged file fails here) and encode AAC; return the seconds found
    and each frame's (start second, loudness), for the waveform."""
    output = _output(target, "mp4")
    levels = []
    try:
        encoder = _audio_encoder(output, stream)
        seconds = 0.0
        for frame in source.decode(stream):
            levels.append((seconds, waveform.frame_level(frame)))
            seconds += frame.samples / (frame.sample_rate or 48000)
            _check_length(seconds, limit_seconds)
            frame.pts = None
            output.mux(encoder.encode(frame))
        output.mux(encoder.encode(None))
    finally:
        output.close()
    return seconds, levels


def process_video(path: Path, container: str, limit_seconds: int, workdir: Path, token: str):
    """A video: H.264 into MP4 or VP8/VP9/AV1 into WebM, remuxed; a clean poster frame."""
    source = _open(path, container)
    try:
        video = _video_stream(source)
        audio = next(iter(source.streams.audio), None)
        declared = _declared_duration(source, video)
        _check_length(declared, limit_seconds)
        webm = _codec(video) in WEBM_VIDEO
        target = workdir / f"video-{token}.{'webm' if webm else 'mp4'}"
        found = _remux_video(source, video, audio, target, webm, limit_seconds)
    except (av.FFmpegError, ValueError, RuntimeError) as error:
        raise MediaRefused("damaged") from error
    finally:
        source.close()
    _check_complete(declared, found)
    poster, (width, height) = _poster(path, container, found, token)
    fmt = "webm" if webm else "mp4"
    video_rendition = Rendition(target.name, "video", fmt, width, height, path=str(target))
    return TimedResult(round(found, 2), width, height, [video_rendition, poster])


def _video_stream(source):
    candidates = [
        s for s in source.streams.video if not s.disposition & av.stream.Disposition.attached_pic
    ]
    if not candidates:
        raise MediaRefused("no_video")
    stream = candidates[0]
    codec = _codec(stream)
    if codec not in VIDEO_CODECS:
        raise MediaRefused("video_codec", codec=_pretty(codec))
    pixel_format = stream.codec_context.pix_fmt
    if codec == "h264" and pixel_format and pixel_format not in H264_PIXEL_FORMATS:
        raise MediaRefused("video_codec", codec=f"H.264 ({pixel_format})")
    return stream


def _remux_video(source, video, audio, target: Path, webm: bool, limit_seconds: int) -> float:
    """Copy the video packets untouched; copy or re-encode the sound; return the seconds found."""
    output = _output(target, "webm" if webm else "mp4")
    try:
        out_video = output.add_stream_from_template(video)
        copy_audio = audio is not None and (
            _codec(audio) in ({"opus", "libopus", "vorbis", "libvorbis"} if webm else {"aac"})
        )
        if audio is not None and copy_audio:
            out_audio = output.add_stream_from_template(audio)
        elif audio is not None:
            out_audio = _audio_encoder(output, audio, "libopus" if webm else "aac")
        seconds = 0.0
        streams = [s for s in (video, audio) if s is not None]
        for packet in source.demux(streams):
            if packet.dts is None:
                continue
            if packet.stream is video:
                seconds = max(seconds, _packet_end(packet))
                _check_length(seconds, limit_seconds)
                packet.stream = out_video
                output.mux(packet)
            elif copy_audio:
                packet.stream = out_audio
                output.mux(packet)
            else:
                for frame in packet.decode():
                    frame.pts = None
                    output.mux(out_audio.encode(frame))
        if audio is not None and not copy_audio:
            output.mux(out_audio.encode(None))
    finally:
        output.close()
    return seconds


def _packet_end(packet) -> float:
    start = packet.pts if packet.pts is not None else packet.dts
    return float((start + (packet.duration or 0)) * packet.time_base)


def _poster(path: Path, container: str, duration: float, token: str):
    """A frame about a tenth of the way in (at most one second), upright, without metadata."""
    source = _open(path, container)
    try:
        stream = _video_stream(source)
        wanted = min(1.0, duration / 10)
        picture = None
        for index, frame in enumerate(source.decode(stream)):
            picture = frame
            if (frame.time or 0) >= wanted or index >= 60:
                break
        if picture is None:
            raise MediaRefused("damaged")
        image = _upright(picture.to_image(), picture.rotation)
    except (av.FFmpegError, ValueError, RuntimeError) as error:
        raise MediaRefused("damaged") from error
    finally:
        source.close()
    shown = image.size
    if image.width > POSTER_WIDTH:
        height = round(image.height * POSTER_WIDTH / image.width)
        image = image.resize((POSTER_WIDTH, height), Image.Resampling.LANCZOS)
    data = _encode(_strip(image.convert("RGB")), JPEG_OPTIONS)
    return Rendition(f"poster-{token}.jpg", "poster", "jpg", image.width, image.height, data), shown


def _upright(image: Image.Image, rotation: int | float | None) -> Image.Image:
    """Turn a decoded frame the way the video's display matrix says (counter-clockwise)."""
    angle = round(rotation or 0) % 360
    return image.rotate(angle, expand=True) if angle else image
