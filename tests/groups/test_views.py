"""Group pages: who may see and manage what, and forms that keep what was typed."""

import pytest

from storyhub.accounts.models import User
from storyhub.extensions import db
from storyhub.groups.models import Consent, Group
from tests import factories

EN = {"Accept-Language": "en"}

# (method, url) of every page that manages a group; {g} is the group, {m} one of its members
MANAGE_URLS = [
    ("get", "/groups/{g}/edit"),
    ("post", "/groups/{g}/edit"),
    ("post", "/groups/{g}/code/regenerate"),
    ("post", "/groups/{g}/code/disable"),
    ("post", "/groups/{g}/code/enable"),
    ("post", "/groups/{g}/educators"),
    ("get", "/groups/{g}/members/new"),
    ("post", "/groups/{g}/members/new"),
    ("get", "/groups/{g}/members/{m}/consent"),
    ("post", "/groups/{g}/members/{m}/consent"),
    ("post", "/groups/{g}/members/{m}/password"),
    ("post", "/groups/{g}/members/{m}/remove"),
    ("post", "/groups/{g}/members/{m}/age-band"),
]


def _group_form(territory, **changes):
    data = {
        "name": "Club des Lilas",
        "territory_id": str(territory.id),
        "kind": "club",
        "age_min": "12",
        "age_max": "15",
        "languages": ["fr", "en"],
        "presentation": "On fait de la radio.",
    }
    data.update(changes)
    return data


def test_verified_educator_creates_a_group_and_gets_its_code(as_user, educator, territory):
    client = as_user(educator)
    page = client.post("/groups/new", data=_group_form(territory), headers=EN)
    group = db.session.scalar(db.select(Group).filter_by(name="Club des Lilas"))
    assert page.headers["Location"] == f"/groups/{group.id}"
    detail = client.get(f"/groups/{group.id}", headers=EN)
    assert group.join_code[:4].encode() in detail.data and b"Join code" in detail.data


def test_pending_educator_cannot_create_a_group(as_user, pending_educator, territory):
    client = as_user(pending_educator)
    page = client.get("/groups/new", headers=EN, follow_redirects=True)
    assert b"waiting for verification" in page.data
    client.post("/groups/new", data=_group_form(territory))
    assert db.session.scalar(db.select(Group)) is None


def test_young_person_cannot_create_a_group(as_user, young, territory):
    assert as_user(young).post("/groups/new", data=_group_form(territory)).status_code == 403


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"name": "N" * 121}, b"Field cannot be longer than 120 characters"),
        ({"age_min": "16", "age_max": "12"}, b"youngest age must not be above"),
        ({"age_min": "douze"}, b"Not a valid integer value"),
        ({"age_max": "99"}, b"Enter an age between 11 and 25"),
        ({"age_min": "10"}, b"Enter an age between 11 and 25"),
        ({"languages": []}, b"Choose at least one language"),
        ({"languages": ["fr", "klingon"]}, b"not a valid choice"),
        ({"territory_id": "999999"}, b"Not a valid choice"),
        ({"territory_id": "abc"}, b"Invalid Choice"),
        ({"kind": "gang"}, b"Not a valid choice"),
    ],
)
def test_group_form_errors_keep_what_was_typed(as_user, educator, territory, changes, message):
    page = as_user(educator).post("/groups/new", data=_group_form(territory, **changes), headers=EN)
    assert page.status_code == 200
    assert message in page.data
    assert b"On fait de la radio." in page.data
    assert db.session.scalar(db.select(Group)) is None


def test_group_in_a_proposed_territory_is_refused(as_user, educator):
    proposed = factories.make_territory(status="proposed")
    page = as_user(educator).post("/groups/new", data=_group_form(proposed), headers=EN)
    assert page.status_code == 200
    assert db.session.scalar(db.select(Group)) is None


def test_educator_edits_their_group(as_user, educator, group, territory):
    page = as_user(educator).post(
        f"/groups/{group.id}/edit", data=_group_form(territory, name="Les Lilas")
    )
    assert page.status_code == 302
    assert group.name == "Les Lilas"


@pytest.mark.parametrize("method, url", MANAGE_URLS)
def test_an_educator_cannot_manage_a_group_they_do_not_lead(as_user, group, young, method, url):
    outsider = factories.make_educator()
    response = getattr(as_user(outsider), method)(url.format(g=group.id, m=young.id))
    assert response.status_code == 403
    assert db.session.get(User, young.id) is not None


# What the group's own educator gets at each address: the page (200 and its heading) or, for
# an action, the way back to the group (302 and where to). A refusal or a sign-in page fails.
ALLOWED_ANSWERS = {
    ("get", "/groups/{g}/edit"): (200, "<h1>Edit the group</h1>"),
    ("post", "/groups/{g}/edit"): (200, "<h1>Edit the group</h1>"),  # empty form: shown again
    ("post", "/groups/{g}/code/regenerate"): (302, "/groups/{g}"),
    ("post", "/groups/{g}/code/disable"): (302, "/groups/{g}"),
    ("post", "/groups/{g}/code/enable"): (302, "/groups/{g}"),
    ("post", "/groups/{g}/educators"): (200, "<h1>{name}</h1>"),  # no e-mail: the group page
    ("get", "/groups/{g}/members/new"): (200, "<h1>Create accounts</h1>"),
    ("post", "/groups/{g}/members/new"): (200, "<h1>Create accounts</h1>"),
    ("get", "/groups/{g}/members/{m}/consent"): (200, "<h1>Consent of {young}</h1>"),
    ("post", "/groups/{g}/members/{m}/consent"): (200, "<h1>Consent of {young}</h1>"),
    ("post", "/groups/{g}/members/{m}/password"): (200, "<h1>Credential cards</h1>"),
    ("post", "/groups/{g}/members/{m}/remove"): (302, "/groups/{g}#roster"),
    ("post", "/groups/{g}/members/{m}/age-band"): (302, "/groups/{g}#roster"),
}


@pytest.mark.parametrize("method, url", MANAGE_URLS)
def test_the_groups_own_educator_can_manage_it(as_user, educator, group, young, method, url):
    path = url.format(g=group.id, m=young.id)
    response = getattr(as_user(educator), method)(path, headers={"Accept-Language": "en"})
    status, mark = ALLOWED_ANSWERS[(method, url)]
    mark = mark.format(g=group.id, name=group.name, young=young.display_name)
    assert response.status_code == status
    if status == 302:
        assert response.headers["Location"] == mark
    else:
        assert mark in response.text


@pytest.mark.parametrize("method, url", MANAGE_URLS)
def test_a_young_person_cannot_manage_their_group(as_user, group, young, method, url):
    response = getattr(as_user(young), method)(url.format(g=group.id, m=young.id))
    assert response.status_code == 403


def test_another_groups_member_is_a_404(as_user, educator, group):
    stranger = factories.make_young(factories.make_group(factories.make_educator()))
    client = as_user(educator)
    assert client.get(f"/groups/{group.id}/members/{stranger.id}/consent").status_code == 404
    assert client.post(f"/groups/{group.id}/members/{stranger.id}/remove").status_code == 404
    assert db.session.get(User, stranger.id) is not None


def test_unknown_group_is_a_404(as_user, educator):
    assert as_user(educator).get("/groups/424242").status_code == 404


def test_roster_shows_members_and_their_consent(as_user, educator, group):
    factories.make_young(group, name="Léa", parental=True, image=False, recorder=educator)
    factories.make_young(group, name="Yanis", parental=None, image=None)
    page = as_user(educator).get(f"/groups/{group.id}", headers=EN)
    text = page.get_data(as_text=True)
    assert "Léa" in text and "Yanis" in text
    assert text.count("badge--ok") == 1 and text.count("badge--no") == 1
    assert text.count("Not recorded") == 2
    assert f"by {educator.display_name}" in text


def test_young_person_sees_their_group_without_consent_data(as_user, group, young):
    factories.make_young(group, name="Yanis")
    page = as_user(young).get(f"/groups/{group.id}", headers=EN)
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Yanis" in text
    assert "consent" not in text.lower()
    assert group.join_code[:4] not in text
    assert young.username not in text.replace(f"{young.display_name}", "")


def test_young_person_cannot_see_another_groups_roster(as_user, young):
    other = factories.make_group(factories.make_educator())
    factories.make_young(other, name="Aminata")
    page = as_user(young).get(f"/groups/{other.id}", headers=EN)
    assert page.status_code == 403
    assert b"Aminata" not in page.data


def test_regenerate_disable_enable_the_code(as_user, educator, group):
    client = as_user(educator)
    old = group.join_code
    client.post(f"/groups/{group.id}/code/regenerate")
    assert group.join_code != old
    client.post(f"/groups/{group.id}/code/disable")
    page = client.get(f"/groups/{group.id}", headers=EN)
    assert b"Joining with the code is closed" in page.data
    assert b"code--big" not in page.data  # the code itself is no longer shown
    client.post(f"/groups/{group.id}/code/enable")
    assert group.join_code_enabled


def test_bulk_accounts_print_cards_once(as_user, educator, group):
    page = as_user(educator).post(
        f"/groups/{group.id}/members/new", data={"names": "Léa\nYanis\n"}, headers=EN
    )
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert page.get_data(as_text=True).count("credential-card__name") == 2
    assert len(group.members) == 2


def test_bulk_accounts_with_a_name_too_long(as_user, educator, group):
    page = as_user(educator).post(
        f"/groups/{group.id}/members/new", data={"names": "Léa\n" + "x" * 41}, headers=EN
    )
    assert b"at most 40 characters" in page.data
    assert "Léa".encode() in page.data
    assert group.members == []


def test_new_password_card_for_a_member(as_user, educator, group, young):
    page = as_user(educator).post(f"/groups/{group.id}/members/{young.id}/password")
    assert page.status_code == 200
    assert young.username.encode() in page.data


def test_remove_a_member(as_user, educator, group, young):
    young_id = young.id
    page = as_user(educator).post(f"/groups/{group.id}/members/{young_id}/remove")
    assert page.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, young_id) is None


def test_record_consent(as_user, educator, group):
    young = factories.make_young(group, parental=None, image=None)
    page = as_user(educator).post(
        f"/groups/{group.id}/members/{young.id}/consent",
        data={"parental": "public", "image": "no", "given_on": "2026-09-01"},
    )
    assert page.status_code == 302
    kinds = {c.kind: c.granted for c in db.session.scalars(db.select(Consent))}
    assert kinds == {"parental": True, "image": False}


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {"parental": "public", "image": "no", "given_on": "2999-01-01"},
            b"cannot be in the future",
        ),
        ({"parental": "public", "image": "no", "given_on": "hier"}, b"Not a valid date value"),
        ({"parental": "peut-etre", "image": "no"}, b"Not a valid choice"),
        ({"image": "no"}, b"This field is required"),
    ],
)
def test_consent_form_errors(as_user, educator, group, data, message):
    young = factories.make_young(group, parental=None, image=None)
    page = as_user(educator).post(
        f"/groups/{group.id}/members/{young.id}/consent", data=data, headers=EN
    )
    assert page.status_code == 200
    assert message in page.data
    assert db.session.scalar(db.select(Consent)) is None


def test_removing_a_member_deletes_the_story_they_wrote_alone(as_user, educator, group, young):
    """storyhub/rights/erasure.py: a story written alone goes with its author (issue 9)."""
    from storyhub.stories.models import Story

    exchange = factories.make_exchange(group_a=group)
    story = factories.make_story(factories.make_round(exchange), group, authors=[young])
    story_id, young_id = story.id, young.id
    page = as_user(educator).post(f"/groups/{group.id}/members/{young_id}/remove")
    assert page.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, young_id) is None
    assert db.session.get(Story, story_id) is None
