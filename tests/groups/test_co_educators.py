"""Co-educators after the invitation: the lead removes a co-educator and hands the lead over; a
co-educator leaves; the last educator never leaves; each right allowed and refused."""

import pytest

from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.groups import educators
from storyhub.groups.membership import is_lead, lead_id_of, leads_group
from storyhub.notifications.models import Notification
from tests import factories

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}


@pytest.fixture
def team(educator, group):
    """The group's lead (who created it) and two co-educators who joined later."""
    first, second = factories.make_educator(), factories.make_educator()
    group.educators.extend([first, second])
    db.session.commit()
    return educator, first, second


def _kinds(user):
    query = db.select(Notification.kind).filter_by(user_id=user.id)
    return list(db.session.scalars(query))


def test_the_educator_who_joined_first_is_the_lead(group, team):
    lead, co, _ = team
    assert lead_id_of(group) == lead.id and is_lead(lead, group) and not is_lead(co, group)


def test_the_creator_of_a_group_is_named_its_lead(app, educator, territory):
    from storyhub.groups.services import GroupDetails, create_group

    with app.test_request_context():
        group = create_group(
            educator,
            GroupDetails(
                name="Les Hirondelles", territory=territory, kind="club",
                age_min=11, age_max=14, languages=["fr"],
            ),
        )  # fmt: skip
    assert group.lead_id == educator.id


# --- removing a co-educator -------------------------------------------------------------------


def test_the_lead_removes_a_co_educator_who_is_told(as_user, group, team):
    lead, co, _ = team
    page = as_user(lead).post(
        f"/groups/{group.id}/educators/{co.id}/remove", headers=EN, follow_redirects=True
    )
    assert page.status_code == 200 and "no longer leads the group" in page.get_data(as_text=True)
    assert not leads_group(co, group)
    assert "co_educator_removed" in _kinds(co)
    assert as_user(co).get(f"/groups/{group.id}").status_code == 403  # the roster is gone at once


def test_a_co_educator_cannot_remove_another(as_user, group, team):
    _, co, other = team
    response = as_user(co).post(f"/groups/{group.id}/educators/{other.id}/remove")
    assert response.status_code == 403 and leads_group(other, group)


def test_a_co_educator_cannot_remove_the_lead(as_user, group, team):
    lead, co, _ = team
    assert as_user(co).post(f"/groups/{group.id}/educators/{lead.id}/remove").status_code == 403
    assert leads_group(lead, group)


def test_the_lead_cannot_remove_themself(as_user, group, team):
    lead, _, _ = team
    assert as_user(lead).post(f"/groups/{group.id}/educators/{lead.id}/remove").status_code == 403
    assert leads_group(lead, group)


def test_an_educator_of_another_group_cannot_remove_anyone(as_user, group, team):
    _, co, _ = team
    stranger = factories.make_educator()
    factories.make_group(stranger)
    assert as_user(stranger).post(f"/groups/{group.id}/educators/{co.id}/remove").status_code == 403
    assert leads_group(co, group)


def test_removing_someone_who_is_not_an_educator_of_the_group_is_not_found(as_user, group, team):
    lead, _, _ = team
    outsider = factories.make_educator()
    response = as_user(lead).post(f"/groups/{group.id}/educators/{outsider.id}/remove")
    assert response.status_code == 404


def test_an_admin_removes_a_co_educator(as_user, admin_user, group, team):
    _, co, _ = team
    as_user(admin_user).post(f"/groups/{group.id}/educators/{co.id}/remove")
    assert not leads_group(co, group)


# --- handing the lead over --------------------------------------------------------------------


def test_the_lead_hands_the_lead_over_and_the_new_lead_is_told(as_user, group, team):
    lead, co, _ = team
    page = as_user(lead).post(
        f"/groups/{group.id}/educators/{co.id}/lead", headers=FR, follow_redirects=True
    )
    assert "anime désormais le groupe" in page.get_data(as_text=True)
    assert is_lead(co, group) and not is_lead(lead, group)
    assert leads_group(lead, group)  # the former lead stays an educator of the group
    assert "lead_handed_over" in _kinds(co)


def test_a_co_educator_cannot_take_the_lead(as_user, group, team):
    lead, co, other = team
    for target in (co, other):
        response = as_user(co).post(f"/groups/{group.id}/educators/{target.id}/lead")
        assert response.status_code == 403
    assert is_lead(lead, group)


def test_the_new_lead_has_the_lead_rights_and_the_former_lead_not(as_user, group, team):
    lead, co, other = team
    as_user(lead).post(f"/groups/{group.id}/educators/{co.id}/lead")
    assert as_user(lead).post(f"/groups/{group.id}/educators/{other.id}/remove").status_code == 403
    as_user(co).post(f"/groups/{group.id}/educators/{other.id}/remove")
    assert not leads_group(other, group)


def test_the_lead_goes_to_the_first_educator_left_when_the_lead_account_goes(group, team):
    lead, co, _ = team
    db.session.delete(lead)
    db.session.commit()
    assert lead_id_of(group) == co.id


# --- inviting ---------------------------------------------------------------------------------


def test_a_co_educator_cannot_invite(as_user, group, team):
    _, co, _ = team
    response = as_user(co).post(f"/groups/{group.id}/educators", data={"email": "x@example.org"})
    assert response.status_code == 403


def test_the_page_shows_the_roles_and_the_lead_actions_only_to_the_lead(as_user, group, team):
    lead, co, _ = team
    lead_page = as_user(lead).get(f"/groups/{group.id}", headers=EN).get_data(as_text=True)
    assert "Invite a co-educator" in lead_page and f"/educators/{co.id}/remove" in lead_page
    assert "Make lead" in lead_page and "co-educator" in lead_page
    co_page = as_user(co).get(f"/groups/{group.id}", headers=EN).get_data(as_text=True)
    assert "Invite a co-educator" not in co_page and "/remove" not in co_page.split("roster")[0]
    assert "Make lead" not in co_page and "Leave this group" in co_page


# --- leaving ----------------------------------------------------------------------------------


def test_a_co_educator_leaves_and_the_others_are_told(as_user, group, team):
    lead, co, other = team
    page = as_user(co).post(f"/groups/{group.id}/educators/leave", follow_redirects=True)
    assert page.status_code == 200 and not leads_group(co, group)
    assert "co_educator_left" in _kinds(lead) and "co_educator_left" in _kinds(other)


def test_the_lead_cannot_leave_before_handing_over(as_user, group, team):
    lead, _, _ = team
    page = as_user(lead).post(
        f"/groups/{group.id}/educators/leave", headers=EN, follow_redirects=True
    )
    assert "hand the lead over to another educator first" in page.get_data(as_text=True)
    assert leads_group(lead, group)


def test_the_last_educator_cannot_leave(as_user, educator, group):
    page = as_user(educator).post(
        f"/groups/{group.id}/educators/leave", headers=FR, follow_redirects=True
    )
    assert "dernier" in page.get_data(as_text=True)
    assert leads_group(educator, group)


def test_the_last_educator_is_never_dropped_even_when_asked_directly(app, educator, group):
    with app.test_request_context(headers=EN), pytest.raises(DomainError) as refused:
        educators._drop(group, educator)
    assert "last educator" in refused.value.message
    assert leads_group(educator, group)


def test_leaving_a_group_one_does_not_lead_is_refused(as_user, group, team):
    stranger = factories.make_educator()
    factories.make_group(stranger)
    assert as_user(stranger).post(f"/groups/{group.id}/educators/leave").status_code == 403
