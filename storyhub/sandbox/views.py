"""The practice exchange's page: open it, find its pieces, start again or delete it."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.sandbox import services
from storyhub.stories.models import STATUS_SUBMITTED, Story

bp = Blueprint("sandbox", __name__, url_prefix="/practice")


def _educator_only() -> None:
    if not services.may_have_sandbox(current_user):
        abort(403)


@bp.get("/")
@login_required
def index():
    """What the practice exchange is, and a way into each of its pieces."""
    _educator_only()
    exchange = services.sandbox_of(current_user)
    round_ = exchange.rounds[0] if exchange is not None and exchange.rounds else None
    stories = []
    if exchange is not None:
        query = select(Story).where(Story.group_id.in_(exchange.group_ids)).order_by(Story.id)
        stories = list(db.session.scalars(query))
    own_id = exchange.inviting_group_id if exchange is not None else None
    return render_template(
        "sandbox/index.html",
        exchange=exchange,
        round=round_,
        waiting=[s for s in stories if s.group_id == own_id and s.status == STATUS_SUBMITTED],
        own_stories=[s for s in stories if s.group_id == own_id],
        twin_stories=[s for s in stories if s.group_id != own_id],
    )


@bp.post("/")
@login_required
def create():
    """Make the educator's practice exchange (once)."""
    _educator_only()
    try:
        services.create_sandbox(current_user)
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("sandbox.index"))


@bp.post("/reset")
@login_required
def reset():
    """Start again from a fresh practice exchange."""
    _educator_only()
    try:
        services.reset_sandbox(current_user)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("sandbox.index"))
    flash(_("Your practice exchange starts again from the beginning."), "success")
    return redirect(url_for("sandbox.index"))


@bp.post("/delete")
@login_required
def delete():
    """Delete the practice exchange, its demo groups and fictitious young people."""
    _educator_only()
    if services.delete_sandbox(current_user):
        flash(_("Your practice exchange is deleted."), "success")
    return redirect(url_for("main.dashboard"))
