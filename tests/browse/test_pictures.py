"""Territory pictures: admins upload one (cleaned, resized, described); everyone sees it."""

import io

import pytest
from PIL import Image

from storyhub.browse.models import TerritoryPicture
from storyhub.extensions import db
from tests import factories


def _jpeg_with_gps(width=1200, height=800) -> bytes:
    image = Image.new("RGB", (width, height), (180, 90, 60))
    exif = Image.Exif()
    exif[0x013B] = "Camera Owner Name"  # Artist
    exif[0x8825] = {1: "N", 2: (44.0, 50.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def _upload(client, slug, data=None, alt="The harbour at dawn"):
    return client.post(
        f"/places/{slug}/picture",
        data={"picture": (io.BytesIO(data or _jpeg_with_gps()), "IMG_0001.jpg"), "alt_text": alt},
        content_type="multipart/form-data",
    )


@pytest.fixture
def admin(as_user):
    return as_user(factories.make_admin())


def test_admin_uploads_a_picture_cleaned_of_its_metadata(admin, client, states):
    territory = states.public.inviting_group.territory
    response = _upload(admin, territory.slug)
    assert response.status_code == 302
    picture = db.session.scalar(db.select(TerritoryPicture))
    assert picture.alt_text == "The harbour at dawn"
    assert {r["role"] for r in picture.renditions} == {"image", "fallback"}
    assert "IMG_0001" not in str(picture.renditions)
    page = client.get(f"/places/{territory.slug}").get_data(as_text=True)
    jpeg = picture.renditions_with("fallback")[0]
    url = f"/places/{territory.slug}/picture/{jpeg['name']}"
    assert url in page and 'alt="The harbour at dawn"' in page
    served = client.get(url)
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert served.headers["Cache-Control"] == "public, max-age=3600"  # never immutable
    image = Image.open(io.BytesIO(served.get_data()))
    assert not image.getexif() and "exif" not in image.info


def test_a_new_picture_replaces_the_old_one_and_removing_it_works(admin, client, states):
    slug = states.public.inviting_group.territory.slug
    _upload(admin, slug)
    old = db.session.scalar(db.select(TerritoryPicture)).renditions[0]["name"]
    _upload(admin, slug, alt="Another view")
    pictures = db.session.scalars(db.select(TerritoryPicture)).all()
    assert len(pictures) == 1 and pictures[0].alt_text == "Another view"
    assert client.get(f"/places/{slug}/picture/{old}").status_code == 404
    admin.post(f"/places/{slug}/picture/delete")
    assert db.session.scalar(db.select(TerritoryPicture)) is None


def test_alt_text_is_required_and_the_form_says_so(admin, states):
    slug = states.public.inviting_group.territory.slug
    response = _upload(admin, slug, alt="   ")
    assert response.status_code == 400
    assert db.session.scalar(db.select(TerritoryPicture)) is None


@pytest.mark.parametrize(
    "data", [b"<html><script>alert(1)</script></html>", b"", b"\xff\xd8\xff\xe0 truncated"]
)
def test_what_is_not_a_picture_is_refused_with_a_message(admin, states, data):
    slug = states.public.inviting_group.territory.slug
    response = _upload(admin, slug, data=data or b"\x00")
    assert response.status_code in (400, 413)
    assert 'class="error"' in response.get_data(as_text=True)
    assert db.session.scalar(db.select(TerritoryPicture)) is None


def test_only_admins_choose_a_picture(as_user, client, states):
    slug = states.public.inviting_group.territory.slug
    assert client.get(f"/places/{slug}/picture").status_code == 302  # sign in first
    educator = states.public.inviting_group.educators[0]
    assert as_user(educator).get(f"/places/{slug}/picture").status_code == 403
    assert _upload(as_user(educator), slug).status_code == 403
    assert as_user(educator).post(f"/places/{slug}/picture/delete").status_code == 403
    assert db.session.scalar(db.select(TerritoryPicture)) is None


def test_a_private_story_photo_never_becomes_a_territory_picture(client, states):
    hidden_place = states.hidden_exchanges["private"].inviting_group.territory
    factories.make_exchange(
        factories.make_group(factories.make_educator(), hidden_place, name="Now public"),
        public=True,
        title="Second chance",
    )
    page = client.get(f"/places/{hidden_place.slug}").get_data(as_text=True)
    assert "Second chance" in page
    assert "/media/" not in page  # its only photo belongs to a private exchange's story


def test_unknown_renditions_are_not_found(client, states):
    slug = states.public.inviting_group.territory.slug
    assert client.get(f"/places/{slug}/picture/nothing.jpg").status_code == 404
    assert client.get(f"/places/{slug}/picture/..%2F..%2Fetc").status_code == 404
