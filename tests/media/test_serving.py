"""Media files follow their story's visibility, with the right type and cache headers."""

import pytest

from storyhub.extensions import db
from storyhub.media import services
from tests.media.conftest import upload

PUBLIC_CACHE = "public, max-age=3600"  # never immutable: a file can be withdrawn


def url_of(media, role="image") -> str:
    return f"/media/{media.id}/{media.renditions_with(role)[-1]['name']}"


def fetch(client, media, role="image"):
    return client.get(url_of(media, role))


@pytest.mark.parametrize("status", ["draft", "submitted", "changes_requested", "rejected"])
def test_the_public_cannot_fetch_media_of_an_unpublished_story(client, story_media, status):
    media = story_media(status, public=True)
    assert fetch(client, media).status_code == 404
    assert client.get(f"/media/{media.id}").status_code == 404


def test_the_public_cannot_fetch_media_of_an_approved_story_in_a_private_exchange(
    client, story_media
):
    media = story_media("approved", public=False)
    assert fetch(client, media).status_code == 404


def test_the_public_fetches_media_of_a_published_story_with_a_long_cache(client, story_media):
    media = story_media("approved", public=True)
    response = fetch(client, media)
    assert response.status_code == 200
    assert response.mimetype == "image/webp"
    assert response.headers["Cache-Control"] == PUBLIC_CACHE
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.data[:4] == b"RIFF"


def test_each_format_is_served_with_its_type(client, story_media):
    media = story_media("approved", public=True)
    assert fetch(client, media, "fallback").mimetype == "image/jpeg"


def test_after_unpublishing_the_media_stop_being_served_publicly(client, story_media):
    media = story_media("approved", public=True)
    assert fetch(client, media).status_code == 200
    media.story.status = "unpublished"
    db.session.commit()
    assert fetch(client, media).status_code == 404


def test_members_of_a_private_exchange_see_its_approved_media_privately(
    client, as_user, world, story_media
):
    media = story_media("approved", public=False)
    response = fetch(as_user(world.amina), media)  # the twin group
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"


def test_authors_and_their_educators_see_a_draft_privately(client, as_user, world, story_media):
    media = story_media("draft")
    for person in (world.lea, world.edu_a):
        response = fetch(as_user(person), media)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "private, no-store"


def test_the_twin_group_and_strangers_cannot_see_a_draft(client, as_user, world, story_media):
    media = story_media("draft")
    for person in (world.amina, world.edu_b, world.stranger, world.outsider_educator):
        assert fetch(as_user(person), media).status_code == 404, person


def test_a_media_item_not_yet_in_a_story_is_seen_by_its_uploader_and_educators_only(
    client, as_user, world
):
    media = upload(world.lea, world.a)
    assert fetch(client, media).status_code == 404
    for person in (world.lea, world.edu_a):
        assert fetch(as_user(person), media).status_code == 200
    for person in (world.yanis, world.amina, world.edu_b, world.outsider_educator):
        assert fetch(as_user(person), media).status_code == 404


def test_admins_see_every_media_item(client, as_user, world, admin_user):
    media = upload(world.lea, world.a)
    assert fetch(as_user(admin_user), media).status_code == 200


def test_the_private_master_and_unknown_names_are_never_served(client, as_user, world):
    media = upload(world.lea, world.a)
    signed_in = as_user(world.lea)
    master = media.master_key.split("/")[-1]
    for name in (master, "upload", "..%2Fupload", "nothing.webp", "captions.vtt"):
        assert signed_in.get(f"/media/{media.id}/{name}").status_code == 404, name


def test_a_media_item_being_processed_is_not_served(client, as_user, world, config):
    config(MEDIA_PROCESSING="thread")
    from unittest import mock

    with mock.patch("storyhub.media.services.threading.Thread"):
        media = upload(world.lea, world.a)
    assert as_user(world.lea).get(f"/media/{media.id}/upload").status_code == 404
    status = as_user(world.lea).get(f"/media/{media.id}/status").get_json()
    assert status["status"] == "processing" and status["renditions"] == []


def test_video_files_answer_range_requests_for_seeking(client, as_user, world, tmp_path):
    from tests.media import samples

    media = upload(
        world.lea, world.a, kind="video", data=samples.video(tmp_path / "c.mp4").read_bytes()
    )
    response = as_user(world.lea).get(url_of(media, "video"), headers={"Range": "bytes=0-99"})
    assert response.status_code == 206
    assert response.mimetype == "video/mp4"
    assert len(response.data) == 100


def test_captions_are_served_as_webvtt(client, as_user, world, tmp_path):
    from tests.media import samples

    media = upload(
        world.lea, world.a, kind="video", data=samples.video(tmp_path / "c.mp4").read_bytes()
    )
    services.set_captions(media, "WEBVTT\n\n00:00.000 --> 00:01.000\nBonjour\n")
    response = as_user(world.lea).get(f"/media/{media.id}/captions.vtt")
    assert response.mimetype == "text/vtt"
    assert b"Bonjour" in response.data
    anonymous = client.application.test_client()
    assert anonymous.get(f"/media/{media.id}/captions.vtt").status_code == 404


@pytest.mark.parametrize(
    "header, expected",
    [("X-Accel-Redirect", "/protected-media/{key}"), ("X-Sendfile", "{path}")],
)
def test_serving_can_be_delegated_to_the_web_server(client, story_media, config, header, expected):
    media = story_media("approved", public=True)
    config(MEDIA_SENDFILE_HEADER=header)
    rendition = media.renditions_with("image")[-1]
    response = fetch(client, media)
    from storyhub.media.storage import get_storage

    path = str(get_storage().path_for(rendition["key"]))
    assert response.headers[header] == expected.format(key=rendition["key"], path=path)
    assert response.data == b""
    assert response.mimetype == "image/webp"
    assert response.headers["Cache-Control"] == PUBLIC_CACHE


def test_delegated_serving_still_checks_visibility(client, story_media, config):
    media = story_media("draft")
    config(MEDIA_SENDFILE_HEADER="X-Accel-Redirect")
    response = fetch(client, media)
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response.headers


def test_media_files_ask_search_engines_not_to_index_them(client, story_media):
    media = story_media("approved", public=True)
    response = fetch(client, media)
    assert response.status_code == 200
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in client.get(
        f"/media/{media.id}"
    ).get_data(as_text=True)
