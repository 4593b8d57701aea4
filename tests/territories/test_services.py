"""Territories: admins manage them, verified educators propose them, never finer than a town."""

import pytest

from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.territories import services
from storyhub.territories.models import Territory
from tests import factories


def _details(**changes):
    values = dict(
        name="Saint-Denis",
        country="RE",
        kind="commune",
        latitude=-20.88234,
        longitude=55.45041,
        presentation=" Chef-lieu de La Réunion. ",
    )
    values.update(changes)
    return services.TerritoryDetails(**values)


def test_admin_creates_an_approved_territory_with_coarse_coordinates(english, admin_user):
    territory = services.create_territory(_details(), admin_user)
    assert territory.is_approved
    assert (territory.latitude, territory.longitude) == (-20.9, 55.5)  # 0.1°: city level
    assert territory.slug == "saint-denis-re"
    assert territory.presentation == "Chef-lieu de La Réunion."


def test_verified_educator_proposes_a_territory(english, educator):
    territory = services.create_territory(_details(), educator)
    assert not territory.is_approved
    assert territory.proposed_by == educator
    assert territory not in services.approved_territories()
    assert services.proposed_territories() == [territory]
    assert services.proposed_territories(educator) == [territory]
    assert services.proposed_territories(factories.make_educator()) == []


@pytest.mark.parametrize("who", ["pending_educator", "young"])
def test_pending_educators_and_young_people_cannot_propose(english, request, who):
    with pytest.raises(DomainError, match="Only verified educators"):
        services.create_territory(_details(), request.getfixturevalue(who))


def test_admin_approves_or_rejects_a_proposal(english, educator):
    kept = services.create_territory(_details(), educator)
    dropped = services.create_territory(_details(name="Nowhere"), educator)
    services.approve_territory(kept)
    services.reject_territory(dropped)
    assert kept in services.approved_territories()
    assert db.session.scalar(db.select(Territory).filter_by(name="Nowhere")) is None
    with pytest.raises(DomainError, match="not waiting"):
        services.approve_territory(kept)


def test_slugs_stay_unique_and_short(english, admin_user):
    first = services.create_territory(_details(), admin_user)
    second = services.create_territory(_details(), admin_user)
    assert first.slug != second.slug
    long_name = services.create_territory(_details(name="㎢" * 120), admin_user)
    assert len(long_name.slug) <= 140


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"country": "XX"}, "country"),
        ({"country": "EU"}, "country"),
        ({"kind": "planet"}, "kind"),
        ({"latitude": 91.0}, "Latitude"),
        ({"longitude": -180.5}, "Latitude"),
        ({"name": "  "}, "name"),
    ],
)
def test_bad_details_are_refused(english, admin_user, changes, message):
    with pytest.raises(DomainError, match=message):
        services.create_territory(_details(**changes), admin_user)


def test_admin_edits_a_territory(english, admin_user, territory):
    services.update_territory(territory, _details(name="Saint-Pierre", latitude=-21.3393))
    assert territory.name == "Saint-Pierre" and territory.latitude == -21.3


def test_coordinates_are_kept_at_city_level_whatever_writes_them(english, admin_user):
    territory = factories.make_territory()
    territory.latitude, territory.longitude = 44.83781, -0.57918  # a street in Bordeaux
    db.session.commit()
    db.session.expire_all()
    assert (territory.latitude, territory.longitude) == (44.8, -0.6)
    services.update_territory(territory, _details(latitude=12.3456, longitude=-45.6789))
    assert (territory.latitude, territory.longitude) == (12.3, -45.7)
