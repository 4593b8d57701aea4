"""Two groups of two territories, each with an educator and a young person, ready to twin."""

from dataclasses import dataclass

import pytest

from storyhub.accounts.models import User
from storyhub.groups.models import Group
from tests import factories


@dataclass
class Side:
    """One side of a future exchange."""

    group: Group
    educator: User
    young: User


def make_side(name: str, **group_extra) -> Side:
    """A group open to twinning in its own territory, with an educator and a young person."""
    educator = factories.make_educator(name=f"Educator of {name}")
    group = factories.make_group(
        educator, factories.make_territory(), name=name, open_to_twinning=True, **group_extra
    )
    return Side(group, educator, factories.make_young(group))


@pytest.fixture
def side_a() -> Side:
    return make_side("Les Chartrons")


@pytest.fixture
def side_b() -> Side:
    return make_side("Club de Mamoudzou")


@pytest.fixture
def outsider() -> Side:
    """A third group, with its own exchange with a fourth group."""
    side = make_side("Outsiders")
    factories.make_exchange(side.group, make_side("Fourth").group)
    return side


@pytest.fixture
def english(app):
    """Run service calls inside an English request, so messages are in English."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield
