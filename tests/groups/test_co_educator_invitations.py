"""A co-educator is invited, never added unasked; the form answers the same for any address."""

import re

import pytest

from storyhub.groups import invitations
from storyhub.groups.membership import leads_group
from storyhub.notifications.models import Notification
from tests import factories

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}
SENT = "If a verified educator uses this address, we have sent them an invitation"


def _invite(client, group, email, headers=EN):
    return client.post(
        f"/groups/{group.id}/educators",
        data={"email": email},
        headers=headers,
        follow_redirects=True,
    )


def _link(app, email):
    [message] = [m for m in app.extensions["storyhub_outbox"] if m["To"] == email]
    return re.search(r"http://localhost(/groups/\S+)", message.get_content()).group(1)


def _answer(page):
    return re.sub(r'name="csrf_token" value="[^"]*"', "", page.get_data(as_text=True))


def test_the_answer_is_the_same_whether_the_address_is_known_or_not(app, as_user, educator, group):
    colleague = factories.make_educator(email="colleague@example.org")
    pending = factories.make_educator(verified=False, email="pending@example.org")
    client = as_user(educator)
    pages = [
        _invite(client, group, email)
        for email in (colleague.email, "nobody@example.org", pending.email, educator.email)
    ]
    assert {page.status_code for page in pages} == {200}
    assert all(SENT in page.get_data(as_text=True) for page in pages)
    assert len({_answer(page) for page in pages}) == 1  # same page, byte for byte
    assert not leads_group(colleague, group)  # not added without their agreement
    assert [m["To"] for m in app.extensions["storyhub_outbox"]] == [colleague.email]


def test_the_answer_in_french(as_user, educator, group):
    page = _invite(as_user(educator), group, "nobody@example.org", headers=FR)
    assert "nous lui avons envoyé une invitation" in page.get_data(as_text=True)


def test_the_invited_educator_accepts_and_leads_the_group(app, as_user, educator, group):
    colleague = factories.make_educator(email="colleague@example.org")
    _invite(as_user(educator), group, colleague.email)
    link = _link(app, colleague.email)
    client = as_user(colleague)
    page = client.get(link, headers=EN)
    assert page.status_code == 200
    assert f"{educator.display_name} invites you to lead this group" in page.get_data(as_text=True)
    assert not leads_group(colleague, group)
    done = client.post(link, headers=EN, follow_redirects=True)
    assert "You now lead" in done.get_data(as_text=True)
    assert leads_group(colleague, group)
    assert client.get(f"/groups/{group.id}/members/new").status_code == 200
    [notice] = Notification.query.filter_by(user_id=educator.id).all()
    assert notice.kind == "co_educator_joined"


def test_another_account_cannot_use_the_invitation(app, as_user, educator, group):
    colleague = factories.make_educator(email="colleague@example.org")
    stranger = factories.make_educator(email="stranger@example.org")
    _invite(as_user(educator), group, colleague.email)
    link = _link(app, colleague.email)
    page = as_user(stranger).post(link, headers=EN)
    assert page.status_code == 403
    assert "This invitation is for another account" in page.get_data(as_text=True)
    assert not leads_group(stranger, group) and not leads_group(colleague, group)


@pytest.mark.parametrize("spoil, message", [("expired", "has expired"), ("tampered", "not valid")])
def test_an_expired_or_altered_invitation_is_refused(
    app, as_user, educator, group, monkeypatch, spoil, message
):
    colleague = factories.make_educator(email="colleague@example.org")
    _invite(as_user(educator), group, colleague.email)
    link = _link(app, colleague.email)
    if spoil == "expired":
        monkeypatch.setattr(invitations, "MAX_AGE", -1)
    else:
        link = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
    page = as_user(colleague).post(link, headers=EN)
    assert page.status_code == 403
    assert message in page.get_data(as_text=True)
    assert not leads_group(colleague, group)
