"""Age bands per young person (recorded by their educator) and group ages of 11 to 25."""

import pytest

from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.groups import services
from storyhub.groups.ages import check_group_ages, record_age_band
from tests import factories

EN = {"Accept-Language": "en"}


@pytest.fixture
def educator():
    return factories.make_educator()


@pytest.fixture
def group(educator):
    return factories.make_group(educator)


@pytest.mark.parametrize("ages", [(10, 14), (11, 26), (8, 30), (16, 12)])
def test_groups_accept_ages_11_to_25_only(english, ages):
    with pytest.raises(DomainError):
        check_group_ages(*ages)


@pytest.mark.parametrize("ages", [(11, 12), (11, 25), (18, 25)])
def test_ages_inside_11_to_25_are_accepted(ages):
    check_group_ages(*ages)


def test_a_young_person_without_a_band_counts_as_a_minor(group):
    young = factories.make_young(group)
    assert young.age_band is None and young.is_minor
    young.age_band = "15-17"
    assert young.is_minor
    young.age_band = "18+"
    assert not young.is_minor
    assert not factories.make_educator().is_minor


def test_educator_records_an_age_band_from_the_roster(as_user, educator, group):
    young = factories.make_young(group, name="Léa")
    client = as_user(educator)
    roster = client.get(f"/groups/{group.id}", headers=EN).get_data(as_text=True)
    assert f'id="age-band-{young.id}"' in roster and "No band yet" in roster
    response = client.post(
        f"/groups/{group.id}/members/{young.id}/age-band", data={"age_band": "13-14"}, headers=EN
    )
    assert response.status_code == 302
    assert db.session.get(User, young.id).age_band == "13-14"
    page = client.get(f"/groups/{group.id}", headers=EN).get_data(as_text=True)
    assert '<option value="13-14" selected>' in page and "Age band saved for Léa" in page


def test_an_unknown_band_is_refused_with_a_message(as_user, educator, group):
    young = factories.make_young(group)
    client = as_user(educator)
    response = client.post(
        f"/groups/{group.id}/members/{young.id}/age-band",
        data={"age_band": "99"},
        headers=EN,
        follow_redirects=True,
    )
    assert response.status_code == 200 and b"Choose an age band from the list." in response.data
    assert db.session.get(User, young.id).age_band is None


def test_only_the_groups_educators_record_a_band(as_user, group):
    young = factories.make_young(group)
    url = f"/groups/{group.id}/members/{young.id}/age-band"
    stranger = factories.make_educator()
    assert as_user(stranger).post(url, data={"age_band": "18+"}).status_code == 403
    assert as_user(young).post(url, data={"age_band": "18+"}).status_code == 403
    other = factories.make_young(factories.make_group(stranger))
    assert (
        as_user(stranger)
        .post(f"/groups/{group.id}/members/{other.id}/age-band", data={"age_band": "18+"})
        .status_code
        == 403
    )
    assert db.session.get(User, young.id).age_band is None


def test_record_age_band_refuses_someone_of_another_group(english, group):
    other = factories.make_young(factories.make_group(factories.make_educator()))
    with pytest.raises(DomainError):
        record_age_band(group, other, "13-14")


def test_accounts_created_in_bulk_get_the_band_chosen(as_user, educator, group):
    response = as_user(educator).post(
        f"/groups/{group.id}/members/new",
        data={"names": "Inès\nMalo", "age_band": "11-12"},
        headers=EN,
    )
    assert response.status_code == 200
    bands = db.session.scalars(db.select(User.age_band).where(User.group_id == group.id)).all()
    assert bands == ["11-12", "11-12"]


def test_bulk_creation_without_a_band_leaves_it_unrecorded(english, group):
    created = services.create_members(group, ["Noa"])
    assert created[0][0].age_band is None and created[0][0].is_minor
