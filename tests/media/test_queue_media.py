"""See what you approve: a waiting story's pictures, sounds and transcripts are on its queue card,
and a story holding media is approved from its review page, never blind from the list."""

from storyhub.extensions import db
from storyhub.stories.models import Block
from tests import factories
from tests.conftest import login_as
from tests.media import samples
from tests.media.conftest import upload

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}


def queue(client, user, headers=EN):
    page = login_as(client, user).get("/moderation/", headers=headers)
    return page.status_code, page.get_data(as_text=True)


def test_queue_card_shows_the_photo_and_offers_review_instead_of_approve(
    client, world, story_media
):
    media = story_media("submitted")
    status, html = queue(client, world.edu_a)
    fallback = media.renditions_with("fallback")[0]["name"]
    assert status == 200
    assert f'src="/media/{media.id}/{fallback}"' in html
    assert "Review the story and its media" in html
    assert "Approve and publish" not in html
    assert login_as(client, world.edu_a).get(f"/media/{media.id}/{fallback}").status_code == 200


def test_queue_card_of_a_text_story_keeps_one_click_approval(client, world):
    factories.make_story(world.round, world.a, [world.lea], "submitted", title="Just words")
    status, html = queue(client, world.edu_a)
    assert status == 200 and "Just words" in html
    assert "Approve and publish" in html and "Review the story and its media" not in html


def test_queue_names_a_sound_with_the_start_of_its_transcript(client, world, tmp_path):
    story = factories.make_story(world.round, world.a, [world.lea], "submitted", title="Heard")
    data = samples.audio(tmp_path / "voice.mp3", "mp3", "libmp3lame").read_bytes()
    sound = upload(
        world.lea,
        world.a,
        kind="audio",
        data=data,
        story=story,
        transcript="We recorded the market at dawn, the fishermen singing.",
    )
    story.blocks.append(Block(kind=sound.kind, position=0, media=sound))
    db.session.commit()
    status, html = queue(client, world.edu_a, FR)
    assert status == 200
    assert "Son" in html and "We recorded the market at dawn" in html
    assert "Relire l’histoire et ses médias" in html


def test_another_groups_educator_sees_neither_the_card_nor_the_picture(client, world, story_media):
    media = story_media("submitted")
    fallback = media.renditions_with("fallback")[0]["name"]
    status, html = queue(client, world.edu_b)
    assert status == 200 and f"/media/{media.id}/" not in html
    assert login_as(client, world.edu_b).get(f"/media/{media.id}/{fallback}").status_code == 404
