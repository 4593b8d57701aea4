"""The bell, the notifications page, the digest choice and `flask send-digests`."""

import click
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from storyhub.core.errors import DomainError
from storyhub.core.inputs import bounded_int
from storyhub.core.security import is_safe_next
from storyhub.notifications import channels, services
from storyhub.notifications.digest import send_digests

bp = Blueprint("notifications", __name__, url_prefix="/notifications", cli_group=None)


def unread_notifications() -> int:
    """The bell's count for the signed-in person: one query, only when a page shows the bell."""
    if not current_user.is_authenticated:
        return 0
    cache = g.setdefault("_unread_notifications", {})
    if current_user.id not in cache:
        cache[current_user.id] = services.unread_count(current_user)
    return cache[current_user.id]


@bp.app_context_processor
def inject_bell():
    """Templates call unread_notifications() where the bell is drawn."""
    return {
        "unread_notifications": unread_notifications,
        "notification_text": services.notification_text,
    }


@bp.get("/")
@login_required
def index():
    """My notifications, newest first, unread ones marked."""
    page = bounded_int(request.args.get("page"), 1, 10_000, default=1)
    pagination = services.notifications_page(current_user, page)
    return render_template("notifications/index.html", pagination=pagination)


@bp.get("/<int:notification_id>", endpoint="open")
@login_required
def open_one(notification_id: int):
    """Mark one notification read and go to what it is about."""
    notification = services.open_notification(current_user, notification_id)
    if notification is None:
        abort(404)
    if is_safe_next(notification.link):
        return redirect(notification.link)
    return redirect(url_for("notifications.index"))


@bp.post("/read")
@login_required
def read_all():
    """Mark every notification read."""
    services.mark_all_read(current_user)
    flash(_("All your notifications are marked as read."), "success")
    return redirect(url_for("notifications.index"))


@bp.post("/digest")
@login_required
def digest():
    """An educator turns the email digest on or off."""
    if not current_user.is_educator:
        abort(403)
    enabled = request.form.get("email_digest") == "on"
    try:
        services.set_email_digest(current_user, enabled)
    except DomainError as error:
        flash(error.message, "error")
    else:
        message = (
            _("You will receive new notifications by email.")
            if enabled
            else _("You will no longer receive notifications by email.")
        )
        flash(message, "success")
    return redirect(url_for("notifications.index"))


@bp.route("/preferences", methods=["GET", "POST"])
@login_required
def preferences():
    """An educator chooses, per kind of event: the app only, an e-mail at once, the digest."""
    if not (current_user.is_educator and current_user.email):
        abort(403)
    if request.method == "POST":
        channels.set_channels(current_user, request.form.to_dict())
        flash(_("Your choices are saved."), "success")
        return redirect(url_for("notifications.preferences"))
    return render_template(
        "notifications/preferences.html",
        categories=channels.category_choices(),
        options=channels.CHANNEL_LABELS,
        chosen={name: channels.chosen_channel(current_user, name) for name in channels.ALL},
        may_mail=channels.may_mail(current_user),
    )


@bp.cli.command("send-digests")
@click.option("--base-url", default=None, help="Site address for links (default: SITE_URL).")
def send_digests_command(base_url: str | None) -> None:
    """Mail each educator who chose the digest their notifications not yet sent."""
    from storyhub.core.jobs import queue_reachable, uses_queue

    with queue_reachable():
        done = send_digests(base_url)
    click.echo(f"{done} digest(s) {'queued' if uses_queue('DIGEST_PROCESSING') else 'sent'}.")
