"""Role decorators: the first layer of authorization (objects check the second)."""

from functools import wraps

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required


def role_required(*roles: str):
    """Allow only signed-in users with one of these roles (403 otherwise)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def admin_required(view):
    """Only platform admins."""
    return role_required("admin")(view)


def verified_educator_required(view):
    """Educators whose account an admin has verified (admins pass too)."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if current_user.role == "admin":
            return view(*args, **kwargs)
        if current_user.role != "educator":
            abort(403)
        if not current_user.is_verified:
            flash(
                _("Your educator account is waiting for verification by the StoryHub team."),
                "warning",
            )
            return redirect(url_for("main.dashboard"))
        return view(*args, **kwargs)

    return wrapped
