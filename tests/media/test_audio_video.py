"""Sounds and videos: probed by content, tags dropped, web-safe formats, a clean poster."""

import io

import av
import pytest
from PIL import Image

from storyhub.media.services import UploadRefused
from storyhub.media.storage import get_storage
from tests.media import samples
from tests.media.conftest import upload

# Technical fields the muxers always write; nothing else may be left in a file.
TECHNICAL = {
    "major_brand": None,
    "minor_version": None,
    "compatible_brands": None,
    "language": {"und"},
    "handler_name": {"SoundHandler", "VideoHandler"},
    "encoder": {"Lavf"},  # Matroska's mandatory writing-application field, without a version
    "DURATION": None,
}


def assert_clean(data: bytes) -> None:
    container_tags, stream_tags = samples.tags_of(data)
    for tags in [container_tags, *stream_tags]:
        for key, value in tags.items():
            assert key in TECHNICAL, (key, value)
            allowed = TECHNICAL[key]
            assert allowed is None or value in allowed, (key, value)
    for secret in (b"Secret", b"Jane", b"rue des", b"+44.8378"):
        assert secret not in data, secret


def file_of(media, role: str) -> bytes:
    rendition = media.renditions_with(role)[0]
    with get_storage().open(rendition["key"]) as stream:
        return stream.read()


@pytest.fixture
def made(tmp_path):
    """made(name, maker, *args) -> the bytes of a generated file."""

    def make(name, maker, *args, **kwargs):
        return maker(tmp_path / name, *args, **kwargs).read_bytes()

    return make


@pytest.mark.parametrize(
    "name, fmt, codec",
    [
        ("voice.mp3", "mp3", "libmp3lame"),
        ("voice.ogg", "ogg", "libopus"),
        ("voice.m4a", "mp4", "aac"),
        ("voice.webm", "webm", "libopus"),
        ("voice.wav", "wav", "pcm_s16le"),  # PCM WAV, re-encoded like the others
    ],
)
def test_a_sound_loses_its_tags_and_becomes_aac_in_m4a(world, made, name, fmt, codec):
    original = made(name, samples.audio, fmt, codec)
    container_tags, stream_tags = samples.tags_of(original)
    assert "Jane Doe" in {**container_tags, **stream_tags[0]}.values()
    media = upload(world.lea, world.a, kind="audio", data=original)
    assert media.is_ready
    assert media.duration == pytest.approx(1.0, abs=0.1)
    data = file_of(media, "audio")
    assert_clean(data)
    with av.open(io.BytesIO(data)) as result:
        assert [s.codec_context.name for s in result.streams] == ["aac"]
        assert result.format.name.startswith("mov")


def test_the_sound_file_starts_with_its_index_for_quick_playback(world, made):
    media = upload(
        world.lea, world.a, kind="audio", data=made("v.mp3", samples.audio, "mp3", "libmp3lame")
    )
    data = file_of(media, "audio")
    assert data.index(b"moov") < data.index(b"mdat")


@pytest.mark.parametrize(
    "name, fmt, codec, audio_codec, container",
    [
        ("clip.mp4", "mp4", "libx264", "aac", "mp4"),
        ("clip.webm", "webm", "libvpx-vp9", "libopus", "webm"),
        ("clip.mkv", "matroska", "libx264", "libopus", "mp4"),
        ("silent.mp4", "mp4", "libx264", None, "mp4"),
    ],
)
def test_a_video_loses_its_tags_and_gets_a_clean_poster(
    world, made, name, fmt, codec, audio_codec, container
):
    original = made(name, samples.video, fmt, codec, audio_codec)
    media = upload(world.lea, world.a, kind="video", data=original)
    assert media.is_ready
    assert (media.width, media.height) == (320, 240)
    assert media.duration == pytest.approx(1.0, abs=0.1)
    video = media.renditions_with("video")[0]
    assert video["format"] == container
    data = file_of(media, "video")
    assert_clean(data)
    with av.open(io.BytesIO(data)) as result:
        codecs = sorted(s.codec_context.name for s in result.streams)
    expected_audio = [] if audio_codec is None else ["aac" if container == "mp4" else "opus"]
    assert codecs == sorted([{"libx264": "h264", "libvpx-vp9": "vp9"}[codec], *expected_audio])
    poster = Image.open(io.BytesIO(file_of(media, "poster")))
    assert poster.size == (320, 240)
    assert dict(poster.getexif()) == {} and "comment" not in poster.info
    assert media.poster_key == media.renditions_with("poster")[0]["key"]


def test_a_video_filmed_upright_keeps_its_rotation_and_an_upright_poster(world, made):
    original = made("upright.mp4", samples.video, "mp4", "libx264", "aac", rotation=-90)
    media = upload(world.lea, world.a, kind="video", data=original)
    assert (media.width, media.height) == (240, 320)
    with av.open(io.BytesIO(file_of(media, "video"))) as result:
        assert next(result.decode(video=0)).rotation == -90
    assert Image.open(io.BytesIO(file_of(media, "poster"))).size == (240, 320)


@pytest.mark.parametrize(
    "name, fmt, codec, shown",
    [("voice.flac.ogg", "ogg", "flac", "FLAC")],
)
def test_an_unsupported_sound_codec_is_refused_by_name(
    world, english, made, name, fmt, codec, shown
):
    with pytest.raises(UploadRefused) as refused:
        upload(world.lea, world.a, kind="audio", data=made(name, samples.audio, fmt, codec))
    assert f"encoded as {shown}" in refused.value.message
    assert "MP3, OGG (Opus, Vorbis), M4A (AAC), WebM (Opus)" in refused.value.message


def test_a_video_codec_browsers_cannot_all_play_is_refused(world, english, made):
    original = made("clip.mkv", samples.video, "matroska", "mpeg4", None)
    with pytest.raises(UploadRefused) as refused:
        upload(world.lea, world.a, kind="video", data=original)
    assert "encoded as MPEG4" in refused.value.message
    assert "MP4 (H.264)" in refused.value.message


def test_a_sound_over_the_duration_limit_is_refused(world, english, made, config):
    config(MEDIA_MAX_AUDIO_SECONDS=60)
    original = made("long.m4a", samples.audio, "mp4", "aac", seconds=61.5, rate=8000)
    with pytest.raises(UploadRefused) as refused:
        upload(world.lea, world.a, kind="audio", data=original)
    assert (
        "lasts 1 min 1 s" in refused.value.message and "limit is 1 minutes" in refused.value.message
    )


def test_a_truncated_sound_or_video_is_refused(world, english, made):
    sound = made("voice.webm", samples.audio, "webm", "libopus", seconds=3)
    clip = made("clip.mp4", samples.video, "mp4", "libx264", "aac", seconds=2)
    for kind, data in (("audio", sound), ("video", clip)):
        with pytest.raises(UploadRefused) as refused:
            upload(world.lea, world.a, kind=kind, data=samples.truncated(data, 0.6))
        assert refused.value.code == "damaged", kind


def test_a_sound_sent_as_a_video_is_refused(world, english, made):
    with pytest.raises(UploadRefused) as refused:
        upload(world.lea, world.a, kind="video", data=made("v.m4a", samples.audio, "mp4", "aac"))
    assert "no video picture" in refused.value.message


def test_a_web_page_sent_as_a_sound_is_refused(world, english):
    with pytest.raises(UploadRefused) as refused:
        upload(world.lea, world.a, kind="audio", data=samples.HTML)
    assert "not a sound we can read" in refused.value.message
