"""The upload endpoint (script and plain form), the try-out page and a media item's page."""

import io
import re

import pytest

from storyhub import create_app
from storyhub.extensions import db, limiter
from storyhub.media.models import MediaItem
from tests import factories
from tests.conftest import login_as
from tests.media import samples
from tests.media.conftest import upload

JSON = {"Accept": "application/json", "Accept-Language": "en"}
EN = {"Accept-Language": "en"}
# Small photos where the size plays no part (forms, rights, tools); the responsive sizes are
# checked with the 1200 px sample.
SMALL = samples.jpeg(size=(480, 320))


def post_file(client, data, kind="image", name="photo.jpg", headers=JSON, **fields):
    body = {"kind": kind, "file": (io.BytesIO(data), name), **fields}
    return client.post(
        "/media/upload", data=body, headers=headers, content_type="multipart/form-data"
    )


def count() -> int:
    return db.session.scalar(db.select(db.func.count(MediaItem.id)))


def test_the_script_gets_the_new_media_item_as_json(as_user, world):
    response = post_file(as_user(world.lea), samples.jpeg(), alt_text="Our square")
    assert response.status_code == 201
    payload = response.get_json()
    assert payload["status"] == "ready" and payload["kind"] == "image"
    assert payload["preview_url"].startswith(f"/media/{payload['id']}/")
    assert {r["format"] for r in payload["renditions"]} == {"webp", "jpg"}
    assert payload["public"] is False
    media = db.session.get(MediaItem, payload["id"])
    assert media.uploader_id == world.lea.id and media.group_id == world.a.id
    assert media.alt_text == "Our square"


def test_the_uploaded_file_name_is_never_used(as_user, world, media_root):
    post_file(as_user(world.lea), samples.jpeg(), name="lea-martin-12-rue-des-ecoles.jpg")
    stored = [str(p) for p in media_root.rglob("*")]
    assert stored and not any("lea" in p or "ecoles" in p for p in stored)


def test_a_refusal_is_a_translated_json_error(as_user, world):
    response = post_file(as_user(world.lea), samples.HTML)
    assert response.status_code == 400
    assert "web page or SVG code" in response.get_json()["error"]
    french = post_file(
        as_user(world.lea),
        samples.HTML,
        headers={"Accept": "application/json", "Accept-Language": "fr"},
    )
    assert french.get_json()["error"]
    assert count() == 0


def test_a_plain_form_post_gets_a_page_then_the_media_page(as_user, world):
    response = post_file(as_user(world.lea), samples.jpeg(), headers=EN, alt_text="Square")
    assert response.status_code == 302
    assert re.match(r".*/media/\d+$", response.headers["Location"])
    page = as_user(world.lea).get(response.headers["Location"], headers=EN)
    assert b"Your file is ready." in page.data


def test_a_plain_form_refusal_shows_the_form_again_with_what_was_typed(as_user, world):
    response = post_file(as_user(world.lea), b"", headers=EN, alt_text="Our square at dusk")
    assert response.status_code == 400
    assert b"The file is empty" in response.data
    assert b"Our square at dusk" in response.data
    assert b'aria-invalid="true"' in response.data


def test_an_oversize_body_is_a_json_413_for_the_script(as_user, world, config):
    config(MAX_CONTENT_LENGTH=50_000)
    response = post_file(as_user(world.lea), samples.jpeg() + b"\0" * 60_000)
    assert response.status_code == 413
    assert "We accept up to 0.05 MB per file" in response.get_json()["error"]


def test_an_oversize_body_is_a_friendly_413_page_for_a_form(as_user, world, config):
    config(MAX_CONTENT_LENGTH=2 * 1024 * 1024)
    response = post_file(
        as_user(world.lea), b"\xff\xd8\xff" + b"\0" * (3 * 1024 * 1024), headers=EN
    )
    assert response.status_code == 413
    assert b"File too large" in response.data
    assert b"up to 2 MB per file" in response.data
    assert b"<html" in response.data


def test_an_upload_needs_the_csrf_token(client, as_user, world, config):
    config(WTF_CSRF_ENABLED=True)
    signed_in = as_user(world.lea)
    refused = post_file(signed_in, samples.jpeg())
    assert refused.status_code == 400
    assert "expired" in refused.get_json()["error"]
    page = signed_in.get("/media/try")
    token = (
        re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page.data).group(1).decode()
    )
    accepted = post_file(signed_in, samples.jpeg(), csrf_token=token)
    assert accepted.status_code == 201


@pytest.fixture
def limited_client(database_url, media_root):
    """A client of a fresh app with rate limits on (the limiter is shared: put back after)."""
    fresh = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "RATELIMIT_ENABLED": True,
            "MEDIA_ROOT": str(media_root),
            "MEDIA_UPLOAD_RATE_LIMIT": "2 per hour",
        },
    )
    yield fresh.test_client()
    limiter.reset()
    limiter.enabled = False
    with fresh.app_context():
        db.engine.dispose()


def test_uploads_are_rate_limited_per_person(limited_client, world):
    lea = login_as(limited_client, world.lea)
    statuses = [post_file(lea, samples.jpeg((100, 100))).status_code for _ in range(3)]
    assert statuses == [201, 201, 429]
    assert "wait" in post_file(lea, samples.jpeg((100, 100))).get_json()["error"]
    yanis = login_as(limited_client, world.yanis)  # same address, another person
    assert post_file(yanis, samples.jpeg((100, 100))).status_code == 201


def test_the_public_cannot_upload(client):
    response = post_file(client, samples.jpeg(), headers=EN)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_educator_uploads_to_a_group_they_lead_only(as_user, world):
    signed_in = as_user(world.edu_a)
    assert post_file(signed_in, samples.jpeg(), group_id=world.a.id).status_code == 201
    refused = post_file(signed_in, samples.jpeg(), group_id=world.b.id)
    assert refused.status_code == 400


def test_someone_without_a_group_cannot_upload(as_user, world):
    response = post_file(as_user(world.outsider_educator), samples.jpeg())
    assert response.status_code == 400
    assert count() == 0


def test_an_upload_into_a_story_needs_the_right_to_edit_it(as_user, world):
    story = factories.make_story(world.round, world.a, authors=[world.lea])
    assert post_file(as_user(world.lea), samples.jpeg(), story_id=story.id).status_code == 201
    assert db.session.scalar(db.select(MediaItem.story_id)) == story.id
    twin_story = factories.make_story(world.round, world.b, authors=[world.amina])
    refused = post_file(as_user(world.lea), samples.jpeg(), story_id=twin_story.id)
    assert refused.status_code == 400


@pytest.mark.parametrize("story_id", ["99999999999999999999", "²", "-1", "1 OR 1=1", "0"])
def test_a_nonsense_story_id_is_a_400_not_a_500(as_user, world, story_id):
    response = post_file(as_user(world.lea), samples.jpeg(), story_id=story_id)
    assert response.status_code == 400
    assert count() == 0


@pytest.mark.parametrize("group_id", ["99999999999999999999", "x", "-5"])
def test_a_nonsense_group_id_is_a_400_not_a_500(as_user, world, group_id):
    response = post_file(as_user(world.edu_a), samples.jpeg(), group_id=group_id)
    assert response.status_code == 400


@pytest.mark.parametrize("who", ["lea", "edu_a"])
def test_the_try_page_offers_the_uploader_and_the_recorder(as_user, world, who):
    page = as_user(getattr(world, who)).get("/media/try", headers=EN)
    assert page.status_code == 200
    assert b"data-media-uploader" in page.data and b"data-media-recorder" in page.data
    assert b'enctype="multipart/form-data"' in page.data
    assert b"up to 20 MB and 40 megapixels" in page.data


def test_the_try_page_lists_only_my_own_uploads(as_user, world):
    mine = upload(world.lea, world.a, alt_text="Mine", data=SMALL)
    upload(world.yanis, world.a, alt_text="Not mine", data=SMALL)
    page = as_user(world.lea).get("/media/try", headers=EN)
    assert f"/media/{mine.id}".encode() in page.data
    assert b"Not mine" not in page.data


def test_the_try_page_needs_a_sign_in(client):
    assert client.get("/media/try").status_code == 302


def test_a_media_page_shows_the_picture_with_responsive_sizes(as_user, world):
    media = upload(world.lea, world.a, alt_text="Our square at dusk")
    page = as_user(world.lea).get(f"/media/{media.id}", headers=EN).data.decode()
    assert '<source type="image/webp"' in page
    assert 'alt="Our square at dusk"' in page
    assert re.search(r'srcset="[^"]+480w, [^"]+960w', page)
    assert 'width="1200" height="800"' in page
    assert "style=" not in page


def test_an_educator_sees_the_blur_and_people_tools_and_an_author_only_people(as_user, world):
    media = upload(world.lea, world.a, data=SMALL)
    educator_page = as_user(world.edu_a).get(f"/media/{media.id}", headers=EN).data
    assert b'id="blur"' in educator_page and b'id="people"' in educator_page
    author_page = as_user(world.lea).get(f"/media/{media.id}", headers=EN).data
    assert b'id="people"' in author_page and b'id="blur"' not in author_page


def test_an_educator_blurs_through_the_form(as_user, world):
    media = upload(world.lea, world.a, data=SMALL)
    form = {"regions-0-x": "25", "regions-0-y": "25", "regions-0-w": "20", "regions-0-h": "30"}
    response = as_user(world.edu_a).post(f"/media/{media.id}/blur", data=form)
    assert response.status_code == 302
    db.session.refresh(media)
    assert media.blur_regions == [{"x": 0.25, "y": 0.25, "w": 0.2, "h": 0.3}]


def test_an_author_cannot_blur(as_user, world):
    media = upload(world.lea, world.a, data=SMALL)
    form = {"regions-0-x": "25", "regions-0-y": "25", "regions-0-w": "20", "regions-0-h": "30"}
    assert as_user(world.lea).post(f"/media/{media.id}/blur", data=form).status_code == 404


def test_a_blur_row_out_of_range_keeps_the_form_with_an_error(as_user, world):
    media = upload(world.lea, world.a, data=SMALL)
    form = {"regions-0-x": "250", "regions-0-y": "25", "regions-0-w": "20", "regions-0-h": "30"}
    response = as_user(world.edu_a).post(f"/media/{media.id}/blur", data=form, headers=EN)
    assert response.status_code == 400
    assert b"Between 0 and 100." in response.data and b'value="250"' in response.data


def test_people_are_tagged_and_missing_consent_is_shown(as_user, world):
    media = upload(world.lea, world.a, data=SMALL)
    tom = factories.make_young(world.a, name="Tom", image=None)  # nothing recorded
    response = as_user(world.edu_a).post(
        f"/media/{media.id}/people", data={"people": [world.lea.id, world.yanis.id, tom.id]}
    )
    assert response.status_code == 302
    page = as_user(world.edu_a).get(f"/media/{media.id}", headers=EN).data.decode()
    assert "Image consent is recorded as No for: Yanis." in page  # Yanis: recorded No
    assert "No image consent recorded yet for: Tom." in page


def test_someone_of_another_group_cannot_tag_people(as_user, world):
    media = upload(world.lea, world.a, data=SMALL)
    response = as_user(world.edu_b).post(
        f"/media/{media.id}/people", data={"people": [world.lea.id]}
    )
    assert response.status_code == 404


def test_the_words_are_saved_and_a_transcript_is_kept(as_user, world):
    media = upload(world.lea, world.a, data=SMALL)
    response = as_user(world.lea).post(
        f"/media/{media.id}/describe",
        data={"alt_text": "A square", "caption": "Dusk", "transcript": ""},
    )
    assert response.status_code == 302
    db.session.refresh(media)
    assert (media.alt_text, media.caption) == ("A square", "Dusk")


def test_the_uploader_deletes_and_others_cannot(as_user, world):
    media = upload(world.lea, world.a, data=SMALL)
    assert as_user(world.yanis).post(f"/media/{media.id}/delete").status_code == 404
    assert as_user(world.lea).post(f"/media/{media.id}/delete").status_code == 302
    assert count() == 0


def test_a_published_story_media_can_no_longer_be_deleted_by_its_author(
    as_user, world, story_media
):
    media = story_media("approved", public=True)
    assert as_user(world.lea).post(f"/media/{media.id}/delete").status_code == 404
    assert count() == 1


@pytest.mark.parametrize(
    "path, form",
    [
        (
            "blur",
            {
                "regions-99999-x": "1",
                "regions-99999-y": "1",
                "regions-99999-w": "5",
                "regions-99999-h": "5",
            },
        ),
        (
            "blur",
            {
                "regions-0-x": "NaN",
                "regions-0-y": "inf",
                "regions-0-w": "1e999",
                "regions-0-h": "-0",
            },
        ),
        ("blur", {"regions-0-x": "１２", "regions-0-y": "x"}),
        ("people", {"people": ["abc", "99999999999999999999"]}),
        ("describe", {"alt_text": "a" * 600}),
    ],
)
def test_hostile_forms_are_answered_without_a_500(as_user, world, path, form):
    media = upload(world.lea, world.a, data=SMALL)
    response = as_user(world.edu_a).post(f"/media/{media.id}/{path}", data=form, headers=EN)
    assert response.status_code in (302, 400), response.status_code
