"""Look-alike names: a username that looks like a taken one (Unicode TS #39 skeleton), or shows
nothing, is refused at join with a clear message, the rest of the form kept."""

import pytest

from storyhub.accounts.models import User
from storyhub.core.confusables import name_skeleton
from storyhub.extensions import db
from tests import factories
from tests.accounts.test_join import EN, FR, _join

LOOKALIKE = "This username is taken. Add a number or a letter."
NO_LETTERS = "A username needs visible letters or digits"


@pytest.fixture
def lea(group):
    young = factories.make_young(group, name="Léa")
    young.username, young.username_key = "lea.bor", "lea.bor"
    db.session.commit()
    return young


def _usernames():
    return set(db.session.scalars(db.select(User.username))) - {None}


@pytest.mark.parametrize(
    "username",
    [
        "l\u0435a.bor",  # Cyrillic е
        "lea.b\u03bfr",  # Greek ο
        "\u0406ea.bor",  # Cyrillic І, which looks like l
        "LEA.BOR",
        "ｌｅａ.ｂｏｒ",  # fullwidth
    ],
)
def test_a_lookalike_of_a_taken_username_is_refused(client, group, lea, username):
    page = _join(client, group.join_code, username=username, display_name="Nour")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert LOOKALIKE in html
    assert 'value="Nour"' in html  # what was typed is kept
    assert _usernames() == {"lea.bor"}


def test_the_lookalike_message_is_in_french_too(client, group, lea):
    taken = _join(client, group.join_code, headers=FR, username="l\u0435a.bor")
    assert "Ce nom d’utilisateur est pris. Ajoutez un chiffre" in taken.get_data(as_text=True)


def test_a_cyrillic_admin_is_refused_beside_admin(client, group):
    factories.make_young(group).username = "admin"
    db.session.commit()
    page = _join(client, group.join_code, username="\u0430dmin")
    assert LOOKALIKE in page.get_data(as_text=True)


@pytest.mark.parametrize("username", ["lea.bor2", "léa.bor", "lea-bor"])
def test_a_different_username_is_accepted(client, group, lea, username):
    page = _join(client, group.join_code, username=username)
    assert page.status_code == 302
    assert username in _usernames()


@pytest.mark.parametrize(
    "username",
    ["\u3164\u3164\u3164", "\u0640\u0640\u0640", "lea\u3164bor", "le\u0640a.bor", "___"],
)
def test_a_username_of_fillers_or_stretching_signs_is_refused(client, group, username):
    for headers, words in ((EN, NO_LETTERS), (FR, "Un nom d’utilisateur a besoin de lettres")):
        page = _join(client, group.join_code, headers=headers, username=username)
        assert page.status_code == 200
        assert words in page.get_data(as_text=True)
    assert _usernames() == set()


@pytest.mark.parametrize("name", ["\u3164", "\u3164\u3164", "L\u200bea", "\u2800"])
def test_a_display_name_that_shows_nothing_is_refused(client, group, name):
    page = _join(client, group.join_code, display_name=name)
    assert page.status_code == 200
    assert "A name needs visible letters" in page.get_data(as_text=True)
    assert _usernames() == set()


def test_a_display_name_made_to_look_like_a_group_members_is_refused(as_user, educator, group):
    factories.make_young(group, name="Paul")
    client = as_user(educator)
    page = client.post(
        f"/groups/{group.id}/members/new", data={"names": "P\u0430ul"}, headers=EN
    )  # Cyrillic а
    assert "looks like the name of someone else in the group" in page.get_data(as_text=True)
    same = client.post(f"/groups/{group.id}/members/new", data={"names": "Paul"}, headers=EN)
    assert same.status_code == 200 and "looks like" not in same.get_data(as_text=True)
    names = db.session.scalars(db.select(User.display_name).filter_by(group_id=group.id)).all()
    assert sorted(names) == ["Paul", "Paul"]  # two real Pauls are fine


def test_every_username_carries_its_skeleton(group):
    young = factories.make_young(group)
    young.username = "l\u0435a"
    db.session.commit()
    assert young.username_skeleton == name_skeleton("lea") == "lea"
