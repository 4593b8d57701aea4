"""Reports and their review: filing a report, hiding at once, and the decision on an item.

The life of a reported item, written once (to move into storyhub/core/lifecycle.py):

    shown ──report (serious reason, or N distinct reporters)──▶ hidden
    hidden/shown ──keep──▶ shown (reports dismissed)
                 ──correct──▶ back to its authors (story: changes requested)
                 ──unpublish──▶ out of view (story unpublished, comment rejected, media hidden,
                                exchange private)
                 ──delete──▶ gone
                 ──suspend──▶ unpublished, and its adult author can no longer sign in (admins)

Each step is written in the moderation log; the reporter who left an address gets a mail in
general words; the authors and their educators are told why.
"""

import hashlib
import hmac

from flask import current_app
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _

from storyhub.accounts.mail import send_mail
from storyhub.accounts.models import User
from storyhub.core import lifecycle
from storyhub.core.errors import DomainError
from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.moderation.services import log_transition
from storyhub.notifications.services import notify
from storyhub.reports import outcomes
from storyhub.reports.models import (
    INSTANT_HIDE_REASONS,
    REASONS,
    REPORT_CLOSED,
    REPORT_OPEN,
    Report,
)
from storyhub.reports.permissions import can_review_item, educators_of
from storyhub.reports.targets import KINDS, target_type_of
from storyhub.stories.models import Story
from storyhub.stories.services import retract_published_notices

MAX_TEXT = 2000


def reporter_key(user: User, address: str) -> str:
    """Who reports: the account, or for anonymous visitors a keyed hash of their address."""
    if user.is_authenticated:
        return f"user:{user.id}"
    secret = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(secret, (address or "").encode(), hashlib.sha256).hexdigest()
    return f"addr:{digest[:48]}"


def open_reports(item) -> list[Report]:
    """The reports on this item still waiting for a decision, oldest first."""
    query = (
        db.select(Report)
        .filter_by(target_type=target_type_of(item), target_id=item.id, status=REPORT_OPEN)
        .order_by(Report.created_at, Report.id)
    )
    return list(db.session.scalars(query))


def distinct_reporters(item) -> int:
    """How many different people reported this item since its last review."""
    query = db.select(db.func.count(db.distinct(Report.reporter_key))).filter_by(
        target_type=target_type_of(item), target_id=item.id, status=REPORT_OPEN
    )
    return db.session.scalar(query) or 0


def should_hide(item, reason: str) -> bool:
    """A serious reason hides at the first report; otherwise enough distinct reporters."""
    if reason in INSTANT_HIDE_REASONS:
        return True
    return distinct_reporters(item) >= current_app.config["REPORT_HIDE_THRESHOLD"]


def file_report(
    item, user: User, address: str, reason: str, text: str = "", email: str = ""
) -> Report:
    """Record a report on an item the reporter can see; hide the item when the rule says so."""
    kind = KINDS[target_type_of(item)]
    if not kind.can_view(user, item):
        raise DomainError(_("This content cannot be reported: it is not shown to you."))
    if reason not in REASONS:
        raise DomainError(_("Choose what the problem is."))
    if len(text or "") > MAX_TEXT:
        raise DomainError(_("Too long: at most %(max)d characters.", max=MAX_TEXT))
    group_id, other_group_id = kind.groups(item)
    lifecycle.lock(item)  # a decision on the item at this moment comes wholly before or after
    report = Report(
        target_type=target_type_of(item),
        target_id=item.id,
        group_id=group_id,
        other_group_id=other_group_id,
        reason=reason,
        text=(text or "").strip(),
        email=(email or "").strip(),
        reporter_id=user.id if user.is_authenticated else None,
        reporter_key=reporter_key(user, address),
        locale=str(get_locale() or "fr"),
    )
    db.session.add(report)
    db.session.flush()
    if item.hidden_at is None and should_hide(item, reason):
        hide_item(item, reason)
    db.session.commit()
    return report


def hide_item(item, reason: str) -> None:
    """Take the item out of every surface until someone reviews it; its educators are told."""
    kind = KINDS[target_type_of(item)]
    item.hidden_at = utcnow()
    if isinstance(item, Story):
        retract_published_notices(item)
    group_id, other_group_id = kind.groups(item)
    log_transition(
        target_type_of(item), item.id, group_id, None, "report_hide", "shown", "hidden", reason
    )
    notify(
        educators_of(group_id, other_group_id),
        "content_reported",
        "/moderation/reports",
        title=kind.title(item)[:120],
    )


def decide(item, actor: User, outcome: str, reason: str = "") -> None:
    """Take a decision on a reported (or any) item: keep, correct, unpublish, delete, suspend."""
    if not can_review_item(actor, item):
        raise DomainError(_("Only the educators of the group concerned and the admins decide."))
    lifecycle.lock(item)  # a report or another decision at this moment waits, then sees this one
    step = outcomes.OUTCOMES.get(outcome)
    if step is None or not step.applies(actor, item):
        raise DomainError(_("This decision is not possible for this content."))
    reason = (reason or "").strip()
    if step.needs_reason and not reason:
        raise DomainError(_("Say why: the authors and their educator will read it."))
    if len(reason) > MAX_TEXT:
        raise DomainError(_("Too long: at most %(max)d characters.", max=MAX_TEXT))
    kind = KINDS[target_type_of(item)]
    target_type, target_id, title = target_type_of(item), item.id, kind.title(item)[:120]
    group_id, other_group_id = kind.groups(item)
    people = [*kind.authors(item), *educators_of(group_id, other_group_id)]
    reports = open_reports(item)
    before = "hidden" if item.hidden_at is not None else "shown"
    after = step.apply(item, actor, reason)
    now = utcnow()
    for report in reports:
        report.status, report.outcome = REPORT_CLOSED, outcome
        report.decided_by_id, report.decided_at = actor.id, now
    log_transition(
        target_type, target_id, group_id, actor, f"report_{outcome}", before, after, reason
    )
    notify(
        [p for p in people if p is not None and p.id != actor.id],
        "report_decided",
        kind.url(item) if outcome != "delete" else "",
        title=title,
        outcome=str(outcomes.OUTCOMES[outcome].label),
        reason=reason or "-",
    )
    db.session.commit()
    if outcome == "delete":
        outcomes.after_delete(item)
    for report in reports:
        if report.email:
            _answer_reporter(report, outcome)


def _answer_reporter(report: Report, outcome: str) -> None:
    """The reporter who left an address learns the outcome, in general words only."""
    with force_locale(report.locale or "fr"):
        if outcome == "keep":
            words = _(
                "We looked at the content you reported. It follows the rules of StoryHub, "
                "so it stays online."
            )
        else:
            words = _(
                "We looked at the content you reported and took action: it was corrected "
                "or removed."
            )
        body = "\n\n".join(
            [
                _("Hello,"),
                _("Thank you for your report on StoryHub."),
                words,
                _("If something online worries you, our help page says who to talk to."),
                _("The StoryHub team"),
            ]
        )
        send_mail(report.email, _("Your report on StoryHub"), body)
