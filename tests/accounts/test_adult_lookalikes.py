"""Look-alike adult names across the site: an educator's display name that imitates another
educator's or an admin's (Unicode TS #39 skeleton, written otherwise) is refused at sign-up, at
creation and at a rename, with a clear message; a namesake written the same way is welcome."""

import pytest

from storyhub.accounts import services
from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.rights.services import update_adult_profile
from tests import factories
from tests.accounts.test_views import _signup

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}
REFUSED = "This name looks like the name of another educator on StoryHub"
REFUSED_FR = "Ce nom ressemble au nom d’un autre éducateur de StoryHub"
LOOKALIKES = [
    "Nadi\u0430 Benali",  # Cyrillic а
    "N\u0430di\u0430 Ben\u0430li",  # three of them
    "Nadia Bena\u0406i",  # Cyrillic І for l
    "Nadia BenaIi",  # capital i for l
]


@pytest.fixture
def nadia():
    return factories.make_educator(name="Nadia Benali", email="nadia@school.example")


def _names() -> list[str]:
    return sorted(db.session.scalars(db.select(User.display_name)))


@pytest.mark.parametrize("name", LOOKALIKES)
def test_signing_up_with_a_lookalike_of_an_educators_name_is_refused(client, nadia, name):
    page = _signup(client, display_name=name, email="other@school.example")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and REFUSED in html
    assert "other@school.example" in html  # what was typed is kept
    assert _names() == ["Nadia Benali"]


def test_the_refusal_says_the_same_whatever_the_address(client, nadia):
    """The name is checked before the address: no way to learn whether an address has an account."""
    new = _signup(client, display_name=LOOKALIKES[0], email="other@school.example")
    known = _signup(client, display_name=LOOKALIKES[0], email="nadia@school.example")
    assert REFUSED in new.get_data(as_text=True) and REFUSED in known.get_data(as_text=True)


def test_the_refusal_is_in_french_too(client, nadia):
    data = {"display_name": LOOKALIKES[0], "email": "autre@ecole.example"}
    page = client.post("/signup", data=_form(data), headers=FR, follow_redirects=True)
    assert REFUSED_FR in page.get_data(as_text=True)


def _form(changes):
    good = "un long chemin vers la mer"
    return {"organisation": "", "password": good, "confirm": good, **changes}


@pytest.mark.parametrize("name", ["Nadia Benali", "nadia  benali", "Nadia Benali-Ortiz", "Nadir"])
def test_a_namesake_or_another_name_is_accepted(client, nadia, name):
    page = _signup(client, display_name=name, email="other@school.example")
    assert REFUSED not in page.get_data(as_text=True)
    assert db.session.scalar(db.select(User).filter_by(email="other@school.example")) is not None


def test_a_lookalike_of_an_admins_name_is_refused(english):
    factories.make_admin(name="StoryHub Admin")
    with pytest.raises(DomainError, match=REFUSED):
        services.create_educator("x@school.example", "St\u043eryHub Admin", "un long chemin")
    with pytest.raises(DomainError, match=REFUSED):
        services.create_admin("y@school.example", "StoryHub \u0410dmin", "un long chemin vers")


def test_an_educator_cannot_rename_themself_into_a_lookalike(english, nadia):
    other = factories.make_educator(name="Marc Petit")
    with pytest.raises(DomainError, match=REFUSED):
        update_adult_profile(other, "Nadi\u0430 Benali", "")
    db.session.refresh(other)
    assert other.display_name != "Nadi\u0430 Benali"


def test_an_educator_may_keep_or_recase_their_own_name(nadia):
    update_adult_profile(nadia, "Nadia Benali", "Collège")
    update_adult_profile(nadia, "NADIA Benali", "Collège")
    assert nadia.display_name == "NADIA Benali"


def test_the_rename_page_shows_the_refusal(as_user, nadia):
    other = factories.make_educator(name="Marc Petit")
    page = as_user(other).post(
        "/account/name", data={"display_name": LOOKALIKES[0], "organisation": ""}, headers=EN
    )
    assert page.status_code == 400 and REFUSED in page.get_data(as_text=True)
    db.session.refresh(other)
    assert other.display_name == "Marc Petit"
