"""The follow-up tells the educators how quickly they decide on shared reflections: from each
sharing to the decision after it (median and longest, hand-computed here), and what waits;
their own side only."""

from datetime import datetime, timedelta

from storyhub.extensions import db
from storyhub.impact import services
from storyhub.impact.models import Reflection
from storyhub.impact.turnaround import reflection_turnaround, waits
from storyhub.moderation.models import ModerationEntry
from tests import factories
from tests.impact.conftest import after, before
from tests.rights.conftest import EN

T = datetime(2026, 11, 2, 9, 0)


def test_waits_pair_each_sharing_with_the_decision_after_it():
    h = timedelta(hours=1)
    log = [
        (1, "share", T), (1, "approve", T + 2 * h),
        (2, "share", T), (2, "reject", T + 6 * h), (2, "share", T + 7 * h),  # waits again
        (3, "share", T), (3, "withdraw", T + h), (3, "share", T + 2 * h),
        (3, "approve", T + 12 * h), (3, "unpublish", T + 30 * h),
    ]  # fmt: skip
    assert waits(log) == [2 * h, 6 * h, 10 * h]


def _shared(user, twin, words):
    before(user, twin.exchange)
    after(user, twin.exchange, twin.round, reflection=words)
    reflection = db.session.scalar(db.select(Reflection).filter_by(author_id=user.id))
    services.take(reflection, user, "share")
    return reflection


def _dated(reflection, *moments):
    entries = db.session.scalars(
        db.select(ModerationEntry)
        .filter_by(target_type="reflection", target_id=reflection.id)
        .order_by(ModerationEntry.id)
    ).all()
    for entry, moment in zip(entries, moments, strict=True):
        entry.created_at = moment
    db.session.commit()


def test_follow_up_shows_the_median_and_longest_time_to_a_decision(as_user, twin):
    h = timedelta(hours=1)
    first = _shared(twin.young_a, twin, "We are alike.")
    services.take(first, twin.educator_a, "approve")
    _dated(first, T, T + 2 * h)
    second = _shared(twin.other_a, twin, "Nothing changed.")
    services.take(second, twin.educator_a, "reject", "Say a bit more?")
    _dated(second, T, T + 6 * h)
    third_person = factories.make_young(twin.group_a)
    third = _shared(third_person, twin, "I want to visit.")
    services.take(third, twin.educator_a, "approve")
    _dated(third, T, T + 10 * h)
    _shared(factories.make_young(twin.group_a), twin, "Still waiting.")
    other_side = _shared(twin.young_b, twin, "Over there.")
    services.take(other_side, twin.educator_b, "approve")
    _dated(other_side, T, T + 100 * h)  # the twin's educators: not counted for side A

    figures = reflection_turnaround(twin.exchange, {twin.group_a.id})
    assert (figures.decided, figures.median, figures.longest) == (3, 6 * h, 10 * h)
    assert figures.waiting == 1
    page = (
        as_user(twin.educator_a)
        .get(f"/exchanges/{twin.exchange.id}/impact/follow", headers=EN)
        .text
    )
    box = page.split('id="turnaround"')[1].split("</div>")[0]
    assert "3 shared reflections decided" in box
    assert "6 hours in the middle (median), 10 hours at the longest" in box
    assert "1 waits for your decision" in box
    theirs = reflection_turnaround(twin.exchange, {twin.group_b.id})
    assert (theirs.decided, theirs.longest, theirs.waiting) == (1, 100 * h, 0)


def test_nothing_decided_yet_says_so(as_user, twin):
    page = (
        as_user(twin.educator_a)
        .get(f"/exchanges/{twin.exchange.id}/impact/follow", headers=EN)
        .text
    )
    assert "No shared reflection decided yet." in page
