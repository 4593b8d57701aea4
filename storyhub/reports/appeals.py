"""Appeals: an educator asks the admins to look again at a decision on their group's content.

(decision) ──appeal──▶ under appeal ──uphold──▶ decision stands
                                    ──reverse──▶ the item is shown again
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from storyhub.accounts.models import ROLE_ADMIN, User
from storyhub.core import lifecycle
from storyhub.core.errors import DomainError
from storyhub.core.lifecycle import UNDER_APPEAL, Lifecycle, Transition
from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.impact.life import PUBLISH_GUARDS
from storyhub.impact.models import REFLECTION_APPROVED, REFLECTION_REJECTED, Reflection
from storyhub.moderation.models import ModerationEntry
from storyhub.moderation.services import log_transition
from storyhub.notifications.services import notify
from storyhub.reports.models import (
    APPEAL_OPEN,
    APPEAL_REVERSED,
    APPEAL_UPHELD,
    Appeal,
)
from storyhub.reports.permissions import can_appeal, can_decide_appeal, educators_of
from storyhub.reports.queries import is_under_appeal
from storyhub.reports.targets import KINDS, target_type_of
from storyhub.responses.models import COMMENT_APPROVED, Comment
from storyhub.stories.models import STATUS_APPROVED, Story

APPEALABLE = ("report_unpublish", "report_correct", "report_suspend", "unpublish", "reject")
MAX_TEXT = 2000


def last_decision(item) -> ModerationEntry | None:
    """The latest decision on the item that can be appealed."""
    query = (
        db.select(ModerationEntry)
        .filter_by(target_type=target_type_of(item), target_id=item.id)
        .where(ModerationEntry.action.in_(APPEALABLE))
        .order_by(ModerationEntry.created_at.desc(), ModerationEntry.id.desc())
    )
    return db.session.scalars(query).first()


def request_appeal(item, actor: User, text: str) -> Appeal:
    """An educator of the item's group (or its young writer, where allowed: `can_appeal`) asks
    the admins to review the latest decision on it."""
    target_type = target_type_of(item)
    group_id = KINDS[target_type].groups(item)[0]
    if not can_appeal(actor, item):
        raise DomainError(_("Only an educator of the group can appeal a decision on its content."))
    lifecycle.lock(item)  # two appeals sent at once: the second finds the first
    decision = last_decision(item)
    if decision is None:
        raise DomainError(_("There is no decision to appeal on this content."))
    if is_under_appeal(item):
        raise DomainError(_("An appeal on this content is already waiting for the admins."))
    text = (text or "").strip()
    if not text or len(text) > MAX_TEXT:
        raise DomainError(_("Say why the admins should look again (at most 2000 characters)."))
    appeal = Appeal(
        target_type=target_type,
        target_id=item.id,
        group_id=group_id,
        decision=decision.action,
        text=text,
        requested_by_id=actor.id,
    )
    db.session.add(appeal)
    log_transition(target_type, item.id, group_id, actor, "appeal", "", UNDER_APPEAL, text)
    admins = db.session.scalars(db.select(User).filter_by(role=ROLE_ADMIN))
    notify(admins, "appeal_received", "/moderation/appeals", title=KINDS[target_type].title(item))
    _tell_educators_of_writer_appeal(item, actor, group_id)
    db.session.commit()
    return appeal


def _show_again(item) -> str:
    if isinstance(item, Reflection):
        item.status, item.hidden_at, item.feedback = REFLECTION_APPROVED, None, ""
        item.published_at = utcnow()
        return REFLECTION_APPROVED
    if isinstance(item, Story):
        item.status, item.hidden_at, item.feedback = STATUS_APPROVED, None, ""
        item.published_at = item.published_at or utcnow()
        return STATUS_APPROVED
    if isinstance(item, Comment):
        item.status, item.hidden_at, item.reason = COMMENT_APPROVED, None, ""
        return COMMENT_APPROVED
    item.hidden_at = None
    return "shown"


def _appeal_link(appeal: Appeal, item) -> str:
    """Where the one who appealed reads the outcome: a reflection's writer on their own page."""
    if isinstance(item, Reflection) and appeal.requested_by_id == item.author_id:
        return f"/exchanges/{item.exchange_id}/impact/mine#reflection-{item.id}"
    return KINDS[appeal.target_type].url(item)


def _tell_educators_of_writer_appeal(item, actor: User, group_id: int) -> None:
    """The educators whose decision a young writer appeals are told (never behind their back)."""
    if isinstance(item, Reflection) and actor.id == item.author_id:
        notify(
            educators_of(group_id), "appeal_by_writer",
            f"/exchanges/{item.exchange_id}/impact/follow#reflection-{item.id}",
            name=actor.display_name, exchange=item.exchange.title,
        )  # fmt: skip


def _admins_decide(user: User, appeal: Appeal) -> bool:
    return can_decide_appeal(user)


def _decision(action: str, target: str) -> Transition:
    return Transition(
        action,
        (APPEAL_OPEN,),
        target,
        _admins_decide,
        _l("Only the StoryHub admins decide appeals."),
        _l("This appeal is already decided."),
        _l("Write an answer for the educator."),
    )


APPEAL = Lifecycle(
    _decision("uphold", APPEAL_UPHELD),
    _decision("reverse", APPEAL_REVERSED),
    labels={},
    phases={UNDER_APPEAL: (APPEAL_OPEN,)},  # the item it is about is under appeal meanwhile
    lost=_l("Another admin has just decided this appeal."),
    max_reason=100_000,  # the answer is kept to its first 500 characters
)


def decide_appeal(appeal: Appeal, admin: User, reverse: bool, answer: str):
    """An admin upholds the decision, or reverses it (the item is shown again)."""
    action = "reverse" if reverse else "uphold"
    item = db.session.get(KINDS[appeal.target_type].model, appeal.target_id)

    def item_exists(appeal: Appeal) -> None:
        if item is None:
            raise DomainError(_("This content no longer exists."))

    def may_show_again(appeal: Appeal) -> None:
        """A reflection shown again must still be refused as it was (not shared again since)
        and publishable (consent, an under-15's own yes)."""
        if reverse and isinstance(item, Reflection):
            if item.status != REFLECTION_REJECTED:
                raise DomainError(_("This reflection has changed since the decision."))
            for guard in PUBLISH_GUARDS:
                guard(item)

    def write(appeal: Appeal, transition: Transition, source: str) -> bool:
        lifecycle.lock(item)  # a decision on the item at this moment waits, then sees this one
        values = {"status": transition.target, "answer": answer[:500], "decided_by_id": admin.id}
        return lifecycle.compare_and_set(
            appeal, {"status": source}, values | {"decided_at": utcnow()}
        )

    def effect(appeal: Appeal, admin: User, answer: str) -> None:
        after = _show_again(item) if reverse else ""
        log_transition(
            appeal.target_type, item.id, appeal.group_id, admin, f"appeal_{appeal.status}",
            UNDER_APPEAL, after, answer,
        )  # fmt: skip
        notify(
            [appeal.requested_by],
            "appeal_decided",
            _appeal_link(appeal, item),
            title=KINDS[appeal.target_type].title(item),
            answer=answer[:500],
        )

    answer = (answer or "").strip()
    return APPEAL.take(
        appeal,
        admin,
        action,
        answer,
        guards=(item_exists, may_show_again),
        write=write,
        effect=effect,
    )
