"""Media through the story's life, as people use it: the public never fetches a file before
the story is published in a public exchange, nor after it is withdrawn; the educator's blur
from the review page reaches every rendition; the story page shows media fast and accessibly."""

import re

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_IMAGE
from storyhub.groups.services import record_consent
from storyhub.media import services
from storyhub.stories import services as story_services
from storyhub.stories.models import Block
from tests import factories
from tests.media import samples
from tests.media.conftest import upload
from tests.media.test_services import FACE, read, variance_in

EN = {"Accept-Language": "en"}
PUBLIC_CACHE = "public, max-age=3600"  # never immutable: a file can be withdrawn


def _publish_exchange(world):
    world.exchange.inviting_published_at = world.exchange.invited_published_at = utcnow()
    db.session.commit()


def written_story(world, *media_list):
    """Léa's draft: a text block and a block per media item, written through the services."""
    story = factories.make_story(world.round, world.a, authors=[world.lea])
    for media in media_list:
        story.blocks.append(Block(kind=media.kind, position=len(story.blocks), media=media))
        media.story = story
        if media.kind != "audio" and not media.people:
            media.nobody_recognisable = True  # the educator's tick, or approval is refused
    db.session.commit()
    return story


def urls(media) -> list[str]:
    return [f"/media/{media.id}/{r['name']}" for r in media.renditions] + [f"/media/{media.id}"]


def public_codes(client, media) -> set[int]:
    return {client.get(url).status_code for url in urls(media)}


@pytest.fixture
def photo(world):
    return upload(world.lea, world.a, alt_text="Our square at dusk")


def test_the_public_follows_the_story_through_its_life(client, world, english, photo):
    _publish_exchange(world)
    story = written_story(world, photo)
    assert public_codes(client, photo) == {404}  # a draft
    story_services.submit_story(story, world.lea)
    assert public_codes(client, photo) == {404}  # waiting for review
    story_services.approve_story(story, world.edu_a)
    assert public_codes(client, photo) == {200}  # published, public exchange
    response = client.get(urls(photo)[0])
    assert response.headers["Cache-Control"] == PUBLIC_CACHE
    story_services.unpublish_story(story, world.edu_a, "A face we missed.")
    assert public_codes(client, photo) == {404}  # withdrawn: gone for the public


def test_a_published_story_of_a_private_exchange_keeps_its_media_private(
    client, as_user, world, english, photo
):
    story = written_story(world, photo)
    story_services.submit_story(story, world.lea)
    story_services.approve_story(story, world.edu_a)
    assert public_codes(client, photo) == {404}
    twin = as_user(world.amina).get(urls(photo)[0])
    assert twin.status_code == 200 and twin.headers["Cache-Control"] == "private, no-store"


def test_a_file_sent_for_a_story_is_private_to_the_writers_until_published(client, as_user, world):
    story = written_story(world)
    media = upload(world.lea, world.a, story=story)  # sent by the editor's script
    assert as_user(world.lea).get(urls(media)[0]).status_code == 200
    for person in (world.amina, world.edu_b, world.stranger):
        assert as_user(person).get(urls(media)[0]).status_code == 404
    client.get("/logout")
    assert public_codes(client, media) == {404}


def test_the_educator_blurs_from_the_review_page_into_every_rendition(as_user, world, english):
    from PIL import Image

    noise = Image.effect_noise((1000, 750), 60).convert("RGB")
    media = upload(world.lea, world.a, data=samples.jpeg((1000, 750), image=noise), alt_text="x")
    story = written_story(world, media)
    story_services.submit_story(story, world.lea)
    client = as_user(world.edu_a)
    review = client.get(f"/moderation/stories/{story.id}", headers=EN).get_data(as_text=True)
    link = re.search(rf'href="(/media/{media.id}\?next=[^"#]+)#blur"', review).group(1)
    assert "Blur faces or details" in review
    page = client.get(link.replace("&amp;", "&"), headers=EN).get_data(as_text=True)
    back = f"/moderation/stories/{story.id}"
    assert f'name="next" type="hidden" value="{back}"' in page or f'value="{back}"' in page
    before = {r["name"]: variance_in(read(r["key"]), FACE) for r in media.renditions}
    sizes = {r["name"]: r["width"] for r in media.renditions}
    form = {"next": back, **{f"regions-0-{k}": FACE[k] * 100 for k in ("x", "y", "w", "h")}}
    done = client.post(f"/media/{media.id}/blur", data=form, headers=EN)
    assert done.status_code == 302 and done.location.endswith(back)
    db.session.expire_all()
    assert len(media.renditions) == len(before)
    old = {sizes[name]: value for name, value in before.items()}
    for rendition in media.renditions:  # every size, WebP and JPEG
        blurred = variance_in(read(rendition["key"]), FACE)
        assert blurred < old[rendition["width"]] / 10, rendition["name"]
    story_services.approve_story(story, world.edu_a)
    assert story.status == "approved"


def test_only_the_groups_educators_reach_the_blur_tool(as_user, world, photo):
    written_story(world, photo)
    form = {f"regions-0-{k}": 10 for k in ("x", "y", "w", "h")}
    for person in (world.lea, world.edu_b, world.amina):
        assert as_user(person).post(f"/media/{photo.id}/blur", data=form).status_code == 404
    assert as_user(world.edu_a).post(f"/media/{photo.id}/blur", data=form).status_code == 302


def test_blurring_does_not_lift_the_image_consent_rule(world, english, photo):
    services.tag_people(photo, [world.yanis])  # Yanis has no image consent
    story = written_story(world, photo)
    story_services.submit_story(story, world.lea)
    services.set_blur_regions(photo, [FACE])
    with pytest.raises(story_services.ConsentMissing):
        story_services.approve_story(story, world.edu_a)
    record_consent(world.a, world.yanis, CONSENT_IMAGE, True, None, world.edu_a)
    assert story_services.approve_story(story, world.edu_a).status == "approved"


# The story page ------------------------------------------------------------------------------


@pytest.fixture
def published(client, world, english, tmp_path):
    """A published story of a public exchange: text, two photos, a sound, a video, a panorama."""
    _publish_exchange(world)
    sound = samples.audio(tmp_path / "a.ogg", "ogg", "libopus").read_bytes()
    clip = samples.video(tmp_path / "c.mp4").read_bytes()
    items = [
        upload(world.lea, world.a, alt_text="The square at dusk", caption="Our square"),
        upload(world.lea, world.a, kind="audio", data=sound, transcript="The fountain sings."),
        upload(world.lea, world.a, kind="video", data=clip, transcript="We walk to school."),
        upload(
            world.lea,
            world.a,
            kind="panorama",
            data=samples.panorama((2048, 1024)),
            alt_text="The schoolyard all around",
        ),  # fmt: skip
        upload(world.lea, world.a, alt_text="The bakery"),
    ]
    services.set_captions(items[2], "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n")
    story = written_story(world, *items)
    story_services.submit_story(story, world.lea)
    story_services.approve_story(story, world.edu_a)
    return story, items


def test_the_story_page_shows_media_large_responsive_and_accessible(client, published):
    story, (first, sound, clip, panorama, last) = published
    html = client.get(f"/stories/{story.id}", headers=EN).get_data(as_text=True)
    # the page opens on the first photo as its cover (decorative there: the block below has
    # the words), then the blocks
    hero, body = html.split('class="story-body"', 1)
    cover = next(tag for tag in re.findall(r"<img [^>]*>", hero) if f"/media/{first.id}/" in tag)
    assert 'alt=""' in cover
    pictures = re.findall(r"<img [^>]*>", body)
    first_img = next(tag for tag in pictures if f"/media/{first.id}/" in tag)
    last_img = next(tag for tag in pictures if f"/media/{last.id}/" in tag)
    for tag in (first_img, last_img):
        assert "srcset=" in tag and "sizes=" in tag and "width=" in tag and "height=" in tag
    assert 'fetchpriority="high"' in first_img and 'loading="lazy"' not in first_img
    assert 'loading="lazy"' in last_img
    assert 'alt="The square at dusk"' in first_img and "Our square" in html
    assert 'type="image/webp"' in html
    # the sound's length shows before playing (metadata only), its transcript right under it
    assert re.search(r'<audio [^>]*preload="metadata"', html) and "The fountain sings." in html
    video = re.search(r"<video [^>]*>", html).group(0)
    assert 'preload="none"' in video and "poster=" in video and "autoplay" not in html
    assert f'src="/media/{clip.id}/captions.vtt"' in html and 'kind="captions"' in html
    assert f'data-panorama="/media/{panorama.id}/' in html
    assert "The schoolyard all around" in html
    assert re.search(r"/static/js/media-viewer\.[0-9a-f]{12}\.js", html)  # by its hashed name
    assert "pannellum.js" not in re.sub(r'data-pannellum-js="[^"]*"', "", html)  # on demand


def test_every_file_of_the_published_story_is_public_and_cached_an_hour(client, published):
    _, items = published
    for media in items:
        for url in urls(media)[:-1]:
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.headers["Cache-Control"] == PUBLIC_CACHE, url


def test_the_pair_page_shows_the_first_photo_of_each_story(client, world, published):
    story, (first, *_rest) = published
    other = factories.make_story(world.round, world.b, status="approved", title="Kaweni")
    html = client.get(f"/rounds/{world.round.id}", headers=EN).get_data(as_text=True)
    card = html.split(f'href="/stories/{story.id}"')[0].rsplit("<article", 1)[1]
    assert f"/media/{first.id}/" in card and 'loading="lazy"' in card
    other_card = html.split(f'href="/stories/{other.id}"')[0].rsplit("<article", 1)[1]
    assert "/media/" not in other_card


def test_the_pair_page_runs_a_constant_number_of_queries_with_pictures(client, world, english):
    from tests.stories.test_visibility import _queries_for

    _publish_exchange(world)

    def add_stories(count):
        for n in range(count):
            media = upload(world.lea, world.a, alt_text=f"Picture {n}")
            story = written_story(world, media)
            story.status, story.published_at = "approved", utcnow()
        db.session.commit()
        db.session.expire_all()

    add_stories(2)
    few = _queries_for(client, f"/rounds/{world.round.id}")
    add_stories(5)
    assert _queries_for(client, f"/rounds/{world.round.id}") == few


def test_a_file_sent_to_a_submitted_story_but_never_placed_stays_private_after_approval(
    client, as_user, world, english, photo
):
    """The leak of issue 14: uploaded with the story's id, in no block, then approved."""
    _publish_exchange(world)
    story = written_story(world, photo)
    story_services.submit_story(story, world.lea)
    stray = upload(world.lea, world.a, story=story, alt_text="Not for the story")
    story_services.approve_story(story, world.edu_a)
    assert stray.story_id is None  # approval gave the unplaced file back to its uploader
    assert public_codes(client, photo) == {200}  # the placed photo is published
    assert public_codes(client, stray) == {404}
    assert as_user(world.lea).get(urls(stray)[0]).status_code == 200  # still her own file


def test_a_published_story_never_shows_the_public_a_file_in_none_of_its_blocks(
    client, world, english, photo
):
    """The rule alone (no approval step): attached to a public story but in no block."""
    _publish_exchange(world)
    story = factories.make_story(world.round, world.a, authors=[world.lea], status="approved")
    stray = upload(world.lea, world.a, story=story, alt_text="Never placed")
    assert stray.story_id == story.id
    assert public_codes(client, stray) == {404}
    assert client.get(f"/stories/{story.id}").status_code == 200
