"""A group's public name should not tell the school or the class: a warning to the educator, and
an internal name that only the group's educators see."""

import pytest

from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.groups.names import school_hints
from tests import factories
from tests.groups.test_views import _group_form

EN = {"Accept-Language": "en"}


@pytest.mark.parametrize(
    "name, found",
    [
        ("4e B, Collège Jean Moulin", ["college", "4e b"]),
        ("Year 8 Oakfield School", ["school", "year 8"]),
        ("Classe de CM2", ["classe", "cm2"]),
        ("Lycée Montaigne", ["lycee"]),
        ("3ème C", ["3eme c"]),
    ],
)
def test_school_names_and_class_labels_are_found(name, found):
    assert school_hints(name) == found


@pytest.mark.parametrize(
    "name", ["Les reporters de la Garonne", "Club ado de Mamoudzou", "Les 2 rives", "Cap Ferret"]
)
def test_names_that_tell_nothing_pass(name):
    assert school_hints(name) == []


def test_a_school_name_is_warned_and_nothing_typed_is_lost(as_user, educator, territory):
    data = _group_form(territory, name="4e B, Collège Jean Moulin", internal_name="Salle 12")
    page = as_user(educator).post("/groups/new", data=data, headers=EN)
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "seems to tell the school or the class" in text and "“college”" in text
    assert 'value="4e B, Collège Jean Moulin"' in text and 'value="Salle 12"' in text
    assert 'name="keep_name"' in text and "On fait de la radio." in text
    assert db.session.scalar(db.select(Group)) is None


def test_the_educator_may_keep_the_name_after_the_warning(as_user, educator, territory):
    data = _group_form(territory, name="Les 4e B", keep_name="y")
    assert as_user(educator).post("/groups/new", data=data, headers=EN).status_code == 302
    assert db.session.scalar(db.select(Group.name)) == "Les 4e B"


def test_editing_a_group_into_a_school_name_is_warned_too(as_user, educator, territory):
    group = factories.make_group(educator, territory, name="Les Lilas")
    data = _group_form(territory, name="Lycée Montaigne")
    page = as_user(educator).post(f"/groups/{group.id}/edit", data=data, headers=EN)
    assert page.status_code == 200 and b"seems to tell the school" in page.data
    db.session.refresh(group)
    assert group.name == "Les Lilas"


def test_the_internal_name_is_for_the_group_s_educators_only(as_user, client, educator, territory):
    data = _group_form(territory, name="Les Lilas", internal_name="5e A Collège Zola")
    assert as_user(educator).post("/groups/new", data=data, headers=EN).status_code == 302
    group = db.session.scalar(db.select(Group))
    assert group.internal_name == "5e A Collège Zola"
    own = as_user(educator).get(f"/groups/{group.id}", headers=EN).get_data(as_text=True)
    assert "5e A Collège Zola" in own
    member = factories.make_young(group)
    mine = as_user(member).get(f"/groups/{group.id}", headers=EN)
    assert mine.status_code == 200 and "Collège Zola" not in mine.get_data(as_text=True)
    exchange = factories.make_exchange(group, public=True, title="Lilas")
    client.delete_cookie("session")
    for url in (
        f"/exchanges/{exchange.id}",
        f"/places/{territory.slug}",
        f"/api/v1/exchanges/{exchange.id}",
    ):
        response = client.get(url, headers=EN)
        assert response.status_code == 200, url
        text = response.get_data(as_text=True)
        assert "Les Lilas" in text and "Collège Zola" not in text, url
