"""The demo stories show real media, made at seed time and sent through the upload pipeline.

Seeding paints and processes the files (about 20 s of CPU), so the run seeds once and each test
starts from a copy of those rows (the `demo` fixture, tests/snapshot.py), and each test checks
several things.
"""

import io

import pytest
from PIL import Image

from storyhub.demo import seed_demo
from storyhub.extensions import db
from storyhub.media.models import MediaItem
from storyhub.stories.models import Story

PUBLIC_PAIR = ("Le marché des Capucins, le dimanche", "La barge de 7 heures")


@pytest.fixture
def demo_media(demo):
    return list(db.session.scalars(db.select(MediaItem)))


def _story(title: str) -> Story:
    return db.session.scalar(db.select(Story).filter_by(title=title))


def _file(client, media: MediaItem, role: str):
    return client.get(f"/media/{media.id}/{media.renditions_with(role)[-1]['name']}")


def test_each_public_side_shows_a_photo_a_sound_and_a_panorama(client, demo_media):
    for title in PUBLIC_PAIR:
        story = _story(title)
        media = {b.kind: b.media for b in story.blocks if b.media_id}
        assert {"image", "audio", "panorama"} <= set(media)
        html = client.get(f"/stories/{story.id}").get_data(as_text=True)
        assert '<audio class="media__audio"' in html
        assert media["audio"].transcript.split("] ")[1][:40] in html.replace("&#39;", "'")
        assert "data-panorama=" in html
        assert _file(client, media["image"], "fallback").status_code == 200
        assert _file(client, media["panorama"], "phone").status_code == 200
        assert _file(client, media["audio"], "audio").status_code == 200


def test_the_two_demo_panoramas_are_joined_by_their_portal(client, demo_media):
    here, there = (
        next(b.media for b in _story(title).blocks if b.kind == "panorama") for title in PUBLIC_PAIR
    )
    html = client.get(f"/stories/{here.story_id}").get_data(as_text=True)
    assert f'data-portal="/media/{there.id}/' in html and f"#panorama-{there.id}" in html
    back = client.get(f"/stories/{there.story_id}").get_data(as_text=True)
    assert f'data-portal="/media/{here.id}/' in back and f"#panorama-{here.id}" in back
    from storyhub.demo_media import seed_demo_portals

    assert seed_demo_portals() == 0  # a second seeding adds nothing


def test_the_demo_has_a_story_translated_by_the_twin_group(client, demo_media):
    story = _story("Les pirogues de Guet Ndar")
    from storyhub.stories.models import StoryTranslation

    item = db.session.scalars(db.select(StoryTranslation).filter_by(story_id=story.id)).one()
    assert (item.status, item.language, item.translator.display_name) == ("approved", "en", "Aoife")
    from storyhub.demo_stories import seed_demo_translation

    assert seed_demo_translation() == 0  # a second seeding adds nothing


def test_demo_files_went_through_the_pipeline_with_who_appears(client, demo_media):
    assert len(demo_media) == 9
    video = next(m for m in demo_media if m.kind == "video")
    assert video.captions_vtt.startswith("WEBVTT") and video.poster_key
    html = client.get(f"/stories/{video.story_id}").get_data(as_text=True)
    assert 'kind="captions"' in html and "<video" in html
    assert all(m.status == "ready" and m.source_key is None for m in demo_media)
    panorama = next(m for m in demo_media if m.kind == "panorama")
    assert panorama.width == 2 * panorama.height
    sound = next(m for m in demo_media if m.kind == "audio")
    assert 13 < sound.duration < 15
    assert sound.renditions_with("audio")[0]["format"] == "m4a"
    photo = next(b.media for b in _story(PUBLIC_PAIR[0]).blocks if b.kind == "image")
    assert not Image.open(io.BytesIO(_file(client, photo, "fallback").data)).getexif()
    assert {p.display_name for p in photo.people} == {"Léa", "Yanis"}
    for media in demo_media:
        if media.kind in ("image", "panorama"):
            assert media.alt_text and (media.people or media.nobody_recognisable)
        for person in media.people:
            assert any(c.kind == "image" and c.granted for c in person.consents)


def test_private_exchange_media_stay_private_and_seeding_again_adds_none(client, demo_media):
    story = _story("Swimming at the Lee Fields")
    assert not story.round.exchange.is_public
    photo = next(b.media for b in story.blocks if b.media_id)
    assert _file(client, photo, "fallback").status_code == 404
    seed_demo()
    assert db.session.scalar(db.select(db.func.count(MediaItem.id))) == len(demo_media)


def test_each_place_has_its_own_painted_picture_never_a_story_photo(client, demo_media):
    from storyhub.territories.models import Territory

    home = client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    for territory in db.session.scalars(db.select(Territory)):
        picture = territory.picture
        assert picture is not None and "(peinture)" in picture.alt_text, territory.slug
        assert f"/places/{territory.slug}/picture/" in home or territory.slug not in (
            "bordeaux-fr",
            "mamoudzou-yt",
        )
    story_files = {r["key"] for m in demo_media for r in m.renditions}
    assert not any(r["key"] in story_files for t in db.session.scalars(db.select(Territory))
                   for r in t.picture.renditions)  # fmt: skip
