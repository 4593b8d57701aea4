"""Only admins verify educators; pending educators wait and are told so."""

import pytest

from storyhub.accounts.models import User
from storyhub.extensions import db
from tests import factories

EN = {"Accept-Language": "en"}


def test_admin_sees_the_queue_of_pending_educators(as_user, admin_user, pending_educator, educator):
    page = as_user(admin_user).get("/admin/", headers=EN)
    assert page.status_code == 200
    assert pending_educator.email.encode() in page.data
    assert educator.email.encode() not in page.data  # already verified


def test_admin_verifies_an_educator_who_gets_a_mail(app, as_user, admin_user, pending_educator):
    client = as_user(admin_user)
    page = client.post(f"/admin/educators/{pending_educator.id}/verify", headers=EN)
    assert page.status_code == 302
    assert db.session.get(User, pending_educator.id).is_verified
    [mail] = app.extensions["storyhub_outbox"]
    assert mail["To"] == pending_educator.email


def test_admin_refuses_an_educator(as_user, admin_user, pending_educator):
    user_id = pending_educator.id
    as_user(admin_user).post(f"/admin/educators/{user_id}/refuse")
    assert db.session.get(User, user_id) is None


def test_verifying_twice_is_a_calm_message_not_an_error(as_user, admin_user, educator):
    page = as_user(admin_user).post(
        f"/admin/educators/{educator.id}/verify", headers=EN, follow_redirects=True
    )
    assert page.status_code == 200
    assert b"not waiting for verification" in page.data


@pytest.mark.parametrize("who", ["young", "educator", "pending_educator"])
def test_nobody_but_an_admin_verifies_educators(request, as_user, who):
    target = factories.make_educator(verified=False)
    client = as_user(request.getfixturevalue(who))
    assert client.get("/admin/").status_code == 403
    assert client.post(f"/admin/educators/{target.id}/verify").status_code == 403
    assert db.session.get(User, target.id).is_pending


def test_unknown_educator_is_a_404(as_user, admin_user, young):
    client = as_user(admin_user)
    assert client.post("/admin/educators/999999/verify").status_code == 404
    assert client.post(f"/admin/educators/{young.id}/verify").status_code == 404


def test_pending_educator_sees_the_waiting_notice(as_user, pending_educator):
    page = as_user(pending_educator).get("/dashboard", headers=EN)
    assert b"Your account is waiting for verification" in page.data


def test_admin_is_sent_to_the_administration(as_user, admin_user):
    assert as_user(admin_user).get("/dashboard").headers["Location"] == "/admin/"
