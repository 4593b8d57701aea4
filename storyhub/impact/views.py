"""Impact pages: the before/after questions of a young person, the educators' follow-up
(reading, reviewing and selecting reflections, observations, statements, export) and the
impact page of an exchange."""

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user, login_required

from storyhub.accounts.services import own_agreement_given
from storyhub.core.errors import DomainError
from storyhub.core.inputs import bounded_int
from storyhub.core.models import load
from storyhub.core.permissions import admin_required, verified_educator_required
from storyhub.exchanges.models import Exchange, Round
from storyhub.exchanges.permissions import can_view_exchange, member_side
from storyhub.groups.membership import led_group_ids
from storyhub.impact import export, pages, queries, services, turns
from storyhub.impact import journey as journey_rules
from storyhub.impact import statements as st
from storyhub.impact.life import REFLECTION
from storyhub.impact.models import PHASE_AFTER, PHASE_BEFORE, Observation, Reflection
from storyhub.impact.permissions import (
    can_answer_after,
    can_answer_before,
    can_view_reflection,
    manages_impact,
    young_side,
)

bp = Blueprint("impact", __name__)


@bp.app_context_processor
def _helpers() -> dict:
    """What the impact templates (and the exchange page's summary) ask."""
    return {
        "impact_summary": pages.summary_for,
        "reflection_is": lambda reflection, phase: REFLECTION.is_in(reflection, phase),
        "reflection_label": REFLECTION.label,
        "reflection_actions": lambda reflection: REFLECTION.allowed_actions(
            current_user, reflection
        ),
        "change_kind_labels": pages.CHANGE_KIND_LABELS,
        "statement_text": st.statement_text,
        "member_side_of": lambda exchange: member_side(current_user, exchange),
        "waiting_reflections_for": lambda user: queries.waiting_reflections(led_group_ids(user)),
        # "Your turn" on the dashboard and the round page (one rule: storyhub/impact/turns.py)
        "your_turn": lambda exchange: turns.turn_of(current_user, exchange),
        "your_turns": lambda exchanges: turns.turns_of(current_user, exchanges),
        # Means in the reader's language ("1,9" in French), and a change with its sign.
        "one_decimal": lambda value: format_decimal(value, "0.0"),
        "signed_decimal": lambda value: format_decimal(value, "+0.0;-0.0"),
    }


def _exchange(exchange_id: int) -> Exchange:
    exchange = load(Exchange, exchange_id)
    if exchange is None or not can_view_exchange(current_user, exchange):
        abort(404)
    return exchange


def _managed(exchange_id: int) -> Exchange:
    exchange = _exchange(exchange_id)
    if not manages_impact(current_user, exchange):
        abort(403)
    return exchange


@bp.get("/exchanges/<int:exchange_id>/impact")
def detail(exchange_id: int):
    """What the exchange changed: change stories, observations, reciprocity, figures, chart."""
    exchange = _exchange(exchange_id)
    return render_template("impact/detail.html", **pages.impact_page(current_user, exchange))


def _answer_form(exchange: Exchange, phase: str, round_: Round | None):
    """Show or record a before/after set; a refused answer comes back with what was typed."""
    statements = st.ensure_statements(exchange)
    existing = services.answer_set_of(current_user, exchange, services.moment_of(round_, phase))
    answers, errors = pages.answers_from(existing), {}
    if request.method == "POST":
        answers = services.Answers(
            values={s.id: request.form.get(f"s{s.id}", "") for s in statements},
            thoughts=request.form.get("thoughts", ""),
            reflection=request.form.get("reflection", ""),
        )
        try:
            services.save_answers(current_user, exchange, phase, answers, round_)
        except services.AnswerError as error:
            errors = error.errors
            flash(error.message, "error")
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(
                _("Thank you: your answers are saved. Only you and your educators read them."),
                "success",
            )
            return redirect(url_for("impact.mine", exchange_id=exchange.id))
    side = young_side(current_user, exchange)
    status = 400 if errors else 200
    return render_template(
        "impact/answer.html",
        exchange=exchange,
        phase=phase,
        round=round_,
        statements=statements,
        place=exchange.twin_of(side).territory.name,
        answers=answers,
        errors=errors,
        existing=existing,
    ), status


@bp.route("/exchanges/<int:exchange_id>/impact/before", methods=["GET", "POST"])
@login_required
def before(exchange_id: int):
    """A young person's before set: what they imagine, and the statements."""
    exchange = _exchange(exchange_id)
    if not can_answer_before(current_user, exchange):
        abort(403)
    return _answer_form(exchange, PHASE_BEFORE, None)


@bp.route("/exchanges/<int:exchange_id>/impact/after", methods=["GET", "POST"])
@login_required
def after(exchange_id: int):
    """An after set: at the end of a round (?round=<id>) or when the exchange closes."""
    exchange = _exchange(exchange_id)
    round_id = bounded_int(request.args.get("round"))
    round_ = load(Round, round_id) if round_id else None
    if round_id and (round_ is None or round_.exchange_id != exchange.id):
        abort(404)
    if not can_answer_after(current_user, exchange, round_):
        abort(403)
    return _answer_form(exchange, PHASE_AFTER, round_)


@bp.get("/exchanges/<int:exchange_id>/impact/mine")
@login_required
def mine(exchange_id: int):
    """A young person's own answers and reflections in this exchange, and what they can do."""
    exchange = _exchange(exchange_id)
    if young_side(current_user, exchange) is None:
        abort(403)
    return render_template("impact/mine.html", **pages.mine_page(current_user, exchange))


@bp.post(
    "/impact/reflections/<int:reflection_id>/<any(share, withdraw, approve, reject, unpublish):action>"
)
@login_required
def act(reflection_id: int, action: str):
    """Take one step of a reflection's life (share, withdraw, approve, reject, unpublish)."""
    reflection = load(Reflection, reflection_id)
    if reflection is None or not can_view_reflection(current_user, reflection):
        abort(404)
    if not REFLECTION.allowed(current_user, reflection, action) and not _may_try(
        reflection, action
    ):
        abort(403)
    if action == "share" and not own_agreement_given(
        current_user, request.form.get("own_agreement")
    ):
        flash(_("To share it, first say whether you agree to be published."), "error")
        return redirect(_back(reflection) + f"#reflection-{reflection.id}")
    try:
        services.take(reflection, current_user, action, request.form.get("reason", ""))
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(pages.DONE_MESSAGES[action], "success")
    return redirect(_back(reflection))


def _may_try(reflection: Reflection, action: str) -> bool:
    """The right person in the wrong state reads why (not a 403)."""
    from storyhub.impact.permissions import can_review_reflection, is_writer

    writer_moves = ("share", "withdraw")
    if action in writer_moves:
        return is_writer(current_user, reflection)
    return can_review_reflection(current_user, reflection)


def _back(reflection: Reflection) -> str:
    if reflection.author_id == current_user.id:
        return url_for("impact.mine", exchange_id=reflection.exchange_id)
    return (
        url_for("impact.follow", exchange_id=reflection.exchange_id)
        + f"#reflection-{reflection.id}"
    )


@bp.post("/impact/reflections/<int:reflection_id>/select")
@verified_educator_required
def select(reflection_id: int):
    """Pick a reflection as a most significant change, with a reason and a kind of change."""
    reflection = load(Reflection, reflection_id) or abort(404)
    if not can_view_reflection(current_user, reflection):
        abort(404)
    from storyhub.impact.permissions import can_review_reflection

    if not can_review_reflection(current_user, reflection):
        abort(403)
    try:
        if request.form.get("unselect"):
            services.unselect_reflection(current_user, reflection)
        else:
            kind = request.form.get("kind", "")
            services.select_reflection(
                current_user, reflection, request.form.get("reason", ""), kind
            )
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Your choice is saved."), "success")
    return redirect(_back(reflection))


@bp.get("/exchanges/<int:exchange_id>/impact/follow")
@verified_educator_required
def follow(exchange_id: int):
    """The educators' follow-up of one exchange: who answered, reflections, observations."""
    exchange = _managed(exchange_id)
    return render_template("impact/follow.html", **pages.follow_page(current_user, exchange))


@bp.post("/exchanges/<int:exchange_id>/impact/observations")
@verified_educator_required
def observe(exchange_id: int):
    """Note what an educator saw change in their group (private or public)."""
    exchange = _managed(exchange_id)
    group_id = bounded_int(request.form.get("group")) or member_side(current_user, exchange)
    observed_on = pages.parse_date(request.form.get("observed_on")) or date.today()
    try:
        services.add_observation(
            current_user, exchange, group_id, observed_on, request.form.get("body", ""),
            request.form.get("public") == "y",
        )  # fmt: skip
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Your observation is saved."), "success")
    return redirect(url_for("impact.follow", exchange_id=exchange.id) + "#observations")


@bp.post("/impact/observations/<int:observation_id>/delete")
@verified_educator_required
def delete_observation(observation_id: int):
    """Remove an observation of one's own side."""
    observation = load(Observation, observation_id) or abort(404)
    exchange = _managed(observation.exchange_id)
    try:
        services.delete_observation(current_user, observation)
    except DomainError as error:
        abort(403, error.message)
    flash(_("The observation is removed."), "success")
    return redirect(url_for("impact.follow", exchange_id=exchange.id) + "#observations")


@bp.route("/exchanges/<int:exchange_id>/impact/statements", methods=["GET", "POST"])
@verified_educator_required
def statements(exchange_id: int):
    """The educators reword the 1–5 statements before the exchange starts."""
    exchange = _managed(exchange_id)
    current = st.ensure_statements(exchange)
    texts = [st.statement_text(s, st.PLACE) for s in current]
    if request.method == "POST":
        texts = [request.form.get(f"text{i}", "") for i in range(st.MAX_STATEMENTS)]
        try:
            services.update_statements(current_user, exchange, texts)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("The statements are saved."), "success")
            return redirect(url_for("impact.follow", exchange_id=exchange.id))
    texts = (texts + [""] * st.MAX_STATEMENTS)[: st.MAX_STATEMENTS]
    return render_template(
        "impact/statements.html",
        exchange=exchange,
        texts=texts,
        started=st.has_started(exchange),
    )


@bp.get("/exchanges/<int:exchange_id>/impact/export.csv")
@verified_educator_required
def export_csv(exchange_id: int):
    """The anonymised answers and selections of the exchange, for its educators."""
    exchange = _managed(exchange_id)
    return export.csv_response(exchange)


@bp.get("/journey")
@login_required
def journey():
    """A young person's own engagement trail ("my journey")."""
    if not current_user.is_young:
        abort(403)
    return _journey_page(current_user, own=True)


@bp.get("/groups/members/<int:user_id>/journey")
@verified_educator_required
def journey_of(user_id: int):
    """A young person's trail, for the educators of their group."""
    from storyhub.accounts.models import User

    person = load(User, user_id)
    if person is None or not journey_rules.can_view_journey(current_user, person):
        abort(404)
    return _journey_page(person, own=False)


def _journey_page(person, own: bool):
    return render_template(
        "impact/journey.html",
        person=person,
        own=own,
        steps=journey_rules.journey_of(person),
        kind_labels=journey_rules.KIND_LABELS,
    )


@bp.get("/admin/impact")
@admin_required
def overview():
    """Impact across the platform, in figures (admins)."""
    from storyhub.impact.overview import overview as platform_overview

    return render_template("impact/overview.html", data=platform_overview())
