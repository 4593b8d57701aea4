"""Under 15, sharing a reflection goes through the writer's own yes to being published, the one
asked for stories (storyhub.accounts.services): sharing asks it, approval waits for it."""

import pytest

from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.impact import services
from storyhub.impact.models import Reflection
from tests import factories
from tests.impact.conftest import after, before
from tests.rights.conftest import EN


@pytest.fixture
def newcomer(twin):
    """A young person of side A, under 15 (no age band), who has not said yes yet; their
    private reflection."""
    noe = factories.make_young(twin.group_a, name="Noé", agreed=False)
    before(noe, twin.exchange)
    after(noe, twin.exchange, twin.round, reflection="We laugh at the same things.")
    return noe, db.session.scalar(db.select(Reflection).filter_by(author_id=noe.id))


def _state(reflection, noe):
    db.session.expire_all()
    return db.session.get(Reflection, reflection.id).status, db.session.get(
        User, noe.id
    ).own_agreement_at


def test_the_share_asks_for_the_yes(as_user, twin, newcomer):
    noe, _reflection = newcomer
    page = as_user(noe).get(f"/exchanges/{twin.exchange.id}/impact/mine", headers=EN)
    assert page.status_code == 200
    assert b"Do you agree to be published?" in page.data and b'name="own_agreement"' in page.data
    box = page.text.split('class="panel own-agreement"')[1].split("</fieldset>")[0]
    assert "your reflection" in box and "stays private" in box  # about what is shared here
    assert "your story stays a draft" not in box


def test_sharing_without_the_yes_keeps_it_private(as_user, twin, newcomer):
    noe, reflection = newcomer
    response = as_user(noe).post(f"/impact/reflections/{reflection.id}/share", headers=EN)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#reflection-{reflection.id}")
    assert _state(reflection, noe) == ("private", None)


def test_sharing_with_the_yes_records_it(as_user, twin, newcomer):
    noe, reflection = newcomer
    url = f"/impact/reflections/{reflection.id}/share"
    response = as_user(noe).post(url, data={"own_agreement": "yes"}, headers=EN)
    assert response.status_code == 302
    status, agreed_at = _state(reflection, noe)
    assert status == "submitted" and agreed_at is not None
    page = as_user(noe).get(f"/exchanges/{twin.exchange.id}/impact/mine", headers=EN)
    assert b'name="own_agreement"' not in page.data  # asked once


def test_fifteen_and_over_share_without_being_asked(as_user, twin, newcomer):
    noe, reflection = newcomer
    noe.age_band = "15-17"
    db.session.commit()
    assert as_user(noe).post(f"/impact/reflections/{reflection.id}/share").status_code == 302
    assert _state(reflection, noe) == ("submitted", None)


def test_approval_waits_for_the_yes(app, twin, newcomer):
    noe, reflection = newcomer
    reflection.status = "submitted"  # shared before the question existed, or by another path
    db.session.commit()
    with app.test_request_context(headers=EN), pytest.raises(DomainError, match="said yes"):
        services.take(reflection, twin.educator_a, "approve")
    assert _state(reflection, noe)[0] == "submitted"
    noe.own_agreement_at = db.func.now()
    db.session.commit()
    services.take(reflection, twin.educator_a, "approve")
    assert _state(reflection, noe)[0] == "approved"
