"""Joining with a code is a request: the educator lets the young person in; codes expire."""

from datetime import timedelta

import pytest

from storyhub.accounts.models import User
from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.groups import services as groups
from storyhub.notifications.models import Notification
from tests import factories
from tests.conftest import login_as

EN = {"Accept-Language": "en"}


def _join(client, code, **changes):
    data = {
        "join_code": code,
        "display_name": "Léa",
        "username": "lea.b",
        "password": "mangue42",
        "confirm": "mangue42",
    }
    data.update(changes)
    return client.post("/join", data=data, headers=EN)


@pytest.fixture
def world(group):
    """The group twinned in a private exchange, with a classmate's approved story."""
    classmate = factories.make_young(group, name="Classmate Zoé")
    exchange = factories.make_exchange(group, title="Private twinning")
    story = factories.make_story(
        factories.make_round(exchange), group, authors=[classmate], status="approved"
    )
    return {"group": group, "exchange": exchange, "story": story}


def _joined(client, group) -> User:
    assert _join(client, group.join_code).status_code == 302
    return db.session.scalar(db.select(User).filter_by(username="lea.b"))


def _pages(world):
    return {
        f"/groups/{world['group'].id}": 403,
        f"/exchanges/{world['exchange'].id}": 404,
        f"/stories/{world['story'].id}": 404,
    }


def test_a_pending_join_sees_nothing_of_the_group(client, world):
    joined = _joined(client, world["group"])
    assert joined.group_id is None
    for path, status in _pages(world).items():
        page = client.get(path, headers=EN)
        assert page.status_code == status, path
        assert b"Classmate Zo" not in page.data, path
    space = client.get("/dashboard", headers=EN)
    assert b"Waiting for your educator" in space.data
    assert b"Classmate Zo" not in space.data and b"Private twinning" not in space.data


def test_once_approved_the_young_person_sees_the_group(client, app, world):
    joined = _joined(client, world["group"])
    educator = world["group"].educators[0]
    request_id = groups.pending_join(joined).id
    with app.test_client() as educator_client:
        login_as(educator_client, educator)
        done = educator_client.post(f"/groups/{world['group'].id}/requests/{request_id}/approve")
        assert done.status_code == 302
    assert joined.group_id == world["group"].id
    for path in _pages(world):
        page = client.get(path, headers=EN)
        assert page.status_code == 200, path
    assert b"Classmate Zo" in client.get(f"/groups/{world['group'].id}", headers=EN).data


def test_the_educator_is_notified_and_lets_in_with_one_click(client, app, world):
    _joined(client, world["group"])
    educator = world["group"].educators[0]
    [note] = db.session.scalars(db.select(Notification).filter_by(user_id=educator.id)).all()
    assert note.kind == "join_requested" and note.link.endswith("#join-requests")
    with app.test_client() as educator_client:
        login_as(educator_client, educator)
        roster = educator_client.get(f"/groups/{world['group'].id}", headers=EN).text
        assert 'id="join-requests"' in roster and "Léa" in roster
        button = roster[roster.index('id="join-requests"') :]
        assert "/approve" in button and "Let in" in button
        bell = educator_client.get("/notifications/", headers=EN).text
        assert "Léa used the code of" in bell


def test_refusing_deletes_the_account(client, world, as_user):
    joined = _joined(client, world["group"])
    request_id = groups.pending_join(joined).id
    educator = world["group"].educators[0]
    page = as_user(educator).post(f"/groups/{world['group'].id}/requests/{request_id}/refuse")
    assert page.status_code == 302
    assert db.session.scalar(db.select(User).filter_by(username="lea.b")) is None


def test_another_educator_cannot_let_anyone_in(client, world, as_user):
    joined = _joined(client, world["group"])
    request_id = groups.pending_join(joined).id
    stranger = factories.make_educator()
    page = as_user(stranger).post(f"/groups/{world['group'].id}/requests/{request_id}/approve")
    assert page.status_code == 403
    assert joined.group_id is None


def test_a_young_person_cannot_approve_themselves(client, world):
    joined = _joined(client, world["group"])
    request_id = groups.pending_join(joined).id
    page = client.post(f"/groups/{world['group'].id}/requests/{request_id}/approve")
    assert page.status_code == 403
    assert joined.group_id is None


def _age_code(group, days):
    group.join_code_created_at = utcnow() - timedelta(days=days)
    db.session.commit()


def test_an_expired_code_is_refused_with_a_clear_message(client, group):
    _age_code(group, 31)
    page = _join(client, group.join_code)
    assert page.status_code == 200
    assert b"This code has expired. Ask your educator for a new code" in page.data
    assert b'value="lea.b"' in page.data  # nothing typed is lost
    assert db.session.scalar(db.select(User).filter_by(username="lea.b")) is None


def test_a_code_still_works_the_day_before_it_expires(client, group):
    _age_code(group, 29)
    assert _join(client, group.join_code).status_code == 302


def test_the_expiry_is_configurable(client, app, group, monkeypatch):
    monkeypatch.setitem(app.config, "JOIN_CODE_DAYS", 7)
    _age_code(group, 8)
    assert b"This code has expired" in _join(client, group.join_code).data


def test_expired_code_in_french(client, group):
    _age_code(group, 31)
    page = client.post(
        "/join",
        data={
            "join_code": group.join_code,
            "display_name": "Léa",
            "username": "lea.b",
            "password": "mangue42",
            "confirm": "mangue42",
        },
        headers={"Accept-Language": "fr"},
    )
    assert "Ce code a expiré".encode() in page.data


def test_the_educator_sees_the_expiry_and_a_new_code_works(client, group, as_user):
    _age_code(group, 31)
    educator = group.educators[0]
    page = as_user(educator).get(f"/groups/{group.id}", headers=EN)
    assert b"This code has expired" in page.data
    as_user(educator).post(f"/groups/{group.id}/code/regenerate")
    fresh = as_user(educator).get(f"/groups/{group.id}", headers=EN)
    assert b"Works until" in fresh.data
