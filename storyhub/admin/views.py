"""Admin pages: the queue of pending educators and platform figures."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func

from storyhub.accounts import services as accounts
from storyhub.accounts.mail import send_mail
from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.core.permissions import admin_required
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.sandbox.services import delete_sandbox, sandbox_of
from storyhub.territories import services as territories

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _figures() -> dict[str, int]:
    """Counts of people by role and of groups, in two queries (practice groups and their
    fictitious young people are not counted: storyhub/sandbox)."""
    practice = db.select(Group.id).where(Group.is_sandbox.is_(True))
    real_people = db.or_(User.group_id.is_(None), User.group_id.not_in(practice))
    query = db.select(User.role, func.count()).where(real_people).group_by(User.role)
    figures = {role: count for role, count in db.session.execute(query).all()}
    figures["groups"] = db.session.scalar(
        db.select(func.count(Group.id)).where(Group.is_sandbox.is_(False))
    )
    return figures


@bp.get("/")
@admin_required
def index():
    """Pending educators, territory proposals and figures."""
    return render_template(
        "admin/index.html",
        pending=accounts.pending_educators(),
        proposals=territories.proposed_territories(),
        figures=_figures(),
    )


@bp.post("/educators/<int:user_id>/<any(verify, refuse):decision>")
@admin_required
def decide_educator(user_id: int, decision: str):
    """Verify or refuse a pending educator."""
    educator = db.session.get(User, user_id)
    if educator is None or not educator.is_educator:
        abort(404)
    name, email = educator.display_name, educator.email
    try:
        if decision == "verify":
            accounts.verify_educator(educator, current_user)
            body = _(
                "Hello %(name)s,\n\nYour educator account is verified: you can now create "
                "your groups on StoryHub.",
                name=name,
            )
            if sandbox_of(educator) is not None:
                body += "\n\n" + _(
                    "Your practice exchange stays yours: practise there whenever you like, start "
                    "it again or delete it from your space."
                )
            send_mail(email, _("Your StoryHub account is verified"), body)
            flash(_("%(name)s is verified.", name=name), "success")
        else:
            accounts.refuse_educator(
                educator, delete_also=lambda e: delete_sandbox(e, commit=False)
            )
            flash(
                _("The request of %(name)s was refused and the account deleted.", name=name),
                "success",
            )
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("admin.index"))
