"""Landing page and dashboard."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from storyhub.accounts.services import recent_verification_wait
from storyhub.browse.home import home_context
from storyhub.core.models import utcnow
from storyhub.groups.services import format_code, groups_led_by
from storyhub.main.queries import space_for
from storyhub.reports.queries import appeals_waiting_for
from storyhub.review.queries import queue_count

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    """What StoryHub is, the ways in, and what the public can discover (storyhub/browse)."""
    return render_template("main/index.html", **home_context())


@bp.get("/dashboard")
@login_required
def dashboard():
    """Each role's home: groups for educators, the group for young people."""
    if current_user.is_admin:
        return redirect(url_for("admin.index"))
    verified_educator = current_user.is_educator and current_user.is_verified
    groups = groups_led_by(current_user) if verified_educator else []
    space = (
        space_for(current_user, utcnow()) if (verified_educator or current_user.is_young) else None
    )
    waiting = queue_count(current_user) if verified_educator else 0
    verification_wait = recent_verification_wait() if current_user.is_pending else None
    return render_template(
        "main/dashboard.html",
        groups=groups,
        format_code=format_code,
        space=space,
        waiting=waiting,
        appeals=appeals_waiting_for(current_user) if verified_educator else [],
        verification_wait=verification_wait,
    )
