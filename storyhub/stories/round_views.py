"""Editing and deleting a round, while no story answers it (educators of either side)."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from storyhub.core.errors import DomainError
from storyhub.core.models import load
from storyhub.exchanges.forms import RoundForm
from storyhub.exchanges.models import Round
from storyhub.exchanges.permissions import can_view_exchange
from storyhub.stories.round_changes import can_change_round, delete_round, update_round

bp = Blueprint("rounds", __name__, url_prefix="/exchanges")
bp.add_app_template_global(can_change_round, "can_change_round")  # the same rule hides the link


def get_round(exchange_id: int, round_id: int) -> Round:
    """A round of this exchange the user may see (404), and may change now (403)."""
    round_ = load(Round, round_id)
    if round_ is None or round_.exchange_id != exchange_id:
        abort(404)
    if not can_view_exchange(current_user, round_.exchange):
        abort(404)
    if not can_change_round(current_user, round_):
        abort(403)
    return round_


def _back(round_: Round):
    anchor = f"round-{round_.id}"
    return redirect(url_for("exchanges.detail", exchange_id=round_.exchange_id, _anchor=anchor))


@bp.route("/<int:exchange_id>/rounds/<int:round_id>/edit", methods=["GET", "POST"])
@login_required
def edit(exchange_id: int, round_id: int):
    """Change the question, guidance or dates of a round no story answers yet."""
    round_ = get_round(exchange_id, round_id)
    form = RoundForm(obj=round_)
    if form.validate_on_submit():
        details = form.details()
        try:
            update_round(round_, current_user, details)
        except DomainError as error:
            name = getattr(error, "field", None)
            if name and name in form:
                form[name].errors = [*form[name].errors, error.message]
            else:
                flash(error.message, "error")
        else:
            flash(_("The round is changed."), "success")
            return _back(round_)
    return render_template(
        "exchanges/round_form.html", exchange=round_.exchange, form=form, round=round_
    )


@bp.post("/<int:exchange_id>/rounds/<int:round_id>/delete")
@login_required
def delete(exchange_id: int, round_id: int):
    """Delete a round no story answers yet."""
    round_ = get_round(exchange_id, round_id)
    exchange_id = round_.exchange_id
    try:
        delete_round(round_, current_user)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("The round is deleted."), "success")
    return redirect(url_for("exchanges.detail", exchange_id=exchange_id, _anchor="rounds"))
