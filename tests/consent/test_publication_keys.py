"""The two publication keys never make public a story whose young author's parental consent
does not cover the public site (recorded as No, narrowed to the exchange, or never recorded):
it stays inside the exchange on every surface, both educators are told which and why (the
first key already warns), and it goes public as soon as the consent covers the public site."""

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_PARENTAL, SCOPE_EXCHANGE, SCOPE_PUBLIC, Consent
from storyhub.notifications.models import Notification
from tests import factories
from tests.conftest import login_as

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}
TITLE = "Quillebeuf harbour at noon"
PLACES = {
    "story page": lambda w, s: f"/stories/{s.id}",
    "pair page": lambda w, s: f"/rounds/{w.round.id}",
    "exchange page": lambda w, s: f"/exchanges/{w.exchange.id}",
    "home": lambda w, s: "/",
    "search": lambda w, s: "/search?q=Quillebeuf",
    "stories feed": lambda w, s: "/feeds/stories.atom",
    "exchange feed": lambda w, s: f"/feeds/exchanges/{w.exchange.id}.atom",
    "sitemap": lambda w, s: "/sitemaps/stories-0.xml",  # the file listing its id
    "API list": lambda w, s: "/api/v1/stories",
    "API item": lambda w, s: f"/api/v1/stories/{s.id}",
}
CONSENTS = {
    "parental consent No": {"granted": False},
    "scope exchange only": {"granted": True, "scope": SCOPE_EXCHANGE},
    "nothing recorded": None,
}


def set_parental(user, granted=True, scope=SCOPE_PUBLIC):
    consent = db.session.scalar(
        db.select(Consent).filter_by(user_id=user.id, kind=CONSENT_PARENTAL)
    )
    if granted is None:
        db.session.delete(consent)
    else:
        consent.granted, consent.scope = granted, scope
    db.session.commit()


def shows(client, url, story) -> bool:
    page = client.get(url)
    body = page.get_data(as_text=True)
    return page.status_code == 200 and (TITLE in body or f"/stories/{story.id}" in body)


@pytest.fixture
def stories(world):
    """Léa's and Amina's approved stories in the still private exchange."""
    lea = factories.make_story(world.round, world.a, [world.lea], status="approved", title=TITLE)
    amina = factories.make_story(world.round, world.b, [world.amina], status="approved")
    # both sides let search engines in, so the sitemap lists what is public
    world.exchange.inviting_indexable_at = world.exchange.invited_indexable_at = utcnow()
    db.session.commit()
    return lea, amina


def turn_keys(client, world, headers=EN):
    login_as(client, world.edu_a)
    first = client.post(f"/exchanges/{world.exchange.id}/publish", headers=headers)
    first = client.get(first.location, headers=headers).get_data(as_text=True)
    login_as(client, world.edu_b)
    second = client.post(f"/exchanges/{world.exchange.id}/publish", headers=headers)
    second = client.get(second.location, headers=headers).get_data(as_text=True)
    with client.session_transaction() as session:
        session.clear()
    return first, second


@pytest.mark.parametrize("consent", CONSENTS)
@pytest.mark.parametrize("place", PLACES)
def test_the_second_key_keeps_the_story_inside_on_every_surface(
    client, world, stories, place, consent
):
    lea_story, _ = stories
    change = CONSENTS[consent]
    set_parental(world.lea, granted=None) if change is None else set_parental(world.lea, **change)
    turn_keys(client, world)
    assert world.exchange.is_public
    url = PLACES[place](world, lea_story)
    assert not shows(client, url, lea_story)
    if change is None:
        db.session.add(Consent(user_id=world.lea.id, kind=CONSENT_PARENTAL, granted=True))
        db.session.commit()
    else:
        set_parental(world.lea, granted=True, scope=SCOPE_PUBLIC)
    assert shows(client, url, lea_story)


def test_the_other_story_goes_public(client, world, stories):
    set_parental(world.lea, granted=False)
    turn_keys(client, world)
    assert client.get(f"/stories/{stories[1].id}").status_code == 200


def test_both_educators_are_told_which_and_why(client, world, stories):
    set_parental(world.lea, granted=True, scope=SCOPE_EXCHANGE)
    first, second = turn_keys(client, world)
    assert "When the exchange becomes public, these stories will stay inside it" in first
    assert f"“{TITLE}”" in first
    assert "These stories stay inside the exchange, because the parental consent" in second
    told = db.session.scalars(db.select(Notification).filter_by(kind="exchange_kept_inside"))
    assert {n.user_id for n in told} == {world.edu_a.id, world.edu_b.id}


def test_the_warning_speaks_french(client, world, stories):
    set_parental(world.lea, granted=False)
    _, second = turn_keys(client, world, headers=FR)
    assert "Ces récits restent dans l’échange" in second


def test_nothing_is_said_when_every_author_consents(client, world, stories):
    first, second = turn_keys(client, world)
    assert "stay inside" not in first + second
    assert db.session.scalar(db.select(Notification).filter_by(kind="exchange_kept_inside")) is None


def test_the_twin_group_still_reads_a_story_scoped_to_the_exchange(client, world, stories):
    set_parental(world.lea, granted=True, scope=SCOPE_EXCHANGE)
    turn_keys(client, world)
    login_as(client, world.amina)
    assert client.get(f"/stories/{stories[0].id}").status_code == 200


def test_the_exchange_page_says_it_to_its_educators_only(client, world, stories):
    set_parental(world.lea, granted=False)
    turn_keys(client, world)
    page = f"/exchanges/{world.exchange.id}"
    for educator in (world.edu_a, world.edu_b):
        login_as(client, educator)
        assert "These stories stay inside the exchange" in client.get(page, headers=EN).get_data(
            as_text=True
        )
    for reader in (world.amina, world.lea):
        login_as(client, reader)
        assert "stay inside" not in client.get(page, headers=EN).get_data(as_text=True)
    with client.session_transaction() as session:
        session.clear()
    assert "stay inside" not in client.get(page, headers=EN).get_data(as_text=True)
