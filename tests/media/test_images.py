"""Photos and panoramas: nothing personal survives, the picture looks the same."""

import io

import pytest
from PIL import Image

from storyhub.media.storage import get_storage
from tests.media import samples
from tests.media.conftest import upload

PRIVATE_BYTES = (b"Jane", b"Canon", b"rue des", b"xmpmeta", b"ICC_PROFILE")


def stored(media) -> list[tuple[dict, bytes]]:
    """Every rendition of a media item, as the storage holds it."""
    storage = get_storage()
    out = []
    for rendition in media.renditions:
        with storage.open(rendition["key"]) as stream:
            out.append((rendition, stream.read()))
    return out


def assert_no_metadata(data: bytes) -> Image.Image:
    """Read a rendition back: no EXIF, GPS, XMP, ICC, comment or text, by Pillow and by bytes."""
    image = Image.open(io.BytesIO(data))
    assert dict(image.getexif()) == {}
    assert not image.getexif().get_ifd(0x8825)  # GPS
    for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "Author", "Location"):
        assert key not in image.info, key
    assert not getattr(image, "text", {}), image.text
    for private in PRIVATE_BYTES:
        assert private not in data, private
    return image


@pytest.mark.parametrize(
    "make, kind",
    [
        (samples.jpeg, "jpeg"),
        (samples.png_with_text, "png"),
        (samples.webp, "webp"),
        (samples.heic, "heic"),
    ],
)
def test_every_rendition_of_a_photo_is_free_of_metadata(world, make, kind):
    original = make()
    assert b"Jane" in original or kind == "heic"  # the sample does carry personal data
    media = upload(world.lea, world.a, data=original)
    assert media.is_ready
    files = stored(media)
    assert {r["format"] for r, _ in files} == {"webp", "jpg"}
    for _rendition, data in files:
        assert_no_metadata(data)


def test_the_sample_photo_really_carries_gps_and_an_owner():
    image = Image.open(io.BytesIO(samples.jpeg()))
    exif = image.getexif()
    assert exif.get_ifd(0x8825)  # GPS
    assert exif.get_ifd(0x8769)[0xA430] == samples.OWNER
    assert image.info.get("icc_profile") and image.info.get("comment")


def test_a_photo_keeps_its_size_in_responsive_widths(world):
    media = upload(world.lea, world.a, data=samples.jpeg((1200, 800)))
    assert (media.width, media.height) == (1200, 800)
    widths = sorted({r["width"] for r in media.renditions})
    assert widths == [480, 960, 1200]
    for rendition, data in stored(media):
        image = Image.open(io.BytesIO(data))
        assert image.size == (rendition["width"], rendition["height"])
        assert abs(image.width / image.height - 1.5) < 0.01
        assert rendition["bytes"] == len(data)


def test_a_large_photo_is_capped_at_2400_pixels_wide(world):
    media = upload(world.lea, world.a, data=samples.jpeg((3000, 2000)))
    assert sorted({r["width"] for r in media.renditions}) == [480, 960, 1600, 2400]
    assert (media.width, media.height) == (2400, 1600)


def _is_blue(pixel) -> bool:
    return pixel[2] > 200 and pixel[0] < 60


@pytest.mark.parametrize("orientation", [6, 8, 3])
def test_a_phone_photo_taken_sideways_is_stored_upright(world, orientation):
    media = upload(world.lea, world.a, data=samples.jpeg((1200, 800), orientation=orientation))
    rendition, data = stored(media)[0]
    image = assert_no_metadata(data).convert("RGB")
    if orientation == 3:
        assert image.size == (1200, 800)
    else:
        assert image.size == (800, 1200)
    w, h = image.size
    corners = {
        "top-left": image.getpixel((5, 5)),
        "top-right": image.getpixel((w - 5, 5)),
        "bottom-left": image.getpixel((5, h - 5)),
        "bottom-right": image.getpixel((w - 5, h - 5)),
    }
    # The blue mark is stored top-left; shown turned 90° clockwise (6), counter-clockwise (8), 180° (3)
    expected = {6: "top-right", 8: "bottom-left", 3: "bottom-right"}[orientation]
    assert [name for name, pixel in corners.items() if _is_blue(pixel)] == [expected]


def test_transparent_png_keeps_transparency_in_webp_and_is_flattened_in_jpeg(world):
    media = upload(world.lea, world.a, data=samples.png_with_text(mode="RGBA"))
    formats = {r["format"]: Image.open(io.BytesIO(data)).mode for r, data in stored(media)}
    assert formats["jpg"] == "RGB"
    assert formats["webp"] in ("RGB", "RGBA")


def test_the_original_upload_is_not_kept(world):
    original = samples.jpeg()
    media = upload(world.lea, world.a, data=original)
    assert media.source_key is None
    root = get_storage().path_for(media.storage_key)
    names = sorted(p.name for p in root.iterdir())
    assert names == sorted(
        [r["name"] for r in media.renditions] + [media.master_key.split("/")[-1]]
    )
    for path in root.iterdir():
        data = path.read_bytes()
        assert data != original
        assert b"Jane" not in data and b"Canon" not in data


def test_stored_names_are_generated(world):
    media = upload(world.lea, world.a)
    assert all(r["key"].startswith(media.storage_key + "/") for r in media.renditions)
    assert len(media.storage_key.split("/")[1]) == 32


def test_a_panorama_gets_a_phone_size_and_a_flat_preview(world):
    media = upload(world.lea, world.a, kind="panorama", data=samples.panorama((4096, 2048)))
    roles = {r["role"]: r for r in media.renditions}
    assert (roles["phone"]["width"], roles["phone"]["height"]) == (4096, 2048)
    assert "full" not in roles  # no larger size than the phone one here
    assert roles["image"]["width"] == 960
    for _rendition, data in stored(media):
        assert_no_metadata(data)


def test_a_large_panorama_also_gets_a_full_size(world):
    big = samples.jpeg((8192, 4096))
    media = upload(world.lea, world.a, kind="panorama", data=big)
    sizes = {r["role"]: (r["width"], r["height"]) for r in media.renditions}
    assert sizes["full"] == (8192, 4096)
    assert sizes["phone"] == (4096, 2048)


def test_a_panorama_must_be_twice_as_wide_as_high(world, english):
    from storyhub.media.services import UploadRefused

    with pytest.raises(UploadRefused) as refused:
        upload(world.lea, world.a, kind="panorama", data=samples.jpeg((3000, 2000)))
    assert "twice as wide as it is high" in refused.value.message
    assert "3000 × 2000" in refused.value.message
