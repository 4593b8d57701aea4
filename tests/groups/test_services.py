"""Group services: creation, join codes, educators, members, consent."""

from datetime import date, timedelta

import pytest

from storyhub.accounts.services import authenticate
from storyhub.core.errors import DomainError
from storyhub.groups import services
from storyhub.groups.membership import leads_group
from storyhub.groups.models import CONSENT_IMAGE, CONSENT_PARENTAL
from storyhub.territories.models import STATUS_PROPOSED
from tests import factories


def _details(territory, **changes):
    values = dict(
        name="Club des Lilas",
        territory=territory,
        kind="club",
        age_min=12,
        age_max=15,
        languages=["fr", "en"],
        presentation="  On fait de la radio.  ",
    )
    values.update(changes)
    return services.GroupDetails(**values)


def test_verified_educator_creates_a_group_they_lead(english, educator, territory):
    group = services.create_group(educator, _details(territory))
    assert leads_group(educator, group)
    assert group.language_codes == ["fr", "en"]
    assert group.presentation == "On fait de la radio."
    assert len(group.join_code) == services.CODE_LENGTH and group.join_code_enabled


def test_pending_educator_cannot_create_a_group(english, pending_educator, territory):
    with pytest.raises(DomainError, match="Only verified educators"):
        services.create_group(pending_educator, _details(territory))


def test_young_person_cannot_create_a_group(english, young, territory):
    with pytest.raises(DomainError):
        services.create_group(young, _details(territory))


def test_a_group_needs_an_approved_territory(english, educator):
    proposed = factories.make_territory(status=STATUS_PROPOSED)
    with pytest.raises(DomainError, match="not approved"):
        services.create_group(educator, _details(proposed))


def test_ages_must_be_in_order(english, educator, territory):
    with pytest.raises(DomainError, match="youngest age"):
        services.create_group(educator, _details(territory, age_min=16, age_max=12))


def test_regenerating_the_code_retires_the_old_one(english, group):
    old = group.join_code
    services.regenerate_join_code(group)
    assert group.join_code != old
    with pytest.raises(services.JoinCodeError):
        services.group_for_code(old)
    assert services.group_for_code(group.join_code) == group


def test_disabling_and_enabling_the_code(english, group):
    services.set_join_code_enabled(group, False)
    with pytest.raises(services.JoinCodeError):
        services.join_group(group.join_code, "Léa", "lea.b", "mangue42")
    services.set_join_code_enabled(group, True)
    joined = services.join_group(group.join_code, "Léa", "lea.b", "mangue42")
    assert services.pending_join(joined).group == group


def test_join_refuses_a_common_password_even_without_the_form(english, group):
    with pytest.raises(DomainError, match="too common"):
        services.join_group(group.join_code, "Léa", "lea.b", "password1")


def test_codes_are_read_aloud_in_two_halves():
    assert services.format_code("ABCDEFGH") == "ABCD-EFGH"
    assert services.normalize_code(" abcd-efgh ") == "ABCDEFGH"


def test_bulk_accounts_get_unique_usernames_and_working_passwords(english, group):
    created = services.create_members(group, ["Léa", "Léa", "  ", "Yanis"])
    assert [user.display_name for user, _ in created] == ["Léa", "Léa", "Yanis"]
    assert len({user.username for user, _ in created}) == 3
    user, password = created[0]
    assert user.username.startswith("lea-")
    assert authenticate(user.username, password) == user


@pytest.mark.parametrize(
    "names, message",
    [([], "at least one name"), (["x" * 41], "at most 40"), (["Léa"] * 61, "At most 60")],
)
def test_bulk_accounts_limits(english, group, names, message):
    with pytest.raises(DomainError, match=message):
        services.create_members(group, names)


def test_educator_resets_a_young_persons_password(english, group, young):
    password = services.reset_member_password(group, young)
    assert authenticate(young.username, password) == young
    assert authenticate(young.username, factories.PASSWORD) is None


def test_members_of_another_group_are_out_of_reach(english, group):
    other = factories.make_young(factories.make_group(factories.make_educator()))
    with pytest.raises(DomainError, match="not a member"):
        services.reset_member_password(group, other)


def test_consent_is_recorded_with_date_and_recorder(english, group, educator):
    young = factories.make_young(group, parental=None, image=None)
    assert not services.has_parental_consent(young)
    signed = date.today() - timedelta(days=3)
    services.record_consent(group, young, CONSENT_PARENTAL, True, signed, educator)
    services.record_consent(group, young, CONSENT_IMAGE, False, None, educator)
    consents = services.consents_by_member(group)[young.id]
    assert consents[CONSENT_PARENTAL].granted and consents[CONSENT_PARENTAL].given_on == signed
    assert consents[CONSENT_PARENTAL].recorded_by == educator
    assert not consents[CONSENT_IMAGE].granted
    assert services.has_parental_consent(young)


def test_consent_can_be_withdrawn(english, group, young, educator):
    services.record_consent(group, young, CONSENT_PARENTAL, False, None, educator)
    assert not services.has_parental_consent(young)


def test_consent_date_cannot_be_in_the_future(english, group, young, educator):
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(DomainError, match="future"):
        services.record_consent(group, young, CONSENT_PARENTAL, True, tomorrow, educator)


def test_groups_led_by(educator, group, admin_user):
    other = factories.make_group(factories.make_educator())
    assert services.groups_led_by(educator) == [group]
    assert set(services.groups_led_by(admin_user)) == {group, other}
