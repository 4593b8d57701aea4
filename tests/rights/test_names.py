"""Rectification: a young person asks for a new display name, their educator decides; adults
change their own name and organisation. The new name replaces the old one everywhere."""

import pytest

from storyhub.accounts.models import User
from storyhub.extensions import db
from storyhub.notifications.models import Notification
from storyhub.stories.models import Story
from tests import factories
from tests.rights.conftest import EN, FR


def _reload(user) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


def test_a_young_person_asks_for_a_new_name(as_user, world):
    response = as_user(world.lea).post("/account/name", data={"display_name": "Lou"}, headers=EN)
    assert response.status_code == 302
    lea = _reload(world.lea)
    assert lea.requested_name == "Lou" and lea.display_name == "Léa"  # not before the educator
    notice = db.session.scalar(db.select(Notification).filter_by(kind="name_requested"))
    assert notice.user_id == world.edu_a.id
    roster = as_user(world.edu_a).get(f"/groups/{world.a.id}", headers=EN)
    assert "asks to be called “Lou”".encode() in roster.data


@pytest.mark.parametrize(
    "name, message",
    [
        ("Lou 06 12 34 56 78", b"phone"),
        ("", b"This field is required"),
        ("x" * 41, b"Field cannot be longer than 40 characters"),
        ("Léa", b"This is already your name"),
    ],
)
def test_a_name_asked_for_is_checked_and_kept_in_the_form(as_user, world, name, message):
    page = as_user(world.lea).post("/account/name", data={"display_name": name}, headers=EN)
    assert page.status_code == 400
    assert message in page.data
    if name:
        assert name.encode() in page.data  # what was typed stays in the field
    assert _reload(world.lea).requested_name is None


def test_the_educator_approves_and_the_name_changes_everywhere(app, as_user, world):
    as_user(world.lea).post("/account/name", data={"display_name": "Lou"})
    url = f"/groups/{world.a.id}/members/{world.lea.id}/name"
    response = as_user(world.edu_a).post(url, data={"display_name": "Lou"}, headers=EN)
    assert response.status_code == 302
    lea = _reload(world.lea)
    assert lea.display_name == "Lou" and lea.requested_name is None
    together = db.session.get(Story, world.together.id)
    assert together.blocks[0].body_html == "<p>Lou et Yanis filment la place.</p>"
    visitor = app.test_client()
    page = visitor.get(f"/stories/{world.together.id}", headers=FR).get_data(as_text=True)
    assert "Lou" in page and "Léa" not in page
    assert "Léa" not in visitor.get("/feeds/stories.atom").text
    told = db.session.scalar(db.select(Notification).filter_by(kind="name_changed"))
    assert told.user_id == lea.id


def test_the_educator_refuses_and_the_young_person_is_told(as_user, world):
    as_user(world.lea).post("/account/name", data={"display_name": "Lou"})
    url = f"/groups/{world.a.id}/members/{world.lea.id}/name/refuse"
    assert as_user(world.edu_a).post(url).status_code == 302
    lea = _reload(world.lea)
    assert lea.requested_name is None and lea.display_name == "Léa"
    told = db.session.scalar(db.select(Notification).filter_by(kind="name_refused"))
    assert told.user_id == lea.id


@pytest.mark.parametrize("who", ["edu_b", "stranger", "yanis", "lea"])
def test_others_cannot_rename_a_young_person(as_user, world, who):
    people = {
        "edu_b": world.edu_b,
        "stranger": factories.make_educator(),
        "yanis": world.yanis,
        "lea": world.lea,  # she asks; only her educator changes it
    }
    url = f"/groups/{world.a.id}/members/{world.lea.id}/name"
    response = as_user(people[who]).post(url, data={"display_name": "Lou"}, headers=EN)
    assert response.status_code == 403
    assert b"Not allowed" in response.data
    assert _reload(world.lea).display_name == "Léa"


def test_a_flagged_name_is_refused_to_the_educator_too(as_user, world):
    url = f"/groups/{world.a.id}/members/{world.lea.id}/name"
    page = as_user(world.edu_a).post(url, data={"display_name": "@lea_snap"}, headers=EN)
    assert page.status_code == 400
    assert b"@lea_snap" in page.data
    assert _reload(world.lea).display_name == "Léa"


def test_an_adult_changes_their_name_and_organisation(as_user, world):
    response = as_user(world.edu_a).post(
        "/account/name",
        data={"display_name": "Claire Durand", "organisation": "Collège Jean Moulin"},
        headers=EN,
    )
    assert response.status_code == 302
    educator = _reload(world.edu_a)
    assert (educator.display_name, educator.organisation) == (
        "Claire Durand",
        "Collège Jean Moulin",
    )
    roster = as_user(world.edu_a).get(f"/groups/{world.a.id}", headers=EN)
    assert b"Claire Durand" in roster.data
