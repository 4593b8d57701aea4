"""Portals between the two places: a 360° view here joined to the matching one over there.

A portal is sent to a reader only while the one media rule lets them see *both* panoramas: a
consent withdrawn on either side, a story hidden or unpublished, a private exchange take it out
of the page and its data at once. Placing one: the educators of either side, from their own
panorama, at any time; the story's young authors only while the story is editable by them (a
portal is part of the story, moderated with it); always to a published panorama of the twin
group in the same exchange.
"""

import pytest

from storyhub.core.errors import DomainError
from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_IMAGE, CONSENT_PARENTAL, Consent
from storyhub.media import services
from storyhub.media.models import PanoramaPortal
from storyhub.media_pages import portals
from storyhub.media_pages.permissions import is_public_media
from tests import factories
from tests.conftest import login_as
from tests.search.helpers import add_media

RENDITIONS = [
    {"name": "phone.jpg", "role": "phone", "format": "jpeg", "width": 4096, "height": 2048},
    {"name": "p-960.jpg", "role": "fallback", "format": "jpeg", "width": 960, "height": 480},
]


def panorama(world, group, author, status="approved", alt="The market"):
    story = factories.make_story(world.round, group, authors=[author], status=status)
    return add_media(story, kind="panorama", renditions=RENDITIONS, alt_text=alt)


@pytest.fixture
def places(world):
    """A public exchange; the market here (Léa's story) and over there (Amina's), joined."""
    world.exchange.inviting_published_at = world.exchange.invited_published_at = utcnow()
    db.session.commit()
    here = panorama(world, world.a, world.lea, alt="The market of Les Capucins")
    there = panorama(world, world.b, world.amina, alt="The market of Mamoudzou")
    portals.place_portal(world.edu_a, here, there.id, 90, -90)
    return here, there


def sends(client, page_media, other) -> bool:
    """The story page of page_media answers and holds anything of other (its files or anchor)."""
    page = client.get(f"/stories/{page_media.story_id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    return f"/media/{other.id}/" in html or f"panorama-{other.id}" in html


def withdraw(user, kind):
    consent = db.session.scalar(db.select(Consent).filter_by(user_id=user.id, kind=kind))
    consent.granted = False
    db.session.commit()


def test_a_reader_walks_from_the_market_here_to_the_one_over_there_and_back(client, places):
    here, there = places
    page = client.get(f"/stories/{here.story_id}").get_data(as_text=True)
    assert f'data-portal="/media/{there.id}/phone.jpg"' in page
    assert 'data-portal-yaw="90' in page and 'data-portal-back-yaw="-90' in page
    assert f"/stories/{there.story_id}#panorama-{there.id}" in page  # without JavaScript too
    back = client.get(f"/stories/{there.story_id}").get_data(as_text=True)
    assert f'data-portal="/media/{here.id}/phone.jpg"' in back
    assert f"/stories/{here.story_id}#panorama-{here.id}" in back


WITHDRAWALS = {
    "parental consent over there": lambda w: withdraw(w.amina, CONSENT_PARENTAL),
    "parental consent here": lambda w: withdraw(w.lea, CONSENT_PARENTAL),
    "image consent over there": lambda w: withdraw(w.amina, CONSENT_IMAGE),
    "image consent here": lambda w: withdraw(w.lea, CONSENT_IMAGE),
}


@pytest.mark.parametrize("withdrawal", WITHDRAWALS)
def test_a_consent_withdrawn_on_either_side_takes_the_portal_out_at_once(
    client, world, places, withdrawal
):
    here, there = places
    services.tag_people(here, [world.lea])
    services.tag_people(there, [world.amina])
    assert sends(client, here, there) and sends(client, there, here)
    WITHDRAWALS[withdrawal](world)
    # whichever end went, neither page sends the door, nor anything of the end that went
    gone = [m for m in (here, there) if not is_public_media(m)]
    assert len(gone) == 1
    for page_media in (here, there):
        page = client.get(f"/stories/{page_media.story_id}")
        html = page.get_data(as_text=True)
        assert page.status_code in (200, 404)  # parental consent: that story went with it
        assert "data-portal=" not in html and "data-portal-link" not in html
        assert f"/media/{gone[0].id}/" not in html and f"panorama-{gone[0].id}" not in html


def test_the_portal_comes_back_with_the_consent(client, world, places):
    here, there = places
    withdraw(world.amina, CONSENT_PARENTAL)
    assert not sends(client, here, there)
    consent = db.session.scalar(
        db.select(Consent).filter_by(user_id=world.amina.id, kind=CONSENT_PARENTAL)
    )
    consent.granted = True
    db.session.commit()
    assert sends(client, here, there)


@pytest.mark.parametrize("change", ["hidden after reports", "unpublished", "media hidden"])
def test_a_portal_to_a_hidden_story_is_never_sent(client, places, change):
    here, there = places
    if change == "hidden after reports":
        there.story.hidden_at = utcnow()
    elif change == "unpublished":
        there.story.status = "unpublished"
    else:
        there.hidden_at = utcnow()
    db.session.commit()
    assert not sends(client, here, there)
    assert portals.visible_portal(factories.make_admin(), here) is not None  # admins see all


def test_inside_a_private_exchange_only_its_members_walk_through(client, world, places):
    here, there = places
    world.exchange.invited_published_at = None
    db.session.commit()
    assert client.get(f"/stories/{here.story_id}").status_code == 404
    login_as(client, world.amina)
    assert sends(client, here, there)
    login_as(client, world.stranger)
    assert client.get(f"/stories/{here.story_id}").status_code == 404


def test_the_rule_is_the_media_rule_on_both_ends(world, places):
    """visible_portal asks can_view_media for each end: a visitor, a stranger, a member."""
    here, there = places
    from storyhub.accounts.models import AnonymousUser

    assert portals.visible_portal(AnonymousUser(), here).there.id == there.id
    withdraw(world.amina, CONSENT_IMAGE)
    services.tag_people(there, [world.amina])
    assert portals.visible_portal(AnonymousUser(), here) is None
    assert portals.visible_portal(world.edu_b, here) is not None  # their own group's view


@pytest.mark.parametrize("who", ["edu_a", "lea"])
def test_the_authors_and_their_educators_place_a_portal(client, world, who):
    world.exchange.inviting_published_at = world.exchange.invited_published_at = utcnow()
    db.session.commit()
    here = panorama(world, world.a, world.lea, status="draft")
    there = panorama(world, world.b, world.amina)
    login_as(client, getattr(world, who))
    page = client.get(f"/media/{here.id}").get_data(as_text=True)
    assert 'id="portal"' in page and f'value="{there.id}"' in page
    answer = client.post(
        f"/media/{here.id}/portal", data={"there": there.id, "yaw_here": 0, "yaw_there": 180}
    )
    assert answer.status_code == 302
    link = portals.portal_of(here)
    assert link is not None and link.ends(here.id)[2].id == there.id


def test_the_educator_over_there_places_it_from_their_own_view(client, world):
    here = panorama(world, world.a, world.lea)
    there = panorama(world, world.b, world.amina)
    login_as(client, world.edu_b)
    answer = client.post(
        f"/media/{there.id}/portal", data={"there": here.id, "yaw_here": 0, "yaw_there": 0}
    )
    assert answer.status_code == 302 and portals.portal_of(here) is not None


@pytest.mark.parametrize("who", ["amina", "edu_b", "stranger", "outsider_educator"])
def test_nobody_else_places_a_portal_in_a_view_that_is_not_theirs(client, world, who):
    here = panorama(world, world.a, world.lea)
    there = panorama(world, world.b, world.amina)
    login_as(client, getattr(world, who))
    answer = client.post(
        f"/media/{here.id}/portal", data={"there": there.id, "yaw_here": 0, "yaw_there": 0}
    )
    assert answer.status_code == 404
    assert portals.portal_of(here) is None
    assert 'id="portal"' not in client.get(f"/media/{here.id}").get_data(as_text=True)


@pytest.mark.parametrize("target", ["draft over there", "own group's view", "another exchange"])
def test_a_portal_leads_only_to_a_published_view_of_the_twin_group(client, world, english, target):
    here = panorama(world, world.a, world.lea)
    if target == "draft over there":
        other = panorama(world, world.b, world.amina, status="draft")
    elif target == "own group's view":
        other = panorama(world, world.a, world.yanis)
    else:
        exchange = factories.make_exchange(world.a, factories.make_group(factories.make_educator()))
        round_ = factories.make_round(exchange)
        story = factories.make_story(round_, exchange.invited_group, status="approved")
        other = add_media(story, kind="panorama", renditions=RENDITIONS, alt_text="Elsewhere")
    assert other not in portals.portal_choices(world.edu_a, here)
    with pytest.raises(Exception, match="published 360° view"):
        portals.place_portal(world.edu_a, here, other.id, 0, 0)
    assert db.session.scalar(db.select(db.func.count(PanoramaPortal.id))) == 0


def test_placing_again_replaces_and_removing_takes_it_away_for_both(client, world, places):
    here, there = places
    second = panorama(world, world.b, world.amina, alt="The beach")
    portals.place_portal(world.edu_a, here, second.id, 0, 0)
    assert portals.portal_of(there) is None and portals.portal_of(second) is not None
    login_as(client, world.edu_b)
    assert client.post(f"/media/{second.id}/portal/remove").status_code == 302
    assert portals.portal_of(here) is None and portals.portal_of(second) is None


def test_a_deleted_view_takes_its_portal_with_it(world, places):
    here, there = places
    db.session.delete(there)
    db.session.commit()
    assert portals.portal_of(here) is None


# A portal is part of the story, moderated with it: a young author places or removes it only
# while the story is still theirs to edit; their educators at any time.


@pytest.mark.parametrize("status", ["draft", "changes_requested"])
def test_a_young_author_places_and_removes_a_portal_while_the_story_is_editable(
    client, world, status
):
    here = panorama(world, world.a, world.lea, status=status)
    there = panorama(world, world.b, world.amina)
    login_as(client, world.lea)
    assert 'id="portal"' in client.get(f"/media/{here.id}").get_data(as_text=True)
    answer = client.post(
        f"/media/{here.id}/portal", data={"there": there.id, "yaw_here": 0, "yaw_there": 0}
    )
    assert answer.status_code == 302 and portals.portal_of(here) is not None
    assert client.post(f"/media/{here.id}/portal/remove").status_code == 302
    assert portals.portal_of(here) is None


@pytest.mark.parametrize("status", ["submitted", "approved", "unpublished", "rejected"])
def test_a_young_author_cannot_place_a_portal_once_the_story_left_their_hands(
    client, world, status
):
    here = panorama(world, world.a, world.lea, status=status)
    there = panorama(world, world.b, world.amina)
    login_as(client, world.lea)
    assert 'id="portal"' not in client.get(f"/media/{here.id}").get_data(as_text=True)
    answer = client.post(
        f"/media/{here.id}/portal", data={"there": there.id, "yaw_here": 0, "yaw_there": 0}
    )
    assert answer.status_code == 404 and portals.portal_of(here) is None
    with pytest.raises(DomainError):
        portals.place_portal(world.lea, here, there.id, 0, 0)
    assert portals.portal_of(here) is None


def test_a_young_author_cannot_remove_the_portal_of_a_published_story(client, world, places):
    here, there = places  # both published, joined by the educator
    login_as(client, world.lea)
    assert client.post(f"/media/{here.id}/portal/remove").status_code == 404
    with pytest.raises(DomainError):
        portals.remove_portal(world.lea, here)
    assert portals.portal_of(here) is not None


@pytest.mark.parametrize("status", ["draft", "submitted", "approved"])
def test_the_educators_place_and_remove_a_portal_at_any_time(client, world, status):
    here = panorama(world, world.a, world.lea, status=status)
    there = panorama(world, world.b, world.amina)
    login_as(client, world.edu_a)
    answer = client.post(
        f"/media/{here.id}/portal", data={"there": there.id, "yaw_here": 0, "yaw_there": 0}
    )
    assert answer.status_code == 302 and portals.portal_of(here) is not None
    login_as(client, world.edu_b)  # the educator over there, from their own view
    assert client.post(f"/media/{there.id}/portal/remove").status_code == 302
    assert portals.portal_of(here) is None


# Joining a panorama to one over there replaces the portal that one had: a portal belongs to both
# stories, so the other story's rule holds for it (its authors while editable, its educators).


def _draft_over_there(world):
    return panorama(world, world.b, world.amina, status="draft", alt="The market, again")


def test_a_young_author_of_a_draft_cannot_replace_the_portal_of_a_published_view(
    client, world, places
):
    here, there = places  # both published, joined by the educator
    mine = _draft_over_there(world)
    assert here not in portals.portal_choices(world.amina, mine)
    with pytest.raises(DomainError):
        portals.place_portal(world.amina, mine, here.id, 0, 0)
    login_as(client, world.amina)
    answer = client.post(
        f"/media/{mine.id}/portal", data={"there": here.id, "yaw_here": 0, "yaw_there": 0}
    )
    assert answer.status_code == 302
    link = portals.portal_of(here)
    assert link is not None and link.ends(here.id)[2].id == there.id
    assert portals.portal_of(mine) is None


def test_a_young_author_of_a_draft_joins_a_free_published_view(world):
    here = panorama(world, world.a, world.lea)  # published, no portal yet
    mine = _draft_over_there(world)
    assert here in portals.portal_choices(world.amina, mine)
    portals.place_portal(world.amina, mine, here.id, 0, 0)
    assert portals.portal_of(here).ends(here.id)[2].id == mine.id


def test_only_the_educators_of_a_published_view_move_its_portal(world, places):
    here, there = places
    beach = panorama(world, world.b, world.amina, alt="The beach")  # published, free
    assert here not in portals.portal_choices(world.edu_b, beach)  # edu_b does not lead here's
    with pytest.raises(DomainError):
        portals.place_portal(world.edu_b, beach, here.id, 0, 0)
    assert portals.portal_of(here).ends(here.id)[2].id == there.id
    portals.place_portal(world.edu_a, here, beach.id, 0, 0)  # here's own educator may
    assert portals.portal_of(here).ends(here.id)[2].id == beach.id
    assert portals.portal_of(there) is None
