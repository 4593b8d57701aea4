"""Two educators record a withdrawal of consent at the same moment: the recordings are taken one
after the other under the young person's row lock, so what left view is logged once and each
educator is told once; both recordings stay in the history."""

import pytest

from storyhub.accounts.models import User
from storyhub.consent import services as consent
from storyhub.core import lifecycle
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_IMAGE, CONSENT_PARENTAL, ConsentEvent, Group
from storyhub.moderation.models import ModerationEntry
from tests import factories
from tests.races.helpers import at_once, get, notices

WITHDRAWN = {CONSENT_PARENTAL: "no", CONSENT_IMAGE: "public"}


@pytest.fixture
def published():
    """A young person's published story in a public exchange; their group has two educators."""
    first, second = factories.make_educator(), factories.make_educator()
    group = factories.make_group(first)
    group.educators.append(second)
    young = factories.make_young(group, name="Léa")
    round_ = factories.make_round(factories.make_exchange(group, public=True))
    story = factories.make_story(round_, group, [young], status="approved")
    return group, young, story, (first, second)


def _withdraw(group_id, young_id, educator_id):
    def record():
        group, young = get(Group, group_id), get(User, young_id)
        return consent.record_member_consents(
            group, young, WITHDRAWN, None, "", get(User, educator_id)
        )

    return record


def _withdrawals(story_id) -> int:
    query = db.select(db.func.count(ModerationEntry.id)).filter_by(
        target_type="story", target_id=story_id, action="consent_withdrawn"
    )
    return db.session.scalar(query)


def test_a_withdrawal_is_logged_and_told_once(published):
    group, young, story, (first, _second) = published
    consent.record_member_consents(group, young, WITHDRAWN, None, "", first)
    consent.record_member_consents(group, young, WITHDRAWN, None, "", first)
    assert _withdrawals(story.id) == 1 and notices("consent_effect") == 2


@pytest.mark.postgresql
@pytest.mark.parametrize("run", range(3))
def test_two_educators_withdrawing_at_once_log_and_tell_once(app, monkeypatch, published, run):
    group, young, story, educators = published
    taken = []
    real_lock = lifecycle.lock

    def counted_lock(obj):
        taken.append(type(obj).__name__)
        return real_lock(obj)

    monkeypatch.setattr(lifecycle, "lock", counted_lock)
    threads = at_once(
        app,
        monkeypatch,
        *(_withdraw(group.id, young.id, educator.id) for educator in educators),
        hook="lock",
    )
    assert [t.error for t in threads] == [None, None]
    assert taken == ["User", "User"]  # both waited on the young person's row
    assert _withdrawals(story.id) == 1
    assert notices("consent_effect") == 2  # each educator, once
    events = db.select(db.func.count(ConsentEvent.id)).filter_by(
        user_id=young.id, kind=CONSENT_PARENTAL, granted=False
    )
    assert db.session.scalar(events) == 2  # both recordings are in the history
