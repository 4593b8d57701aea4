"""Report a problem (anyone), the report queue and its decisions, appeals to the admins."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from storyhub.core.errors import DomainError
from storyhub.core.permissions import admin_required, verified_educator_required
from storyhub.extensions import db, limiter
from storyhub.reports import appeals, outcomes, queries, services
from storyhub.reports.forms import (
    REASON_LABELS,
    AppealAnswerForm,
    AppealForm,
    DecisionForm,
    ReportForm,
)
from storyhub.reports.models import Appeal
from storyhub.reports.permissions import can_appeal, can_review_item, can_use_report_queue
from storyhub.reports.targets import KINDS, load_target

bp = Blueprint("reports", __name__)
TARGETS = "any(story, comment, media, exchange, reflection)"


def _report_limit() -> str:
    return current_app.config["REPORT_RATE_LIMIT"]


@bp.app_context_processor
def report_helpers():
    """The reason labels and the decision names, for the queue and the log; whether the viewer
    may appeal a decision on an item, and whether an appeal on it waits."""
    return {
        "report_reasons": REASON_LABELS,
        "report_outcomes": outcomes.OUTCOMES,
        "may_appeal": lambda item: can_appeal(current_user, item),
        "under_appeal": queries.is_under_appeal,
    }


def _visible_target(target_type: str, target_id: int):
    item = load_target(target_type, target_id)
    if item is None or not KINDS[target_type].can_view(current_user, item):
        abort(404)
    return item


@bp.route(f"/report/<{TARGETS}:target_type>/<int:target_id>", methods=["GET", "POST"])
@limiter.limit(_report_limit, methods=["POST"])
def create(target_type: str, target_id: int):
    """Report a problem on anything one can see, signed in or not."""
    item = _visible_target(target_type, target_id)
    kind = KINDS[target_type]
    form = ReportForm()
    if form.validate_on_submit():
        if form.website.data:  # the honeypot: a robot filled the hidden field
            return render_template("reports/thanks.html", hidden=False, back=kind.url(item))
        try:
            report = services.file_report(
                item,
                current_user,
                request.remote_addr or "",
                form.reason.data,
                form.text.data or "",
                form.email.data or "",
            )
        except DomainError as error:
            flash(error.message, "error")
        else:
            hidden = item.hidden_at is not None and report is not None
            return render_template("reports/thanks.html", hidden=hidden, back=kind.url(item))
    status = 400 if form.errors else 200
    return render_template(
        "reports/new.html", form=form, item=item, kind=kind, target_type=target_type
    ), status


@bp.get("/moderation/reports")
@verified_educator_required
def queue():
    """Reported items of the educator's groups (all for admins), the longest waiting first."""
    cases = queries.report_cases(current_user)
    decisions = queries.recent_decisions(current_user)
    refs = [(c.target_type, c.target_id) for c in cases]
    refs += [(entry.target_type, entry.target_id) for entry in decisions]
    return render_template(
        "reports/queue.html",
        cases=cases,
        kinds=KINDS,
        possible=outcomes.possible_outcomes,
        decisions=decisions,
        appealed=queries.appealed_keys(refs),
        decision_form=DecisionForm(),
        appeal_form=AppealForm(),
    )


@bp.post(f"/moderation/reports/<{TARGETS}:target_type>/<int:target_id>/<string:outcome>")
@verified_educator_required
def decide(target_type: str, target_id: int, outcome: str):
    """Keep, correct, unpublish, delete or suspend: the decision on a reported item."""
    item = load_target(target_type, target_id)
    if item is None or not can_review_item(current_user, item):
        abort(404)
    if outcome not in outcomes.possible_outcomes(current_user, item):
        abort(403)
    form = DecisionForm()
    if not form.validate():
        flash(next(iter(form.errors.values()))[0], "error")
        return redirect(url_for("reports.queue"))
    try:
        services.decide(item, current_user, outcome, form.reason.data or "")
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("reports.queue", _anchor=f"case-{target_type}-{target_id}"))
    flash(_("Decision recorded: %(outcome)s.", outcome=outcomes.OUTCOMES[outcome].label), "success")
    return redirect(url_for("reports.queue"))


@bp.post("/moderation/appeals/<any(story, comment, media, reflection):target_type>/<int:target_id>")
@login_required
def appeal(target_type: str, target_id: int):
    """An educator (or the young writer of a reflection) asks the admins to look again at a
    decision on their group's content."""
    item = load_target(target_type, target_id)
    if item is None:
        abort(404)
    if not can_appeal(current_user, item):
        abort(403)
    form = AppealForm()
    if not form.validate():
        flash(next(iter(form.errors.values()))[0], "error")
    else:
        try:
            appeals.request_appeal(item, current_user, form.text.data)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Your appeal was sent to the StoryHub admins."), "success")
    fallback = url_for("reports.queue" if can_use_report_queue(current_user) else "main.dashboard")
    return redirect(request.referrer if _same_site(request.referrer) else fallback)


def _same_site(url: str | None) -> bool:
    return bool(url) and url.startswith(request.host_url)


@bp.get("/moderation/appeals")
@admin_required
def appeals_index():
    """Appeals waiting for the admins, oldest first, each with its item."""
    waiting = [(a, load_target(a.target_type, a.target_id)) for a in queries.open_appeals()]
    return render_template(
        "reports/appeals.html", waiting=waiting, kinds=KINDS, answer_form=AppealAnswerForm()
    )


@bp.post("/moderation/appeals/<int:appeal_id>/<any(uphold, reverse):answer>")
@admin_required
def decide_appeal(appeal_id: int, answer: str):
    """An admin upholds the decision or reverses it."""
    found = db.session.get(Appeal, appeal_id) if 0 < appeal_id < 2**31 else None
    if found is None:
        abort(404)
    form = AppealAnswerForm()
    if not form.validate():
        flash(next(iter(form.errors.values()))[0], "error")
        return redirect(url_for("reports.appeals_index"))
    try:
        appeals.decide_appeal(found, current_user, answer == "reverse", form.answer.data)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("The educator has been told."), "success")
    return redirect(url_for("reports.appeals_index"))
