"""The picture of an exchange and of its territories is a photo an educator of the exchange chose
for it, from their own group's public stories; never a child's photo picked automatically."""

import pytest

from storyhub.browse.pictures import territory_pictures
from storyhub.core.models import utcnow
from storyhub.extensions import db
from tests import factories
from tests.browse.helpers import photo

EN = {"Accept-Language": "en"}


@pytest.fixture
def lanterns(states):
    """The public story's photo ("Lanterns on the quay"), written by side A."""
    return states.public_story.blocks[-1].media


def _page(client, url: str, mark: str) -> str:
    """A public page, checked to be the right one (200 and its own words) before looking for
    what must not be on it."""
    response = client.get(url, headers=EN)
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and mark in text, url
    return text


def _territory_page(client, exchange) -> str:
    territory = exchange.inviting_group.territory
    return _page(client, f"/places/{territory.slug}", territory.name)


def _exchange_page(client, exchange) -> str:
    return _page(client, f"/exchanges/{exchange.id}", exchange.title)


def _choose(as_user, user, exchange, media_id):
    return as_user(user).post(
        f"/exchanges/{exchange.id}/cover", data={"media": media_id}, headers=EN
    )


def test_no_story_photo_illustrates_a_territory_until_an_educator_chooses_one(client, states):
    assert "/media/" not in _territory_page(client, states.public)
    assert "/media/" not in _page(client, "/explore", states.public.title)


def test_educator_chooses_a_photo_that_then_illustrates_the_exchange_and_territory(
    app, as_user, client, states, lanterns
):
    educator = states.public.inviting_group.educators[0]
    response = _choose(as_user, educator, states.public, lanterns.id)
    assert response.status_code == 302
    assert states.public.cover_media_id == lanterns.id
    client.delete_cookie("session")
    slug = states.public.inviting_group.territory.slug
    assert f"/media/{lanterns.id}/" in client.get(f"/places/{slug}").get_data(as_text=True)
    assert f"/media/{lanterns.id}/" in client.get(f"/exchanges/{states.public.id}").get_data(
        as_text=True
    )
    with app.test_request_context():
        pictures = territory_pictures([g.territory for g in states.public.groups])
    assert list(pictures) == [states.public.inviting_group.territory_id]  # taken on side A


def test_the_chosen_photo_leaves_with_its_story(as_user, client, states, lanterns):
    states.public.cover_media_id = lanterns.id
    states.public_story.status = "unpublished"
    db.session.commit()
    assert "/media/" not in _territory_page(client, states.public)
    assert "/media/" not in _exchange_page(client, states.public)


def test_a_photo_of_the_twin_group_or_of_an_unapproved_story_cannot_be_chosen(
    as_user, states, lanterns
):
    twin_educator = states.public.invited_group.educators[0]
    response = _choose(as_user, twin_educator, states.public, lanterns.id)
    assert response.status_code == 302
    assert states.public.cover_media_id is None
    page = as_user(twin_educator).get(f"/exchanges/{states.public.id}", headers=EN)
    assert "Choose a described photo of an approved story" in page.get_data(as_text=True)
    draft_photo = states.hidden_stories["draft"].blocks[-1].media
    educator = states.public.inviting_group.educators[0]
    _choose(as_user, educator, states.public, draft_photo.id)
    assert states.public.cover_media_id is None
    lanterns.alt_text = ""  # a photo without its description is never offered
    db.session.commit()
    _choose(as_user, educator, states.public, lanterns.id)
    assert states.public.cover_media_id is None


def test_only_the_exchange_s_educators_choose_its_picture(as_user, client, states, lanterns):
    url = f"/exchanges/{states.public.id}/cover"
    assert client.post(url, data={"media": lanterns.id}).status_code == 302  # sign in first
    for user in (
        factories.make_educator(),
        factories.make_young(states.public.inviting_group),
        factories.make_admin(),
    ):
        assert as_user(user).post(url, data={"media": lanterns.id}).status_code == 403
    assert states.public.cover_media_id is None


def test_the_picture_can_be_removed_and_bad_values_are_refused(as_user, states, lanterns):
    educator = states.public.inviting_group.educators[0]
    _choose(as_user, educator, states.public, lanterns.id)
    assert _choose(as_user, educator, states.public, "").status_code == 302
    assert states.public.cover_media_id is None
    assert _choose(as_user, educator, states.public, "abc").status_code == 400
    assert _choose(as_user, educator, states.public, "9" * 30).status_code == 400


def test_the_educator_sees_the_described_photos_of_their_group_to_choose_from(
    as_user, states, lanterns
):
    educator = states.public.inviting_group.educators[0]
    text = (
        as_user(educator).get(f"/exchanges/{states.public.id}", headers=EN).get_data(as_text=True)
    )
    assert f'name="media" value="{lanterns.id}"' in text and "Lanterns on the quay" in text
    assert "Hidden draft photo" not in text


@pytest.mark.parametrize("which", ["stray", "hidden"])
def test_a_chosen_photo_the_media_rule_hides_is_never_shown(client, states, lanterns, which):
    """Even set directly in the database: a photo in no block, or hidden after reports."""
    if which == "stray":
        chosen = photo(states.public_story, alt="Never placed", placed=False)
    else:
        chosen, chosen.hidden_at = lanterns, utcnow()
    states.public.cover_media_id = chosen.id
    db.session.commit()
    assert f"/media/{chosen.id}/" not in _territory_page(client, states.public)
    assert f"/media/{chosen.id}/" not in _exchange_page(client, states.public)
