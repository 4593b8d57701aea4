"""The life of a story, declared once (taken by `storyhub.stories.services.take_action`).

    draft ──submit──▶ submitted ──approve──▶ approved ──unpublish──▶ unpublished
    submitted ──request_changes──▶ changes_requested ──submit──▶ submitted
    submitted ──reject──▶ rejected;  rejected/unpublished ──revise──▶ changes_requested
    unpublished ──republish──▶ approved (the educator who unpublished, or an admin)

Templates ask it: `story_is(story, phase)`, `status_label(status)`, the allowed actions.
"""

from flask_babel import lazy_gettext as _l

from storyhub.accounts.models import User
from storyhub.core.lifecycle import (
    HIDDEN_AFTER_REPORTS,
    Lifecycle,
    Transition,
    is_hidden_after_reports,
)
from storyhub.moderation.models import TARGET_STORY
from storyhub.moderation.services import log_transition
from storyhub.stories.models import (
    STATUS_APPROVED,
    STATUS_CHANGES_REQUESTED,
    STATUS_DRAFT,
    STATUS_REJECTED,
    STATUS_SUBMITTED,
    STATUS_UNPUBLISHED,
    Story,
)
from storyhub.stories.permissions import (
    can_moderate_story,
    can_republish_story,
    can_submit_story,
)

MAX_REASON = 2000
STORY_ALREADY_DECIDED = _l(
    "Someone has just decided on this story already: your decision was not recorded. "
    "Here is where it stands now."
)


def _log(story: Story, actor: User, action: str, before: str, after: str, reason: str) -> None:
    log_transition(TARGET_STORY, story.id, story.group_id, actor, action, before, after, reason)


STORY = Lifecycle(
    Transition(
        "submit",
        (STATUS_DRAFT, STATUS_CHANGES_REQUESTED),
        STATUS_SUBMITTED,
        can_submit_story,
        _l("Only the authors of the story or their educators can send it for review."),
        _l("Only a draft can be sent for review."),
    ),
    Transition(
        "approve",
        (STATUS_SUBMITTED,),
        STATUS_APPROVED,
        can_moderate_story,
        _l("Only an educator of the group can approve a story."),
        _l("Only a story waiting for review can be approved."),
    ),
    Transition(
        "request_changes",
        (STATUS_SUBMITTED,),
        STATUS_CHANGES_REQUESTED,
        can_moderate_story,
        _l("Only an educator of the group can ask for changes."),
        _l("Changes can only be asked on a story waiting for review."),
        _l("Write your feedback for the authors: what should they change?"),
    ),
    Transition(
        "reject",
        (STATUS_SUBMITTED,),
        STATUS_REJECTED,
        can_moderate_story,
        _l("Only an educator of the group can reject a story."),
        _l("Only a story waiting for review can be rejected."),
        _l("Give the reason why the story is not accepted."),
    ),
    Transition(
        "unpublish",
        (STATUS_APPROVED,),
        STATUS_UNPUBLISHED,
        can_moderate_story,
        _l("Only an educator of the group can unpublish a story."),
        _l("Only a published story can be unpublished."),
        _l("Give the reason for unpublishing the story."),
    ),
    Transition(
        "revise",
        (STATUS_REJECTED, STATUS_UNPUBLISHED),
        STATUS_CHANGES_REQUESTED,  # editable, and sent again even after the round closed
        can_submit_story,
        _l("Only the authors of the story or their educators can revise it."),
        _l("Only a story not accepted or unpublished can be revised."),
    ),
    Transition(
        "republish",
        (STATUS_UNPUBLISHED,),
        STATUS_APPROVED,
        can_republish_story,
        _l("Only the educator who unpublished the story, or an admin, can publish it again."),
        _l("Only an unpublished story can be published again."),
    ),
    labels={
        STATUS_DRAFT: _l("Draft"),
        STATUS_SUBMITTED: _l("Waiting for review"),
        STATUS_CHANGES_REQUESTED: _l("Changes requested"),
        STATUS_APPROVED: _l("Published"),
        STATUS_REJECTED: _l("Not accepted"),
        STATUS_UNPUBLISHED: _l("Unpublished"),
    },
    phases={
        "being_written": (STATUS_DRAFT,),
        "waiting": (STATUS_SUBMITTED,),
        "sent_back": (STATUS_CHANGES_REQUESTED,),
        "published": (STATUS_APPROVED,),
        "not_accepted": (STATUS_REJECTED,),
        "withdrawn": (STATUS_UNPUBLISHED,),
        "decided_against": (STATUS_REJECTED, STATUS_UNPUBLISHED),
    },
    conditions={HIDDEN_AFTER_REPORTS: is_hidden_after_reports},
    log=_log,
    lost=STORY_ALREADY_DECIDED,
    max_reason=MAX_REASON,
)
