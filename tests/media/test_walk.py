""" "Walk between the two places": the exchange's published 360° views joined by their portals as
one tour, here first. A view is in a reader's walk only while the media rule lets them see it,
and a door only while both its ends are; the page is a readable list without JavaScript."""

import pytest

from storyhub.accounts.models import AnonymousUser
from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_PARENTAL, Consent
from storyhub.media_pages import portals, tour
from tests.conftest import login_as
from tests.media.test_portals import panorama


@pytest.fixture(autouse=True)
def in_english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def places(world):
    """A public exchange; the market here (Léa's story) and over there (Amina's), joined."""
    world.exchange.inviting_published_at = world.exchange.invited_published_at = utcnow()
    db.session.commit()
    here = panorama(world, world.a, world.lea, alt="The market of Les Capucins")
    there = panorama(world, world.b, world.amina, alt="The market of Mamoudzou")
    portals.place_portal(world.edu_a, here, there.id, 90, -90)
    return here, there


def walk_of(client, world):
    return client.get(f"/exchanges/{world.exchange.id}/walk")


def test_the_exchange_page_offers_the_walk(client, world, places):
    page = client.get(f"/exchanges/{world.exchange.id}").get_data(as_text=True)
    assert f'href="/exchanges/{world.exchange.id}/walk"' in page
    assert "Walk between the two places" in page


def test_the_walk_goes_from_here_to_over_there_as_a_readable_list(client, world, places):
    here, there = places
    answer = walk_of(client, world)
    assert answer.status_code == 200
    html = answer.get_data(as_text=True)
    assert html.index(f'id="view-{here.id}"') < html.index(f'id="view-{there.id}"')
    # each view: its words in the story's language, its story, and its door as a plain link
    assert f'data-door-scene="view-{there.id}"' in html and f'href="#view-{there.id}"' in html
    assert f'data-door-scene="view-{here.id}"' in html and f'href="#view-{here.id}"' in html
    assert f"/stories/{there.story_id}#panorama-{there.id}" in html
    assert 'lang="fr" dir="ltr">The market of Les Capucins</p>' in html
    assert "data-tour-start hidden" in html  # the viewer waits for JavaScript


def test_members_walk_from_their_own_side(client, world, places):
    here, there = places
    login_as(client, world.amina)
    html = walk_of(client, world).get_data(as_text=True)
    assert html.index(f'id="view-{there.id}"') < html.index(f'id="view-{here.id}"')
    assert "(here)" in html and "(over there)" in html


def _withdraw(user):
    consent = db.session.scalar(
        db.select(Consent).filter_by(user_id=user.id, kind=CONSENT_PARENTAL)
    )
    consent.granted = False
    db.session.commit()


HIDINGS = {
    "story over there unpublished": lambda w, there: setattr(there.story, "status", "unpublished"),
    "story over there hidden after reports": lambda w, there: setattr(
        there.story, "hidden_at", utcnow()
    ),
    "panorama hidden": lambda w, there: setattr(there, "hidden_at", utcnow()),
    "consent over there withdrawn": lambda w, there: _withdraw(w.amina),
}


@pytest.mark.parametrize("hiding", HIDINGS)
def test_a_view_the_reader_may_not_see_and_its_doors_leave_the_walk(client, world, places, hiding):
    here, there = places
    HIDINGS[hiding](world, there)
    db.session.commit()
    assert walk_of(client, world).status_code == 404  # no door left: no walk
    page = client.get(f"/exchanges/{world.exchange.id}").get_data(as_text=True)
    assert "/walk" not in page
    scenes = tour.exchange_tour(AnonymousUser(), world.exchange)
    assert [s.media.id for s in scenes] == [here.id] and scenes[0].portal is None


def test_inside_a_private_exchange_only_its_members_walk(client, world, places):
    world.exchange.invited_published_at = None
    db.session.commit()
    assert walk_of(client, world).status_code == 404
    login_as(client, world.stranger)
    assert walk_of(client, world).status_code == 404
    login_as(client, world.lea)
    assert walk_of(client, world).status_code == 200


def test_without_a_door_there_is_no_walk(client, world):
    world.exchange.inviting_published_at = world.exchange.invited_published_at = utcnow()
    db.session.commit()
    panorama(world, world.a, world.lea)
    panorama(world, world.b, world.amina)
    assert walk_of(client, world).status_code == 404
    assert "/walk" not in client.get(f"/exchanges/{world.exchange.id}").get_data(as_text=True)


def test_a_draft_view_is_never_in_the_walk(client, world, places):
    here, there = places
    draft = panorama(world, world.b, world.amina, status="draft", alt="Secret beach")
    walk = walk_of(client, world)
    html = walk.get_data(as_text=True)
    assert walk.status_code == 200 and f"/media/{here.id}/" in html  # the walk, with its views
    assert "Secret beach" not in html and f"/media/{draft.id}/" not in html
    login_as(client, world.amina)  # not even its author: the walk is of published stories
    assert "Secret beach" not in walk_of(client, world).get_data(as_text=True)


def test_the_walk_page_in_french(client, world, places):
    html = client.get(
        f"/exchanges/{world.exchange.id}/walk", headers={"Accept-Language": "fr"}
    ).get_data(as_text=True)
    assert "Marcher entre les deux lieux" in html


def test_an_unknown_exchange_has_no_walk(client, world):
    assert client.get("/exchanges/999999/walk").status_code == 404
