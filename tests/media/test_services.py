"""Media services: blur in every rendition, who appears and their consent, words, deletion;
each with the files on the local disk and in an S3-compatible object store."""

import io
import time

import pytest
from PIL import Image, ImageStat

from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.media import services
from storyhub.media.models import STATUS_PROCESSING, STATUS_READY, MediaItem
from storyhub.media.storage import get_storage
from tests import factories
from tests.media import samples
from tests.media.conftest import upload

pytestmark = pytest.mark.usefixtures("each_store")
FACE = {"x": 0.25, "y": 0.25, "w": 0.25, "h": 0.3}


def variance_in(data: bytes, region: dict) -> float:
    """Pixel variance inside a relative rectangle of an encoded picture."""
    image = Image.open(io.BytesIO(data)).convert("L")
    w, h = image.size
    box = (
        int(region["x"] * w) + 2,
        int(region["y"] * h) + 2,
        int((region["x"] + region["w"]) * w) - 2,
        int((region["y"] + region["h"]) * h) - 2,
    )
    return ImageStat.Stat(image.crop(box)).var[0]


def read(key: str) -> bytes:
    with get_storage().open(key) as stream:
        return stream.read()


@pytest.fixture
def detailed_photo(world):
    noise = Image.effect_noise((1000, 750), 60).convert("RGB")  # detail everywhere
    data = samples.jpeg((1000, 750), image=noise)
    return upload(world.lea, world.a, data=data, alt_text="Our square")


@pytest.fixture
def small_photo(world):
    """For the checks of the regions themselves, where the picture's size and detail play no
    part (a 1000 px photo of noise took most of those tests' time)."""
    return upload(world.lea, world.a, data=samples.jpeg((320, 240)), alt_text="Our square")


def test_a_blurred_region_is_blurred_in_every_rendition(detailed_photo):
    before = {r["width"]: variance_in(read(r["key"]), FACE) for r in detailed_photo.renditions}
    outside = {"x": 0.6, "y": 0.6, "w": 0.3, "h": 0.3}
    services.set_blur_regions(detailed_photo, [FACE])
    assert len(detailed_photo.renditions) == 6  # 480, 960, 1000 in WebP and JPEG
    for rendition in detailed_photo.renditions:
        data = read(rendition["key"])
        assert variance_in(data, FACE) < before[rendition["width"]] / 10, rendition["name"]
        assert variance_in(data, outside) > before[rendition["width"]] / 3, rendition["name"]


def test_blurring_renames_the_files_and_removes_the_sharp_ones(detailed_photo):
    old = [r["key"] for r in detailed_photo.renditions]
    services.set_blur_regions(detailed_photo, [FACE])
    new = [r["key"] for r in detailed_photo.renditions]
    assert not set(old) & set(new)
    assert not any(get_storage().exists(key) for key in old)


def test_a_blur_can_be_taken_back_by_the_educator(detailed_photo):
    sharp = variance_in(read(detailed_photo.renditions[0]["key"]), FACE)
    services.set_blur_regions(detailed_photo, [FACE])
    services.set_blur_regions(detailed_photo, [])
    assert detailed_photo.blur_regions == []
    assert variance_in(read(detailed_photo.renditions[0]["key"]), FACE) > sharp / 2


def test_a_panorama_is_blurred_in_every_size(world):
    noise = Image.effect_noise((1536, 768), 60).convert("RGB")
    media = upload(world.lea, world.a, kind="panorama", data=samples.jpeg((1536, 768), image=noise))
    before = {r["role"]: variance_in(read(r["key"]), FACE) for r in media.renditions}
    services.set_blur_regions(media, [FACE])
    assert {r["role"] for r in media.renditions} == {"phone", "image", "fallback"}
    for rendition in media.renditions:
        assert variance_in(read(rendition["key"]), FACE) < before[rendition["role"]] / 10


@pytest.mark.parametrize(
    "regions",
    ["not a list", [{"x": "a", "y": 0, "w": 1, "h": 1}], [{"x": 0.1}], [FACE] * 41],
)
def test_invalid_blur_regions_are_refused(small_photo, english, regions):
    with pytest.raises(DomainError, match="areas to blur are not valid"):
        services.set_blur_regions(small_photo, regions)


def test_regions_outside_the_picture_are_clipped_to_it(small_photo):
    services.set_blur_regions(small_photo, [{"x": 0.9, "y": -1, "w": 5, "h": 0.2}])
    assert small_photo.blur_regions == [{"x": 0.9, "y": 0.0, "w": 0.1, "h": 0.2}]


def test_only_pictures_can_be_blurred(world, english, tmp_path):
    sound = samples.audio(tmp_path / "a.m4a", "mp4", "aac").read_bytes()
    media = upload(world.lea, world.a, kind="audio", data=sound)
    with pytest.raises(DomainError, match="Only photos and panoramas"):
        services.set_blur_regions(media, [FACE])


def test_tagged_people_without_image_consent_are_listed(world):
    media = upload(world.lea, world.a)
    services.tag_people(media, [world.lea, world.yanis])
    assert services.missing_image_consent(media) == [world.yanis]


def test_consent_recorded_later_clears_the_list(world):
    media = upload(world.lea, world.a)
    services.tag_people(media, [world.yanis])
    consent = next(c for c in world.yanis.consents if c.kind == "image")
    consent.granted = True
    db.session.commit()
    assert services.missing_image_consent(media) == []


def test_a_person_with_no_consent_record_at_all_is_listed(world):
    nobody_asked = factories.make_young(world.a, image=None)
    media = upload(world.lea, world.a)
    services.tag_people(media, [nobody_asked])
    assert services.missing_image_consent(media) == [nobody_asked]


def test_only_young_people_of_the_group_can_be_tagged(world, english):
    media = upload(world.lea, world.a)
    for outsider in (world.amina, world.edu_a):
        with pytest.raises(DomainError, match="Only young people of this group"):
            services.tag_people(media, [outsider])


def test_missing_consent_in_a_story_covers_all_its_media(world):
    story = factories.make_story(world.round, world.a, authors=[world.lea])
    first = upload(world.lea, world.a, story=story)
    second = upload(world.lea, world.a, story=story)
    services.tag_people(first, [world.lea])
    services.tag_people(second, [world.yanis, world.lea])
    assert services.missing_image_consent_in_story(story) == [world.yanis]


def test_accessibility_gaps_name_what_is_missing(world, english, tmp_path):
    photo = upload(world.lea, world.a)
    assert services.accessibility_gaps(photo) == [
        "Describe this picture in a few words (text alternative)."
    ]
    services.describe_media(photo, alt_text="Our square at dusk")
    assert services.accessibility_gaps(photo) == []
    sound = upload(
        world.lea,
        world.a,
        kind="audio",
        data=samples.audio(tmp_path / "a.ogg", "ogg", "libopus").read_bytes(),
    )
    assert services.accessibility_gaps(sound) == ["Add a transcript of this sound."]


def test_captions_must_be_webvtt(world, english, tmp_path):
    clip = samples.video(tmp_path / "c.mp4").read_bytes()
    media = upload(world.lea, world.a, kind="video", data=clip)
    with pytest.raises(DomainError, match="WEBVTT"):
        services.set_captions(media, "1\n00:00:00,000 --> 00:00:01,000\nHello\n")
    services.set_captions(media, b"\xef\xbb\xbfWEBVTT\r\n\r\n00:00.000 --> 00:01.000\r\nHello\r\n")
    assert media.captions_vtt == "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n"
    assert services.accessibility_gaps(media) == []


def test_attaching_to_a_story_of_another_group_is_refused(world, english):
    media = upload(world.lea, world.a)
    other = factories.make_story(world.round, world.b, authors=[world.amina])
    with pytest.raises(DomainError, match="another group"):
        services.attach_media(media, other)


def test_deleting_a_media_item_removes_its_files(world):
    media = upload(world.lea, world.a)
    keys = [r["key"] for r in media.renditions] + [media.master_key]
    assert all(get_storage().exists(k) for k in keys)
    services.delete_media(media)
    assert not any(get_storage().exists(k) for k in keys)
    assert db.session.scalar(db.select(db.func.count(MediaItem.id))) == 0


def test_processing_can_run_in_a_background_thread(world, config):
    config(MEDIA_PROCESSING="thread")
    media = upload(world.lea, world.a)
    assert media.status == STATUS_PROCESSING
    media_id = media.id
    for _ in range(100):
        db.session.expire_all()
        if db.session.get(MediaItem, media_id).status != STATUS_PROCESSING:
            break
        time.sleep(0.05)
    media = db.session.get(MediaItem, media_id)
    assert media.status == STATUS_READY
    assert media.renditions


def test_a_refusal_in_the_background_is_kept_with_its_reason(world, english, config):
    config(MEDIA_PROCESSING="thread")
    media = upload(world.lea, world.a, data=samples.truncated(samples.jpeg()))
    media_id = media.id
    for _ in range(100):
        db.session.expire_all()
        if db.session.get(MediaItem, media_id).status != STATUS_PROCESSING:
            break
        time.sleep(0.05)
    media = db.session.get(MediaItem, media_id)
    assert media.status == "failed"
    assert "damaged or incomplete" in services.failure_message(media)
    assert media.source_key is None


def test_a_failing_store_leaves_no_half_written_files(world, english, monkeypatch, stored_keys):
    store = type(get_storage())
    original_save = store.save
    calls = []

    def flaky_save(self, key, data):
        calls.append(key)
        if len(calls) == 4:  # the upload, then two renditions, then the disk is full
            raise OSError("No space left on device")
        return original_save(self, key, data)

    monkeypatch.setattr(store, "save", flaky_save)
    with pytest.raises(services.UploadRefused, match="It is not your fault"):
        upload(world.lea, world.a)
    assert len(calls) == 4
    assert stored_keys() == []
