"""Look-alike group names: a group named to imitate another group (Unicode TS #39 skeleton,
written otherwise: Cyrillic or Greek letters, a capital i for an l) is refused at creation and at
a rename with a clear message, what was typed kept; the same name written the same way is not."""

import pytest

from storyhub.extensions import db
from storyhub.groups.models import Group
from tests import factories
from tests.groups.test_views import _group_form

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}
REFUSED = "This name looks like the name of another group"
REFUSED_FR = "Ce nom ressemble au nom d’un autre groupe"


@pytest.fixture
def lilas(territory):
    return factories.make_group(factories.make_educator(), territory, name="Club des Lilas")


@pytest.mark.parametrize(
    "name",
    ["Club des Lil\u0430s", "C\u0406ub des Lilas", "Club d\u0435s Lil\u03b1s", "CIub des Lilas"],
)
def test_a_group_named_like_another_group_is_refused(as_user, educator, territory, lilas, name):
    page = as_user(educator).post("/groups/new", data=_group_form(territory, name=name), headers=EN)
    html = page.get_data(as_text=True)
    assert page.status_code in (200, 400) and REFUSED in html
    assert "On fait de la radio." in html  # what was typed is kept
    assert db.session.scalar(db.select(db.func.count(Group.id))) == 1


@pytest.mark.parametrize("name", ["Club des Lilas", "club des lilas", "Club des Lilas 2", "Lilas"])
def test_a_namesake_or_another_name_is_accepted(as_user, educator, territory, lilas, name):
    page = as_user(educator).post("/groups/new", data=_group_form(territory, name=name), headers=EN)
    assert page.status_code == 302
    assert db.session.scalar(db.select(db.func.count(Group.id))) == 2


def test_the_refusal_is_in_french_too(as_user, educator, territory, lilas):
    form = _group_form(territory, name="Club des Lil\u0430s")
    page = as_user(educator).post("/groups/new", data=form, headers=FR)
    assert REFUSED_FR in page.get_data(as_text=True)


def test_renaming_a_group_into_a_lookalike_is_refused(as_user, group, territory, lilas):
    educator = group.educators[0]
    form = _group_form(territory, name="Club des Lil\u0430s")
    page = as_user(educator).post(f"/groups/{group.id}/edit", data=form, headers=EN)
    assert REFUSED in page.get_data(as_text=True)
    db.session.refresh(group)
    assert group.name != "Club des Lil\u0430s"


def test_a_group_keeps_its_own_name_when_edited(as_user, territory, lilas):
    educator = lilas.educators[0]
    form = _group_form(territory, name="Club des Lilas", presentation="Radio et photo.")
    page = as_user(educator).post(f"/groups/{lilas.id}/edit", data=form, headers=EN)
    assert page.status_code == 302
    db.session.refresh(lilas)
    assert lilas.presentation == "Radio et photo."
