"""The life of a comment, declared once (taken by `storyhub.responses.services`).

    submitted ──approve──▶ approved (or, approved by the writer's side: submitted to the
                                     story's side)
    submitted ──reject──▶ rejected;  approved ──unpublish──▶ rejected
    submitted/approved ──hide──▶ hidden (the story's educators or an admin)

Templates ask it: `comment_is(comment, phase)`, `comment_label(status)`, the allowed actions.
"""

import html

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.core.lifecycle import (
    HIDDEN_AFTER_REPORTS,
    Lifecycle,
    Transition,
    is_hidden_after_reports,
)
from storyhub.core.sanitize import clean_text
from storyhub.groups.membership import leads_group
from storyhub.groups.services import has_parental_consent
from storyhub.responses.models import (
    COMMENT_APPROVED,
    COMMENT_HIDDEN,
    COMMENT_REJECTED,
    COMMENT_SUBMITTED,
    Comment,
)
from storyhub.responses.permissions import can_hide_comment, can_review_comment

MAX_REASON_LENGTH = 500


def plain_text(text: str | None) -> str:
    """Plain text: tags stripped by the sanitizer, entities turned back into characters.

    Templates escape on output, so the stored text holds `<` and `&` as typed.
    """
    return html.unescape(clean_text(text or "")).strip()


def _check_consent(comment: Comment) -> None:
    author = comment.author
    if author is not None and author.is_young and not has_parental_consent(author):
        raise DomainError(
            _(
                "Parental consent for %(name)s is not recorded yet: record it in the group's "
                "roster before publishing their comment.",
                name=author.display_name,
            )
        )


def _leads_writer_side(user: User, comment: Comment) -> bool:
    return leads_group(user, comment.group_id)


def _refusal(action: str):
    """Why this action is not possible from the comment's status, in words."""

    def sentence(comment: Comment, status: str) -> str:
        if status == COMMENT_APPROVED:
            if action == "approve":
                return _("This comment is already published.")
            return _("This comment is already published: unpublish it instead, with a reason.")
        if status == COMMENT_REJECTED:
            return _("This comment was already rejected; it cannot change any more.")
        if status == COMMENT_HIDDEN:
            return _("This comment is already hidden; it cannot change any more.")
        return _("This comment is not published yet: approve it or reject it.")

    return sentence


_GIVE_REASON = _l("Please give a reason: the writer will read it.")

COMMENT = Lifecycle(
    Transition(
        "approve",
        (COMMENT_SUBMITTED,),
        COMMENT_APPROVED,
        can_review_comment,
        _l("Only the educators who have to review this comment now can approve it."),
        _refusal("approve"),
        guards=(_check_consent,),
    ),
    Transition(
        "reject",
        (COMMENT_SUBMITTED,),
        COMMENT_REJECTED,
        can_review_comment,
        _l("Only the educators who have to review this comment now can reject it."),
        _refusal("reject"),
        _GIVE_REASON,
    ),
    Transition(
        "unpublish",
        (COMMENT_APPROVED,),
        COMMENT_REJECTED,
        _leads_writer_side,
        _l("Only the educators of the writer's group can unpublish this comment."),
        _refusal("unpublish"),
        _GIVE_REASON,
    ),
    Transition(
        "hide",
        (COMMENT_SUBMITTED, COMMENT_APPROVED),
        COMMENT_HIDDEN,
        can_hide_comment,
        _l("Only the educators of the story's group and the admins can hide it."),
        _refusal("hide"),
        _GIVE_REASON,
    ),
    labels={
        COMMENT_SUBMITTED: _l("Waiting for review"),
        COMMENT_APPROVED: _l("Published"),
        COMMENT_REJECTED: _l("Your educator did not publish this message."),
        COMMENT_HIDDEN: _l("A moderator hid this message."),
    },
    phases={"published": (COMMENT_APPROVED,), "taken_down": (COMMENT_HIDDEN,)},
    conditions={HIDDEN_AFTER_REPORTS: is_hidden_after_reports},
    lost=_l("Someone has just reviewed this comment already."),
    max_reason=MAX_REASON_LENGTH,
    clean=plain_text,
    too_long=_l("A reason can be at most %(max)d characters long."),
)
