"""The educator who proposed a territory is told when it is approved (a notice and an e-mail
with the way to create their group) or refused; nobody else is."""

from storyhub.extensions import db
from storyhub.notifications.models import Notification
from tests import factories

EN = {"Accept-Language": "en"}


def _kinds(user):
    return list(db.session.scalars(db.select(Notification.kind).filter_by(user_id=user.id)))


def test_the_proposer_is_told_when_the_territory_is_approved(app, as_user, admin_user, educator):
    other = factories.make_educator()
    proposal = factories.make_territory(name="Dzaoudzi", status="proposed", proposed_by=educator)
    as_user(admin_user).post(f"/territories/{proposal.id}/approve", headers=EN)
    assert _kinds(educator) == ["territory_approved"] and _kinds(other) == []
    [mail] = [m for m in app.extensions.get("storyhub_outbox", []) if m["To"] == educator.email]
    assert "Dzaoudzi" in mail["Subject"] and "/groups/new" in mail.get_content()


def test_the_proposer_reads_it_in_french(as_user, admin_user, educator):
    proposal = factories.make_territory(name="Dzaoudzi", status="proposed", proposed_by=educator)
    as_user(admin_user).post(f"/territories/{proposal.id}/approve")
    page = as_user(educator).get("/notifications/", headers={"Accept-Language": "fr"})
    assert "Dzaoudzi, est approuvé" in page.get_data(as_text=True)


def test_the_proposer_is_told_when_it_is_refused(as_user, admin_user, educator):
    proposal = factories.make_territory(name="Dzaoudzi", status="proposed", proposed_by=educator)
    as_user(admin_user).post(f"/territories/{proposal.id}/reject")
    assert _kinds(educator) == ["territory_refused"]


def test_nothing_is_told_when_an_educator_tries_to_approve(as_user, educator):
    proposal = factories.make_territory(name="Dzaoudzi", status="proposed", proposed_by=educator)
    assert as_user(educator).post(f"/territories/{proposal.id}/approve").status_code == 403
    assert _kinds(educator) == []
