"""An adult changes their e-mail address: verified by a link sent to the new one."""

import re

import pytest

from storyhub.accounts.models import User
from storyhub.extensions import db
from tests import factories
from tests.rights.conftest import EN

NEW = "claire.durand@college.example.org"


def _outbox(app) -> list:
    return app.extensions.setdefault("storyhub_outbox", [])


def _link(message) -> str:
    return (
        re.search(r"http://[^\s]+", message.get_content()).group(0).replace("http://localhost", "")
    )


def _ask(as_user, who, email=NEW, password=factories.PASSWORD):
    return as_user(who).post(
        "/account/email", data={"email": email, "password": password}, headers=EN
    )


def test_the_new_address_is_verified_by_a_link(app, as_user, world):
    old = world.edu_a.email
    response = _ask(as_user, world.edu_a)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, world.edu_a.id).email == old  # not before the link is opened
    mail = _outbox(app)[-1]
    assert mail["To"] == NEW
    confirm = as_user(world.edu_a).get(_link(mail), headers=EN)
    assert confirm.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, world.edu_a.id).email == NEW
    assert _outbox(app)[-1]["To"] == old  # the old address is told
    again = as_user(world.edu_a).get(_link(mail), headers=EN)  # a link works once
    assert again.status_code == 303


def test_a_link_opened_by_another_account_changes_nothing(app, as_user, world):
    _ask(as_user, world.edu_a)
    response = as_user(world.edu_b).get(_link(_outbox(app)[-1]), headers=EN)
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(User, world.edu_b.id).email != NEW
    assert db.session.get(User, world.edu_a.id).email != NEW
    page = as_user(world.edu_b).get("/account/data", headers=EN)
    assert b"This link is invalid or has expired" in page.data


def test_an_altered_link_is_refused(as_user, world):
    response = as_user(world.edu_a).get("/account/email/confirm/not-a-token", headers=EN)
    assert response.status_code == 303


@pytest.mark.parametrize(
    "email, password, message",
    [
        (NEW, "not my password", b"This is not your password"),
        ("no-at-sign", factories.PASSWORD, b"Enter a valid email address"),
        ("", factories.PASSWORD, b"This field is required"),
    ],
)
def test_mistakes_are_explained_and_nothing_is_sent(app, as_user, world, email, password, message):
    before = len(_outbox(app))
    page = _ask(as_user, world.edu_a, email, password)
    assert page.status_code == 400
    assert message in page.data
    assert len(_outbox(app)) == before


def test_an_address_already_used_gets_the_same_answer_and_no_mail(app, as_user, world):
    before = len(_outbox(app))
    response = _ask(as_user, world.edu_a, email=world.edu_b.email)
    assert response.status_code == 302
    assert len(_outbox(app)) == before


def test_young_people_have_no_address(as_user, world):
    assert _ask(as_user, world.lea).status_code == 404
