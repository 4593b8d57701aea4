"""One media visibility rule, followed by every surface that shows a media item.

A public story shows one photo in a block. Two more photos belong to it: one attached but in
no block (the leak of issue 14), one in a block but hidden after reports. Every surface shows
the first and neither of the others: file serving (and its cache header), the media page, the
story and pair pages, the API, search, feeds, the territory and exchange pictures.
"""

from types import SimpleNamespace

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.media.permissions import shown_media
from storyhub.media_pages.permissions import can_view_media, is_public_media
from storyhub.search.services import reindex_story
from storyhub.stories.models import Block
from tests import factories
from tests.media import samples
from tests.media.conftest import upload

EN = {"Accept-Language": "en"}
# Small photos: these tests follow which photo each surface shows, not how pictures are resized
# (tests/media/test_images.py); three 1200 px photos took most of each test's time.
SMALL = samples.jpeg(size=(480, 320))


@pytest.fixture
def shelf(world):
    """A public story with a placed photo, a stray one (no block) and a hidden one (placed)."""
    world.exchange.inviting_published_at = world.exchange.invited_published_at = utcnow()
    story = factories.make_story(
        world.round, world.a, authors=[world.lea], status="approved", title="Harbour walk"
    )
    story.published_at = utcnow()
    placed = upload(world.lea, world.a, story=story, alt_text="Placed harbour crane", data=SMALL)
    hidden = upload(world.lea, world.a, story=story, alt_text="Hidden lantern", data=SMALL)
    stray = upload(world.lea, world.a, story=story, alt_text="Stray bikeshed", data=SMALL)
    # The hidden photo comes first in the story and every photo was sent after the placed one:
    # a surface that forgets a part of the rule picks one of them.
    story.blocks.append(Block(kind="image", position=1, media=hidden))
    story.blocks.append(Block(kind="image", position=2, media=placed))
    hidden.hidden_at = utcnow()
    # Territories are illustrated only by a photo an educator chose (exchanges/showcase.py).
    world.exchange.cover_media_id = placed.id
    db.session.commit()
    reindex_story(story)
    return SimpleNamespace(story=story, placed=placed, hidden=hidden, stray=stray, world=world)


def _marks(media) -> str:
    return f"/media/{media.id}/"


def test_the_rule_itself_python_side(shelf):
    assert [m.id for m in shown_media(shelf.story)] == [shelf.placed.id]
    assert is_public_media(shelf.placed)
    assert not is_public_media(shelf.stray)
    assert not is_public_media(shelf.hidden)
    assert can_view_media(shelf.world.lea, shelf.stray)  # still her own file
    assert not can_view_media(shelf.world.amina, shelf.stray)  # the twin group: not shown


def test_the_rule_itself_sql_side(shelf):
    from storyhub.media.models import MediaItem
    from storyhub.media.permissions import shown_media_clause

    query = db.select(MediaItem.id).where(shown_media_clause()).order_by(MediaItem.id)
    assert list(db.session.scalars(query)) == [shelf.placed.id]


def test_file_serving_and_cache_headers_follow_the_rule(client, shelf):
    placed = client.get(f"/media/{shelf.placed.id}/{shelf.placed.renditions[0]['name']}")
    assert placed.status_code == 200
    assert placed.headers["Cache-Control"] == "public, max-age=3600"  # never immutable
    for media in (shelf.stray, shelf.hidden):
        for rendition in media.renditions:
            assert client.get(f"/media/{media.id}/{rendition['name']}").status_code == 404
        assert client.get(f"/media/{media.id}").status_code == 404
    assert client.get(f"/media/{shelf.placed.id}", headers=EN).status_code == 200


def test_the_twin_group_follows_the_rule_too(as_user, shelf):
    twin = as_user(shelf.world.amina)
    stray_file = f"/media/{shelf.stray.id}/{shelf.stray.renditions[0]['name']}"
    assert twin.get(stray_file).status_code == 404
    assert twin.get(f"/media/{shelf.stray.id}").status_code == 404
    assert twin.get(f"/media/{shelf.placed.id}").status_code == 200


def test_a_photo_hidden_after_reports_is_seen_by_its_educators_only(as_user, shelf):
    """Hidden until a decision: its group's educators see it (to decide); its uploader and
    author no more than the twin educators do."""
    hidden = shelf.hidden
    file = f"/media/{hidden.id}/{hidden.renditions[0]['name']}"
    educator = as_user(shelf.world.edu_a)
    page = educator.get(f"/media/{hidden.id}", headers=EN)
    assert page.status_code == 200 and "Hidden lantern" in page.get_data(as_text=True)
    assert educator.get(file).status_code == 200
    for person in (shelf.world.lea, shelf.world.edu_b):  # uploader and author; the twin side
        client = as_user(person)
        assert client.get(f"/media/{hidden.id}").status_code == 404
        assert client.get(file).status_code == 404
    assert can_view_media(shelf.world.edu_a, hidden)
    assert not can_view_media(shelf.world.lea, hidden)


def _story_page(client, shelf):
    return client.get(f"/stories/{shelf.story.id}", headers=EN)


def _pair_page(client, shelf):
    return client.get(f"/rounds/{shelf.world.round.id}", headers=EN)


def _api(client, shelf):
    return client.get(f"/api/v1/stories/{shelf.story.id}")


def _feed(client, shelf):
    return client.get("/feeds/stories.atom")


def _territory(client, shelf):
    return client.get(f"/places/{shelf.world.a.territory.slug}", headers=EN)


def _exchange(client, shelf):
    return client.get(f"/exchanges/{shelf.world.exchange.id}", headers=EN)


def _home(client, shelf):
    return client.get("/", headers=EN)


SURFACES = {
    "story page": _story_page,
    "pair page": _pair_page,
    "api": _api,
    "feed": _feed,
    "territory picture": _territory,
    "exchange page pictures": _exchange,
    "home pictures": _home,
}


@pytest.mark.parametrize("surface", SURFACES)
def test_every_surface_shows_the_placed_photo_and_never_the_others(client, shelf, surface):
    response = SURFACES[surface](client, shelf)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert _marks(shelf.placed) in text  # the right page, with the photo the story shows
    assert _marks(shelf.stray) not in text
    assert _marks(shelf.hidden) not in text
    assert "Stray bikeshed" not in text and "Hidden lantern" not in text


@pytest.mark.parametrize(
    ("words", "found"),
    [("crane", True), ("bikeshed", False), ("lantern", False)],
)
def test_search_finds_only_the_words_of_the_shown_photo(client, shelf, words, found):
    page = client.get(f"/search?q={words}", headers=EN)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert f'value="{words}"' in text  # the results page for this query
    assert ("Harbour walk" in text) is found


def test_the_home_pair_shows_the_placed_photo_never_the_hidden_one(client, shelf):
    world = shelf.world
    twin = factories.make_story(
        world.round, world.b, authors=[world.amina], status="approved", title="Over there"
    )
    twin.published_at = utcnow()
    world.exchange.cover_media_id = None  # the home's pictures can only come from the pair
    db.session.commit()
    text = client.get("/", headers=EN).get_data(as_text=True)
    assert "Over there" in text and "Harbour walk" in text  # the pair is on the home page
    assert _marks(shelf.placed) in text
    assert _marks(shelf.hidden) not in text and _marks(shelf.stray) not in text
