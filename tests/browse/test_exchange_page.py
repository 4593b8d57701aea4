"""The public exchange page: places face to face, the route, pairs per round, featuring."""

import re

from storyhub.extensions import db
from tests import factories
from tests.browse.helpers import photo, queries_for, seed_stories

# Exchange page (anonymous): fingerprint, the exchange, its two groups and two territories
# (loaded one by one by the exchanges view), rounds, themes, pictures (2), the rounds'
# published stories: 11.
# 2 more: who appears in the photos and their image consent; 1 more: the impact summary's balance.
# 1 more: whether a door of "Walk between the two places" is visible to the reader.
EXCHANGE_QUERIES = 15


def test_public_exchange_page_shows_places_pairs_in_order_and_the_route(english_client, states):
    exchange = states.public
    later = factories.make_round(exchange, question="And what about tomorrow?")
    factories.make_story(later, exchange.invited_group, status="approved", title="Tomorrow nets")
    page = english_client.get(f"/exchanges/{exchange.id}").get_data(as_text=True)
    here, there = (g.territory for g in exchange.groups)
    assert f'href="/places/{here.slug}"' in page and f'href="/places/{there.slug}"' in page
    assert "km apart" in page and "Map joining Sunhaven and Tidemouth" in page
    assert page.index("What is your harbour like?") < page.index("And what about tomorrow?")
    assert page.index("Publicstory Lanterns") < page.index("And what about tomorrow?")
    assert "Tomorrow nets" in page and "Awaiting their answer" in page
    for status in ("draft", "submitted", "rejected", "unpublished"):
        assert f"Hidden {status} story" not in page
    assert re.search(r"/static/vendor/world-atlas/land-110m\.[0-9a-f]{12}\.svg", page)


def test_the_exchange_page_leads_to_its_impact(english_client, states):
    response = english_client.get(f"/exchanges/{states.public.id}")
    assert response.status_code == 200 and 'id="exchange-title"' in response.text
    assert 'id="impact"' in response.text
    assert f'href="/exchanges/{states.public.id}/impact"' in response.text


def test_a_child_s_story_photo_never_illustrates_the_places_on_its_own(client, states):
    page = client.get(f"/exchanges/{states.public.id}").get_data(as_text=True)
    assert "Publicstory Lanterns" in page  # its photo "Lanterns on the quay" is public
    assert "/media/" not in page and "face__picture" not in page


def test_the_photo_an_educator_chose_illustrates_the_places(client, states):
    public_photo = states.public_story.blocks[-1].media  # "Lanterns on the quay"
    states.public.cover_media_id = public_photo.id
    db.session.commit()
    page = client.get(f"/exchanges/{states.public.id}").get_data(as_text=True)
    assert f"/media/{public_photo.id}/" in page and "face__picture" in page
    assert "Hidden draft photo" not in page


def test_members_see_their_twins_stories_but_never_drafts_on_a_private_exchange(as_user, states):
    private = states.hidden_exchanges["private"]
    member = factories.make_young(private.inviting_group)
    page = as_user(member).get(f"/exchanges/{private.id}").get_data(as_text=True)
    assert "Hidden private twin story" in page
    assert (
        as_user(member).get(f"/exchanges/{private.id}").headers["Cache-Control"]
        == "private, no-cache"
    )


def test_admin_can_feature_and_unfeature_a_public_exchange(as_user, client, states):
    admin = as_user(factories.make_admin())
    page = admin.get(f"/exchanges/{states.public.id}").get_data(as_text=True)
    assert f'action="/exchanges/{states.public.id}/feature"' in page
    admin.post(f"/exchanges/{states.public.id}/feature", data={"featured": "1"})
    assert states.public.featured_at is not None
    admin.post(f"/exchanges/{states.public.id}/feature", data={"featured": "0"})
    assert states.public.featured_at is None


def test_admin_cannot_feature_a_private_exchange(as_user, states):
    private = states.hidden_exchanges["private"]
    admin = as_user(factories.make_admin())
    response = admin.post(
        f"/exchanges/{private.id}/feature", data={"featured": "1"}, follow_redirects=True
    )
    assert private.featured_at is None
    assert "only a public one" in response.get_data(as_text=True) or "publi" in response.get_data(
        as_text=True
    )


def test_nobody_but_an_admin_may_feature(as_user, client, states):
    url = f"/exchanges/{states.public.id}/feature"
    assert client.post(url, data={"featured": "1"}).status_code == 302  # to sign in
    educator = states.public.inviting_group.educators[0]
    assert as_user(educator).post(url, data={"featured": "1"}).status_code == 403
    young = factories.make_young(states.public.inviting_group)
    assert as_user(young).post(url, data={"featured": "1"}).status_code == 403
    assert states.public.featured_at is None
    page = as_user(educator).get(f"/exchanges/{states.public.id}").get_data(as_text=True)
    assert "/feature" not in page


def test_feature_requires_a_post_and_a_real_exchange(as_user):
    admin = as_user(factories.make_admin())
    assert admin.get("/exchanges/1/feature").status_code == 405
    assert admin.post("/exchanges/999999/feature", data={"featured": "1"}).status_code == 404


def test_exchange_page_runs_the_same_small_number_of_queries_with_5_or_200_stories(client):
    round_ = seed_stories(5, exchanges=1)[0]
    second = factories.make_round(round_.exchange, question="A second question?")
    url = f"/exchanges/{round_.exchange_id}"
    # A photo from the start: who appears in it and their image consent load once for all.
    photo(factories.make_story(round_, round_.exchange.groups[0], status="approved"), alt="One")
    few = queries_for(client, url)
    for n in range(194):
        target = (round_, second)[n % 2]
        story = factories.make_story(target, target.exchange.groups[n % 2], status="approved")
        if n % 20 == 0:
            photo(story, alt=f"Photo {n}")
    assert queries_for(client, url) == few
    assert few <= EXCHANGE_QUERIES, few


def test_a_photo_attached_to_a_public_story_but_in_no_block_is_never_a_territory_picture(
    client, states
):
    stray = photo(states.public_story, alt="Never placed in the story", placed=False)
    states.public.cover_media_id = states.public_story.blocks[-1].media.id  # the placed one
    db.session.commit()
    page = client.get(f"/exchanges/{states.public.id}").get_data(as_text=True)
    assert "face__picture" in page  # the placed photo still illustrates the places
    assert f"/media/{stray.id}/" not in page
    assert client.get(f"/media/{stray.id}/480w-{states.public_story.id}.webp").status_code == 404
