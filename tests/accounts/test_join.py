"""A young person joins a group with its code: no email, a display name, a password."""

import pytest

from storyhub.accounts.models import User
from storyhub.extensions import db
from storyhub.groups import services as groups
from tests import factories

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}


def _join(client, code, headers=EN, **changes):
    data = {
        "join_code": code,
        "display_name": "Léa",
        "username": "lea.b",
        "password": "mangue42",
        "confirm": "mangue42",
    }
    data.update(changes)
    return client.post("/join", data=data, headers=headers)


def _members(group):
    return db.session.scalars(db.select(User).filter_by(group_id=group.id)).all()


def test_young_person_joins_and_waits_in_their_space(client, group):
    page = _join(client, group.join_code)
    assert page.headers["Location"] == "/dashboard"
    assert _members(group) == []  # not a member until an educator approves
    [joined] = db.session.scalars(db.select(User).filter_by(username="lea.b")).all()
    assert joined.is_young and joined.email is None and joined.display_name == "Léa"
    space = client.get("/dashboard", headers=EN)
    assert b"Waiting for your educator" in space.data
    assert group.name.encode() not in space.data


def test_the_code_can_be_typed_in_lower_case_with_a_dash(client, group):
    code = groups.format_code(group.join_code).lower()
    assert _join(client, f"  {code} ").status_code == 302


def test_the_join_link_fills_the_code(client, group):
    page = client.get(f"/join?code={group.join_code}")
    assert f'value="{group.join_code}"'.encode() in page.data


@pytest.mark.parametrize("code", ["WRONGONE", "ABC", "", "x" * 21])
def test_a_wrong_code_is_refused_and_the_form_keeps_the_rest(client, group, code):
    page = _join(client, code)
    assert page.status_code == 200
    assert b'value="L\xc3\xa9a"' in page.data and b'value="lea.b"' in page.data
    assert b"mangue42" not in page.data
    assert _members(group) == []


def test_a_wrong_code_in_french(client, group):
    page = _join(client, "WRONGONE", headers=FR)
    assert b"Ce code ne fonctionne pas" in page.data


def test_a_disabled_code_no_longer_works(client, group):
    groups.set_join_code_enabled(group, False)
    assert b"This code does not work" in _join(client, group.join_code).data


def test_a_taken_username_is_refused_even_in_another_case(client, group):
    factories.make_young(group)  # young<n>
    taken = _members(group)[0].username.upper()
    page = _join(client, group.join_code, username=taken)
    assert b"This username is taken" in page.data
    assert f'value="{taken}"'.encode() in page.data


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"display_name": "L" * 41}, b"Field cannot be longer than 40 characters"),
        ({"username": "u" * 41}, b"Field cannot be longer than 40 characters"),
        ({"username": "léa dupont"}, b"3 to 40 letters"),
        ({"password": "azertyuiop", "confirm": "azertyuiop"}, b"too common"),
        ({"password": "court", "confirm": "court"}, b"at least 8"),
        ({"confirm": "mangue43"}, b"The two passwords differ"),
    ],
)
def test_bad_input_is_explained(client, group, changes, message):
    page = _join(client, group.join_code, **changes)
    assert page.status_code == 200
    assert message in page.data
    assert _members(group) == []


def test_the_join_form_never_asks_for_an_email(client):
    page = client.get("/join", headers=EN)
    assert page.status_code == 200 and b"<h1>Join my group</h1>" in page.data
    assert b'type="email"' not in page.data
    assert b'name="email"' not in page.data


@pytest.mark.parametrize("url", ["/join", "/signup"])
def test_a_signed_in_person_does_not_make_a_second_account(as_user, educator, group, url):
    client = as_user(educator)
    page = client.post(url, data={"join_code": group.join_code, "username": "other"}, headers=EN)
    assert page.headers["Location"] == "/dashboard"
    assert _members(group) == []
    assert b"already signed in" in client.get("/dashboard", headers=EN).data
