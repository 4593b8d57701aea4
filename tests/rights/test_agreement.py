"""A young person under 15 is published only with their own yes too, asked in plain words the
first time they send a story (no age is recorded yet: every young person is asked)."""

import pytest

from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.stories import services
from storyhub.stories.models import Story
from tests import factories
from tests.rights.conftest import EN, FR


@pytest.fixture
def newcomer(world):
    """A young person of 4e B who has not said yes yet, and their draft."""
    noe = factories.make_young(world.a, name="Noé", agreed=False)
    story = factories.make_story(world.round, world.a, authors=[noe], title="Mon premier récit")
    return noe, story


def _status(story) -> str:
    db.session.expire_all()
    return db.session.get(Story, story.id).status


def test_the_editor_asks_in_plain_words(as_user, newcomer):
    noe, story = newcomer
    page = as_user(noe).get(f"/stories/{story.id}/edit", headers=FR)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Es-tu d’accord pour être publié·e ?" in text
    assert 'name="own_agreement"' in text
    page = as_user(noe).get(f"/stories/{story.id}", headers=EN)
    assert b"Do you agree to be published?" in page.data


def test_sending_without_the_yes_keeps_the_draft(as_user, newcomer):
    noe, story = newcomer
    response = as_user(noe).post(f"/stories/{story.id}/submit", headers=EN)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("#own-agreement")
    assert _status(story) == "draft"
    db.session.expire_all()
    assert db.session.get(type(noe), noe.id).own_agreement_at is None


def test_sending_with_the_yes_records_it(as_user, newcomer):
    noe, story = newcomer
    response = as_user(noe).post(
        f"/stories/{story.id}/submit", data={"own_agreement": "yes"}, headers=EN
    )
    assert response.status_code == 302
    assert _status(story) == "submitted"
    assert db.session.get(type(noe), noe.id).own_agreement_at is not None
    page = as_user(noe).get(f"/stories/{story.id}/edit", headers=EN)
    assert b'name="own_agreement"' not in page.data


def test_approval_waits_for_the_young_persons_own_yes(app, world, newcomer):
    noe, story = newcomer
    story.status = "submitted"
    db.session.commit()
    with (
        app.test_request_context(headers=EN),
        pytest.raises(DomainError, match="has not said yes themself"),
    ):
        services.approve_story(story, world.edu_a)
    assert _status(story) == "submitted"
    noe = db.session.get(type(noe), noe.id)
    from storyhub.accounts.services import agree_to_publish

    agree_to_publish(noe)
    db.session.commit()
    with app.test_request_context(headers=EN):
        services.approve_story(db.session.get(Story, story.id), world.edu_a)
    assert _status(story) == "approved"


def test_the_yes_can_be_given_on_my_data(as_user, newcomer, world):
    noe, _story = newcomer
    page = as_user(noe).get("/account/data", headers=EN)
    assert b"Yes, I agree" in page.data
    assert as_user(noe).post("/account/agreement").status_code == 302
    db.session.expire_all()
    assert db.session.get(type(noe), noe.id).own_agreement_at is not None
    assert as_user(world.edu_a).post("/account/agreement").status_code == 404


def test_from_15_the_parents_yes_is_enough(app, world):
    lou = factories.make_young(world.a, name="Lou", agreed=False)
    lou.age_band = "15-17"
    story = factories.make_story(world.round, world.a, authors=[lou], status="submitted")
    with app.test_request_context(headers=EN):
        services.approve_story(story, world.edu_a)
    assert _status(story) == "approved"
