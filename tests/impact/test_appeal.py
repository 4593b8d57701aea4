"""A young person whose reflection was not published (or was unpublished) asks the StoryHub admins
to look again, through the one appeal mechanism (storyhub/reports/appeals.py, the rule
`can_appeal`); their educators are told; a reversal publishes it only if it may be published."""

import pytest

from storyhub.extensions import db
from storyhub.groups.models import CONSENT_PARENTAL, Consent
from storyhub.impact import services
from storyhub.impact.models import Reflection
from storyhub.notifications.models import Notification
from storyhub.reports.models import Appeal
from tests import factories
from tests.impact.conftest import after, before
from tests.rights.conftest import EN

WHY = "I only wrote about my own feelings."


@pytest.fixture
def refused(twin):
    """young_a's reflection, shared then not published by their educator."""
    before(twin.young_a, twin.exchange)
    after(twin.young_a, twin.exchange, twin.round, reflection="I was scared of them, not now.")
    reflection = db.session.scalar(db.select(Reflection).filter_by(author_id=twin.young_a.id))
    services.take(reflection, twin.young_a, "share")
    services.take(reflection, twin.educator_a, "reject", "Too personal, I think.")
    return reflection


def _appeal(client, reflection, text=WHY):
    return client.post(
        f"/moderation/appeals/reflection/{reflection.id}", data={"text": text}, headers=EN
    )


def _status(reflection):
    db.session.expire_all()
    return db.session.get(Reflection, reflection.id).status


def test_writer_sees_the_appeal_form_only_on_a_refused_reflection(as_user, twin, refused):
    url = f"/exchanges/{twin.exchange.id}/impact/mine"
    page = as_user(twin.young_a).get(url, headers=EN).text
    assert f'id="appeal-{refused.id}"' in page and "Ask the StoryHub team to look again" in page
    services.take(refused, twin.young_a, "share")  # shared again: no decision stands
    assert f'id="appeal-{refused.id}"' not in as_user(twin.young_a).get(url, headers=EN).text


def test_writer_appeals_and_their_educators_and_the_admins_are_told(as_user, twin, refused):
    admin = factories.make_admin()
    response = _appeal(as_user(twin.young_a), refused)
    assert response.status_code == 302
    appeal = db.session.scalar(db.select(Appeal))
    assert (appeal.target_type, appeal.decision, appeal.text) == ("reflection", "reject", WHY)
    told = {  # the latest notice of each person
        n.user_id: n.kind
        for n in db.session.scalars(db.select(Notification).order_by(Notification.id))
    }
    assert told[twin.educator_a.id] == "appeal_by_writer"
    assert told[admin.id] == "appeal_received"
    assert twin.educator_b.id not in told  # the twin's educators are not told
    page = as_user(twin.young_a).get(f"/exchanges/{twin.exchange.id}/impact/mine", headers=EN)
    assert "You asked the StoryHub team to look again" in page.text
    assert _appeal(as_user(twin.young_a), refused).status_code == 302
    assert db.session.scalar(db.select(db.func.count()).select_from(Appeal)) == 1  # not twice


def test_admin_reverses_and_the_reflection_is_published(as_user, twin, refused):
    admin = factories.make_admin()
    _appeal(as_user(twin.young_a), refused)
    appeal = db.session.scalar(db.select(Appeal))
    answer = {"answer": "You are right: it is about you only."}
    page = as_user(admin).get("/moderation/appeals", headers=EN).text
    assert "Answer to the young person" in page and "I was scared of them" in page
    as_user(admin).post(f"/moderation/appeals/{appeal.id}/reverse", data=answer, headers=EN)
    assert _status(refused) == "approved"
    notice = db.session.scalar(
        db.select(Notification).filter_by(user_id=twin.young_a.id, kind="appeal_decided")
    )
    assert notice.link.endswith(f"/impact/mine#reflection-{refused.id}")


def test_admin_upholds_and_it_stays_unpublished(as_user, twin, refused):
    admin = factories.make_admin()
    _appeal(as_user(twin.young_a), refused)
    appeal = db.session.scalar(db.select(Appeal))
    as_user(admin).post(f"/moderation/appeals/{appeal.id}/uphold", data={"answer": "No."})
    assert _status(refused) == "rejected"


def test_a_reversal_never_publishes_without_parental_consent(as_user, twin, refused):
    admin = factories.make_admin()
    _appeal(as_user(twin.young_a), refused)
    consent = db.session.scalar(
        db.select(Consent).filter_by(user_id=twin.young_a.id, kind=CONSENT_PARENTAL)
    )
    consent.granted = False
    db.session.commit()
    appeal = db.session.scalar(db.select(Appeal))
    as_user(admin).post(f"/moderation/appeals/{appeal.id}/reverse", data={"answer": "Yes."})
    assert _status(refused) == "rejected"
    assert db.session.get(Appeal, appeal.id).status == "open"


def test_an_unpublishing_is_appealed_too(as_user, twin, refused):
    services.take(refused, twin.young_a, "share")
    services.take(refused, twin.educator_a, "approve")
    services.take(refused, twin.educator_a, "unpublish", "A classmate's name.")
    assert _appeal(as_user(twin.young_a), refused).status_code == 302
    assert db.session.scalar(db.select(Appeal)).decision == "unpublish"


def test_nobody_else_appeals_for_the_writer(as_user, twin, refused):
    for other in (twin.other_a, twin.young_b, twin.educator_b):
        assert _appeal(as_user(other), refused).status_code == 403
    assert db.session.scalar(db.select(Appeal)) is None


def test_no_appeal_while_no_decision_stands(as_user, twin, refused):
    services.take(refused, twin.young_a, "share")
    assert _appeal(as_user(twin.young_a), refused).status_code == 403
    services.take(refused, twin.educator_a, "approve")
    assert _appeal(as_user(twin.young_a), refused).status_code == 403
    assert db.session.scalar(db.select(Appeal)) is None


def test_the_educator_of_the_group_may_still_appeal(as_user, twin, refused):
    co_educator = factories.make_educator()
    twin.group_a.educators.append(co_educator)
    db.session.commit()
    assert _appeal(as_user(co_educator), refused).status_code == 302
    assert db.session.scalar(db.select(Appeal)).requested_by_id == co_educator.id
