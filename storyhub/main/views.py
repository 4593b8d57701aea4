"""Landing page and dashboard."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from storyhub.groups.services import format_code, groups_led_by

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    """What StoryHub is, the ways in, and what the public can discover (storyhub/browse)."""
    from storyhub.browse.views import home_context

    return render_template("main/index.html", **home_context())


@bp.get("/dashboard")
@login_required
def dashboard():
    """Each role's home: groups for educators, the group for young people."""
    if current_user.is_admin:
        return redirect(url_for("admin.index"))
    groups = (
        groups_led_by(current_user) if current_user.is_educator and current_user.is_verified else []
    )
    return render_template("main/dashboard.html", groups=groups, format_code=format_code)
