"""The demo data gives a new visitor real paired stories, and keeps the private exchange private."""

import pytest

from storyhub.demo import seed_demo
from storyhub.exchanges.models import Exchange
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.stories.models import Story


@pytest.fixture
def demo():
    seed_demo(with_media=False)
    return {e.title: e for e in db.session.scalars(db.select(Exchange))}


def test_demo_has_a_public_pair_the_public_can_read(client, demo):
    public = demo["Vivre ensemble, ici et là-bas"]
    assert public.is_public
    page = client.get(f"/rounds/{public.rounds[0].id}", headers={"Accept-Language": "fr"})
    assert page.status_code == 200
    assert "Le marché des Capucins".encode() in page.data
    assert b"La barge de 7 heures" in page.data


def test_demo_private_exchange_stays_hidden_from_the_public(client, demo):
    private = demo["Rivers and sea / Le fleuve et la mer"]
    assert not private.is_public
    assert client.get(f"/exchanges/{private.id}").status_code == 404
    assert b"Swimming at the Lee Fields" not in client.get("/explore").data


def test_demo_story_waiting_for_review_is_not_public(client, demo):
    waiting = db.session.scalar(db.select(Story).filter_by(status="submitted"))
    assert waiting is not None
    assert client.get(f"/stories/{waiting.id}").status_code == 404


def test_seeding_twice_adds_no_second_exchange(demo):
    seed_demo(with_media=False)
    assert db.session.scalar(db.select(db.func.count(Exchange.id))) == len(demo)


def test_the_demo_follows_its_own_advice_no_school_or_class_in_a_public_name(client):
    seed_demo(with_media=False)
    bordeaux = db.session.scalar(db.select(Group).filter_by(name="Les Quais de Bordeaux"))
    assert bordeaux.internal_name == "4e B — Collège Jean Moulin"  # for its educators only
    page = client.get("/explore").get_data(as_text=True)
    assert "Les Quais de Bordeaux" in page and "Jean Moulin" not in page
