"""The life of a story: every allowed transition, every refused one with its message."""

from datetime import date

import pytest

from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_PARENTAL, Consent
from storyhub.groups.services import record_consent
from storyhub.moderation.models import ModerationEntry
from storyhub.notifications.models import Notification
from storyhub.stories import services
from tests import factories
from tests.stories.helpers import text_input

pytestmark = pytest.mark.usefixtures("english")


def _log(story):
    query = db.select(ModerationEntry).filter_by(target_type="story", target_id=story.id)
    return list(db.session.scalars(query.order_by(ModerationEntry.id)))


def _notified(user, kind):
    return db.session.scalar(db.select(Notification).filter_by(user_id=user.id, kind=kind))


@pytest.fixture
def draft(pair):
    return services.start_story(pair.round, pair.lea, text_input(author_ids=[pair.yanis.id]))


@pytest.fixture
def submitted(draft, pair):
    return services.submit_story(draft, pair.lea)


# Allowed transitions ---------------------------------------------------------------------


def test_young_person_starts_a_draft_for_their_group(pair, draft):
    assert draft.status == "draft"
    assert draft.group_id == pair.a.id
    assert {a.id for a in draft.authors} == {pair.lea.id, pair.yanis.id}
    assert draft.blocks[0].body_html == "<p>At dusk, the square fills up.</p>"


def test_author_submits_a_draft(pair, draft):
    services.submit_story(draft, pair.lea)
    assert draft.status == "submitted" and draft.submitted_at is not None
    entry = _log(draft)[-1]
    assert (entry.action, entry.from_status, entry.to_status) == ("submit", "draft", "submitted")
    assert entry.actor_id == pair.lea.id and entry.group_id == pair.a.id
    assert _notified(pair.edu_a, "story_submitted") is not None
    assert _notified(pair.edu_b, "story_submitted") is None


def test_co_author_may_submit_too(pair, draft):
    services.submit_story(draft, pair.yanis)
    assert draft.status == "submitted"


def test_educator_approves_and_both_sides_are_told(pair, submitted):
    services.approve_story(submitted, pair.edu_a)
    assert submitted.status == "approved" and submitted.published_at is not None
    assert _log(submitted)[-1].action == "approve"
    assert _notified(pair.lea, "story_approved") is not None
    assert _notified(pair.yanis, "story_approved") is not None
    twin = [_notified(u, "twin_published") for u in (pair.amina, pair.edu_b)]
    assert all(twin)
    assert _notified(pair.lea, "twin_published") is None


def test_educator_requests_changes_then_authors_revise_and_resubmit(pair, submitted):
    services.request_changes(submitted, pair.edu_a, "Tell us more about the market.")
    assert submitted.status == "changes_requested"
    assert submitted.feedback == "Tell us more about the market."
    assert submitted.is_editable
    assert _notified(pair.lea, "changes_requested").link.endswith(f"/stories/{submitted.id}/edit")
    services.save_story(submitted, pair.lea, text_input(body="<p>The market, at dawn.</p>"))
    services.submit_story(submitted, pair.lea)
    assert submitted.status == "submitted"
    actions = [e.action for e in _log(submitted)]
    assert actions == ["submit", "request_changes", "submit"]


def test_educator_rejects_with_a_reason(pair, submitted):
    services.reject_story(submitted, pair.edu_a, "It names a classmate.")
    assert submitted.status == "rejected"
    assert _log(submitted)[-1].reason == "It names a classmate."
    assert _notified(pair.lea, "story_rejected") is not None


def test_educator_unpublishes_an_approved_story(pair, submitted):
    services.approve_story(submitted, pair.edu_a)
    services.unpublish_story(submitted, pair.edu_a, "A parent asked.")
    assert submitted.status == "unpublished"
    entry = _log(submitted)[-1]
    assert (entry.from_status, entry.to_status, entry.reason) == (
        "approved",
        "unpublished",
        "A parent asked.",
    )


def test_educator_writes_on_behalf_of_the_group(pair):
    story = services.start_story(pair.round, pair.edu_a, text_input())
    assert story.group_id == pair.a.id and story.authors == []
    services.submit_story(story, pair.edu_a)
    services.approve_story(story, pair.edu_a)
    assert story.status == "approved"


def test_allowed_actions_follow_the_table(pair, draft):
    assert services.allowed_actions(pair.lea, draft) == ["submit"]
    assert services.allowed_actions(pair.edu_b, draft) == []
    services.submit_story(draft, pair.lea)
    assert services.allowed_actions(pair.lea, draft) == []
    assert services.allowed_actions(pair.edu_a, draft) == ["approve", "request_changes", "reject"]


# Refused transitions ---------------------------------------------------------------------


def _refused(message, call, *args):
    with pytest.raises(DomainError) as error:
        call(*args)
    assert message in error.value.message


def test_young_person_cannot_approve(pair, submitted):
    _refused(
        "Only an educator of the group can approve", services.approve_story, submitted, pair.lea
    )
    assert submitted.status == "submitted"


def test_educator_of_the_other_group_cannot_approve(pair, submitted):
    _refused("Only an educator of the group", services.approve_story, submitted, pair.edu_b)


def test_a_draft_cannot_be_approved(pair, draft):
    _refused("Only a story waiting for review", services.approve_story, draft, pair.edu_a)


def test_a_submitted_story_cannot_be_submitted_again(pair, submitted):
    _refused("Only a draft can be sent", services.submit_story, submitted, pair.lea)
    assert [e.action for e in _log(submitted)] == ["submit"]


def test_a_young_person_who_is_not_an_author_cannot_submit(pair):
    story = services.start_story(pair.round, pair.lea, text_input())
    _refused("Only the authors", services.submit_story, story, pair.yanis)


def test_an_empty_story_cannot_be_submitted(pair):
    story = services.start_story(pair.round, pair.lea, text_input(body="<p> </p>"))
    _refused("Write at least one block", services.submit_story, story, pair.lea)
    assert story.status == "draft"


def test_a_story_without_title_cannot_be_submitted(pair):
    story = services.start_story(pair.round, pair.lea, text_input(title="  "))
    _refused("Give your story a title", services.submit_story, story, pair.lea)


@pytest.mark.parametrize(
    ("action", "message"),
    [("request_changes", "Write your feedback"), ("reject", "Give the reason why")],
)
def test_feedback_or_reason_is_required(pair, submitted, action, message):
    _refused(message, services.take_action, submitted, pair.edu_a, action, "   ")
    assert submitted.status == "submitted"


def test_unpublish_needs_a_reason_and_a_published_story(pair, submitted):
    _refused("Only a published story", services.unpublish_story, submitted, pair.edu_a, "x")
    services.approve_story(submitted, pair.edu_a)
    _refused("Give the reason", services.unpublish_story, submitted, pair.edu_a, "")


def test_rejected_and_unpublished_are_final(pair, submitted):
    services.reject_story(submitted, pair.edu_a, "No.")
    _refused("Only a draft", services.submit_story, submitted, pair.lea)
    _refused("Only a story waiting", services.approve_story, submitted, pair.edu_a)


def test_unknown_action_is_refused(pair, submitted):
    _refused("does not exist", services.take_action, submitted, pair.edu_a, "publish-now")


def test_over_long_reason_is_refused_with_its_limit(pair, submitted):
    _refused("at most 2000", services.reject_story, submitted, pair.edu_a, "x" * 2001)


# Consent ---------------------------------------------------------------------------------


def test_approval_refused_without_parental_consent_then_allowed_once_recorded(pair):
    noor = factories.make_young(pair.a, name="Noor", parental=None)
    story = services.start_story(pair.round, noor, text_input())
    services.submit_story(story, noor)
    with pytest.raises(services.ConsentMissing) as error:
        services.approve_story(story, pair.edu_a)
    assert "Noor" in error.value.message and "roster" in error.value.message
    assert error.value.group_id == pair.a.id
    assert story.status == "submitted"
    record_consent(pair.a, noor, CONSENT_PARENTAL, True, date(2026, 9, 1), pair.edu_a)
    services.approve_story(story, pair.edu_a)
    assert story.status == "approved"


def test_a_refused_consent_also_blocks_approval(pair, submitted):
    consent = db.session.scalar(
        db.select(Consent).filter_by(user_id=pair.yanis.id, kind="parental")
    )
    consent.granted = False
    db.session.commit()
    _refused("Yanis", services.approve_story, submitted, pair.edu_a)


# Writing rules ---------------------------------------------------------------------------


def test_young_person_cannot_edit_a_submitted_story(pair, submitted):
    _refused("cannot be changed now", services.save_story, submitted, pair.lea, text_input("New"))
    assert submitted.title == "Our square"


def test_educator_fixes_a_typo_and_the_change_is_logged(pair, submitted):
    services.save_story(submitted, pair.edu_a, text_input(title="Our sqaure fixed", note="Typo"))
    assert submitted.title == "Our sqaure fixed" and submitted.status == "submitted"
    entry = _log(submitted)[-1]
    assert (entry.action, entry.reason, entry.actor_id) == ("edit", "Typo", pair.edu_a.id)


def test_an_educator_edit_without_note_says_what_changed(pair, submitted):
    services.save_story(submitted, pair.edu_a, text_input(body="<p>At dusk, the square.</p>"))
    assert "block 1" in _log(submitted)[-1].reason


def test_only_members_of_the_exchange_write_in_it(pair):
    outsider = factories.make_young(factories.make_group(factories.make_educator()))
    _refused("Only the members", services.start_story, pair.round, outsider, text_input())


def test_a_closed_round_takes_no_story(pair):
    closed = factories.make_round(
        pair.exchange, opens_on=date(2025, 1, 1), closes_on=date(2025, 2, 1)
    )
    _refused("closed", services.start_story, closed, pair.lea, text_input())


def test_a_round_not_open_yet_takes_no_story(pair):
    later = factories.make_round(
        pair.exchange, opens_on=date(2030, 1, 1), closes_on=date(2030, 2, 1)
    )
    _refused("opens on", services.start_story, later, pair.lea, text_input())


def test_co_authors_come_from_the_same_group(pair):
    _refused(
        "members of your group",
        services.start_story,
        pair.round,
        pair.lea,
        text_input(author_ids=[pair.amina.id]),
    )


def test_a_reply_answers_a_published_story_of_the_same_round(pair):
    theirs = factories.make_story(pair.round, pair.b, [pair.amina], status="approved")
    story = services.start_story(pair.round, pair.lea, text_input(in_reply_to_id=theirs.id))
    assert story.in_reply_to_id == theirs.id
    hidden = factories.make_story(pair.round, pair.b, [pair.amina], status="draft")
    _refused(
        "same round",
        services.start_story,
        pair.round,
        pair.lea,
        text_input(in_reply_to_id=hidden.id),
    )


def test_over_long_title_is_refused_with_its_limit(pair):
    _refused("at most 150", services.start_story, pair.round, pair.lea, text_input("t" * 151))


def test_a_young_person_stays_an_author_of_what_they_write(pair, draft):
    services.save_story(draft, pair.lea, text_input(author_ids=[pair.yanis.id]))
    assert pair.lea in draft.authors


def test_every_guard_of_approval_is_asked_before_approving(pair, submitted, monkeypatch):
    def no_media_consent(story):
        raise DomainError("Amina appears in a photo without image consent.")

    guards = services.GUARDS["approve"]
    monkeypatch.setitem(services.GUARDS, "approve", (*guards, no_media_consent))
    _refused("without image consent", services.approve_story, submitted, pair.edu_a)
    assert submitted.status == "submitted"
    monkeypatch.setitem(services.GUARDS, "approve", guards)
    services.approve_story(submitted, pair.edu_a)
    assert submitted.status == "approved"


def test_the_young_person_who_started_the_story_stays_an_author(pair, draft):
    services.save_story(draft, pair.yanis, text_input(author_ids=[]))
    assert {a.display_name for a in draft.authors} == {"Léa", "Yanis"}
