"""Territory pages: admins manage, verified educators propose, others are kept out."""

import pytest

from storyhub.extensions import db
from storyhub.territories.models import Territory
from tests import factories

EN = {"Accept-Language": "en"}


def _form(**changes):
    data = {
        "name": "Saint-Denis",
        "country": "RE",
        "kind": "commune",
        "latitude": "-20.88",
        "longitude": "55.45",
        "presentation": "Chef-lieu de La Réunion.",
    }
    data.update(changes)
    return data


def _only(name="Saint-Denis"):
    return db.session.scalar(db.select(Territory).filter_by(name=name))


def test_admin_adds_a_territory(as_user, admin_user):
    page = as_user(admin_user).post("/territories/new", data=_form(), headers=EN)
    assert page.headers["Location"] == "/territories/"
    assert _only().is_approved


def test_educator_proposes_and_only_sees_their_own_proposals(as_user, educator):
    other = factories.make_educator()
    factories.make_territory(name="Proposed by someone else", status="proposed", proposed_by=other)
    client = as_user(educator)
    page = client.post("/territories/new", data=_form(), headers=EN, follow_redirects=True)
    assert b"Your proposal will be reviewed" in page.data
    assert b"Saint-Denis" in page.data
    assert b"Proposed by someone else" not in page.data
    assert not _only().is_approved


def test_a_decimal_comma_is_accepted(as_user, admin_user):
    as_user(admin_user).post("/territories/new", data=_form(latitude="-20,8823", longitude="55,45"))
    assert _only().latitude == -20.9


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"latitude": "NaN"}, b"Enter a number"),
        ({"longitude": "sNaN"}, b"Enter a number"),
        ({"latitude": "Infinity"}, b"Enter a number"),
        ({"latitude": "nord"}, b"Not a valid decimal value"),
        ({"latitude": "95"}, b"Between -90 and 90"),
        ({"longitude": ""}, b"This field is required"),
        ({"country": "ZZ"}, b"Not a valid choice"),
        ({"kind": "planet"}, b"Not a valid choice"),
        ({"name": "N" * 121}, b"Field cannot be longer than 120 characters"),
    ],
)
def test_bad_input_is_explained_and_kept(as_user, admin_user, changes, message):
    page = as_user(admin_user).post("/territories/new", data=_form(**changes), headers=EN)
    assert page.status_code == 200
    assert message in page.data
    assert "Chef-lieu de La Réunion.".encode() in page.data
    assert db.session.scalar(db.select(Territory)) is None


def test_admin_approves_a_proposal(as_user, admin_user, educator):
    proposal = factories.make_territory(status="proposed", proposed_by=educator)
    as_user(admin_user).post(f"/territories/{proposal.id}/approve")
    assert proposal.is_approved


def test_admin_refuses_a_proposal(as_user, admin_user, educator):
    proposal = factories.make_territory(status="proposed", proposed_by=educator)
    proposal_id = proposal.id
    as_user(admin_user).post(f"/territories/{proposal_id}/reject")
    assert db.session.get(Territory, proposal_id) is None


def test_admin_edits_a_territory(as_user, admin_user, territory):
    page = as_user(admin_user).post(f"/territories/{territory.id}/edit", data=_form())
    assert page.status_code == 302
    assert territory.name == "Saint-Denis"


@pytest.mark.parametrize("who", ["educator", "young", "pending_educator"])
@pytest.mark.parametrize(
    "method, url",
    [
        ("get", "/territories/{t}/edit"),
        ("post", "/territories/{t}/edit"),
        ("post", "/territories/{t}/approve"),
        ("post", "/territories/{t}/reject"),
    ],
)
def test_only_admins_manage_territories(request, as_user, who, method, url):
    proposal = factories.make_territory(status="proposed")
    response = getattr(as_user(request.getfixturevalue(who)), method)(url.format(t=proposal.id))
    assert response.status_code == 403  # a pending educator too: refused, not redirected
    assert not proposal.is_approved
    assert db.session.get(Territory, proposal.id) is not None


def test_young_people_cannot_propose_territories(as_user, young):
    assert as_user(young).post("/territories/new", data=_form()).status_code == 403
    assert _only() is None


def test_unknown_territory_is_a_404(as_user, admin_user):
    assert as_user(admin_user).get("/territories/999999/edit").status_code == 404
