"""The life of a reflection, declared once (taken by `storyhub.impact.services`).

    private ──share──▶ submitted ──approve──▶ approved     (its writer shares; their educators)
    (under 15: sharing asks the writer's own yes, and approval waits for it, as for stories)
    submitted ──reject──▶ rejected ──share──▶ submitted     (with a reason the writer reads)
    submitted/approved ──withdraw──▶ private                (its writer, at any time)
    approved ──unpublish──▶ rejected                        (their educators, with a reason)

Every move is written in the moderation log, like a story's.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from storyhub.accounts.services import needs_own_agreement
from storyhub.core.errors import DomainError
from storyhub.core.lifecycle import (
    HIDDEN_AFTER_REPORTS,
    Lifecycle,
    Transition,
    is_hidden_after_reports,
)
from storyhub.core.models import utcnow
from storyhub.groups.services import has_parental_consent
from storyhub.impact.models import (
    REFLECTION_APPROVED,
    REFLECTION_PRIVATE,
    REFLECTION_REJECTED,
    REFLECTION_SUBMITTED,
    Reflection,
)
from storyhub.impact.permissions import can_review_reflection, is_writer
from storyhub.moderation.models import TARGET_REFLECTION
from storyhub.moderation.services import log_transition
from storyhub.notifications.services import notify

MAX_REASON_LENGTH = 500


def _has_words(reflection: Reflection) -> None:
    if not reflection.body.strip():
        raise DomainError(_("Write what changed for you before sharing it."))


def _check_consent(reflection: Reflection) -> None:
    if not has_parental_consent(reflection.author):
        raise DomainError(
            _(
                "Parental consent for %(name)s is not recorded yet: record it in the group's "
                "roster before publishing their reflection.",
                name=reflection.author.display_name,
            )
        )


def _check_own_agreement(reflection: Reflection) -> None:
    """Under 15, the writer's own yes to being published (the one asked for stories) first."""
    if needs_own_agreement(reflection.author):
        raise DomainError(
            _(
                "This reflection cannot be published yet: %(name)s has not said yes themself. "
                "They are asked when they share it, and on their “My data” page.",
                name=reflection.author.display_name,
            )
        )


def _log(reflection, actor, action, source, target, reason) -> None:
    log_transition(
        TARGET_REFLECTION, reflection.id, reflection.group_id, actor, action, source, target, reason
    )


def _refused(reflection: Reflection, status: str) -> str:
    return {
        REFLECTION_PRIVATE: _("This reflection is private: its writer has not shared it."),
        REFLECTION_SUBMITTED: _("This reflection is waiting for an educator's review."),
        REFLECTION_APPROVED: _("This reflection is already published."),
        REFLECTION_REJECTED: _("This reflection was not published."),
    }[status]


_GIVE_REASON = _l("Please give a reason: the writer will read it.")
# What must hold for a reflection to be published: by its educators' approval, or by the admins
# reversing a refusal on appeal (storyhub/reports/appeals.py).
PUBLISH_GUARDS = (_check_consent, _check_own_agreement)

REFLECTION = Lifecycle(
    Transition(
        "share",
        (REFLECTION_PRIVATE, REFLECTION_REJECTED),
        REFLECTION_SUBMITTED,
        is_writer,
        _l("Only its writer can share a reflection."),
        _refused,
        guards=(_has_words,),
    ),
    Transition(
        "approve",
        (REFLECTION_SUBMITTED,),
        REFLECTION_APPROVED,
        can_review_reflection,
        _l("Only the educators of the writer's group can approve it."),
        _refused,
        guards=PUBLISH_GUARDS,
    ),
    Transition(
        "reject",
        (REFLECTION_SUBMITTED,),
        REFLECTION_REJECTED,
        can_review_reflection,
        _l("Only the educators of the writer's group can decide on it."),
        _refused,
        _GIVE_REASON,
    ),
    Transition(
        "unpublish",
        (REFLECTION_APPROVED,),
        REFLECTION_REJECTED,
        can_review_reflection,
        _l("Only the educators of the writer's group can unpublish it."),
        _refused,
        _GIVE_REASON,
    ),
    Transition(
        "withdraw",
        (REFLECTION_SUBMITTED, REFLECTION_APPROVED),
        REFLECTION_PRIVATE,
        is_writer,
        _l("Only its writer can make a reflection private again."),
        _refused,
    ),
    labels={
        REFLECTION_PRIVATE: _l("Private: only you and your educators read it"),
        REFLECTION_SUBMITTED: _l("Shared: waiting for your educator"),
        REFLECTION_APPROVED: _l("Published on the impact page"),
        REFLECTION_REJECTED: _l("Not published"),
    },
    phases={
        "editable": (REFLECTION_PRIVATE, REFLECTION_REJECTED),
        "waiting": (REFLECTION_SUBMITTED,),
        "published": (REFLECTION_APPROVED,),
        "decided_against": (REFLECTION_REJECTED,),  # its writer may appeal (storyhub/reports)
    },
    conditions={HIDDEN_AFTER_REPORTS: is_hidden_after_reports},
    log=_log,
    max_reason=MAX_REASON_LENGTH,
    too_long=_l("A reason can be at most %(max)d characters long."),
)


def effect(action: str):
    """The dates and feedback each move writes beside the status."""

    def apply(reflection: Reflection, actor, reason: str) -> None:
        now = utcnow()
        if action == "share":
            reflection.submitted_at, reflection.feedback = now, ""
        elif action == "approve":
            reflection.published_at = now
        elif action in ("reject", "unpublish"):
            reflection.feedback, reflection.published_at = reason, None
        elif action == "withdraw":
            reflection.published_at = None
        _tell(reflection, action, reason)

    return apply


def _tell(reflection: Reflection, action: str, reason: str) -> None:
    """The writer's educators hear of a shared reflection; the writer hears the decision."""
    exchange = reflection.exchange.title
    base = f"/exchanges/{reflection.exchange_id}/impact"
    if action == "share":
        educators = reflection.group.educators
        link = f"{base}/follow#reflection-{reflection.id}"
        name = reflection.author.display_name
        notify(educators, "reflection_shared", link, name=name, exchange=exchange)
    elif action == "approve":
        notify([reflection.author], "reflection_approved", f"{base}/mine", exchange=exchange)
    elif action in ("reject", "unpublish"):
        params = {"exchange": exchange, "reason": reason}
        notify([reflection.author], "reflection_rejected", f"{base}/mine", **params)
