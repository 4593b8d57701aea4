"""The educators' email digest: one mail listing what they have not read or been sent yet.

`flask send-digests` (daily, from cron) makes one unit of work per educator with something to
tell, run at once or by the queue workers (DIGEST_PROCESSING, storyhub/core/jobs.py). A unit
first takes the notifications it will list by a conditional update, so two runs or a retried job
never mail them twice; a mail that fails gives them back for the next try.
"""

import os
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from storyhub.accounts.mail import send_mail
from storyhub.accounts.models import ROLE_EDUCATOR, User
from storyhub.core.jobs import dispatch
from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.notifications.channels import DIGEST, channel_for, wants_digest
from storyhub.notifications.models import Notification
from storyhub.notifications.services import notification_text

DEFAULT_BASE_URL = "http://127.0.0.1:5000"


def default_base_url() -> str:
    """Where the site lives, for links in mails sent outside a request.

    SITE_URL, else PREFERRED_URL_SCHEME://SERVER_NAME, else the development address.
    """
    config = current_app.config
    from_name = (
        f"{config.get('PREFERRED_URL_SCHEME') or 'http'}://{config['SERVER_NAME']}"
        if config.get("SERVER_NAME")
        else ""
    )
    return (
        config.get("SITE_URL") or os.environ.get("SITE_URL") or from_name or DEFAULT_BASE_URL
    ).rstrip("/")


def digest_recipients() -> list[User]:
    """Verified educators with an email who chose the digest for some kind of event."""
    query = (
        db.select(User)
        .filter_by(role=ROLE_EDUCATOR)
        .where(User.email.is_not(None), User.verified_at.is_not(None))
        .order_by(User.id)
    )
    return [user for user in db.session.scalars(query) if wants_digest(user)]


def undigested(user: User) -> list[Notification]:
    """user's unread notifications never sent by mail, of the kinds they want in the digest,
    oldest first."""
    query = (
        db.select(Notification)
        .filter_by(user_id=user.id, read_at=None, emailed_at=None)
        .order_by(Notification.created_at, Notification.id)
    )
    return [
        item
        for item in db.session.scalars(query)
        if channel_for(user, item.kind, item.params) == DIGEST
    ]


def external_url(base_url: str, endpoint: str, **values) -> str:
    """An absolute address on the site, built outside a request."""
    parts = urlsplit(base_url)
    adapter = current_app.url_map.bind(
        parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme or "http"
    )
    return adapter.build(endpoint, values, force_external=True)


def compose_digest(user: User, items: list[Notification], base_url: str) -> tuple[str, str]:
    """Subject and plain-text body of user's digest, in user's language."""
    locale = user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        subject = ngettext(
            "StoryHub: %(num)d new notification", "StoryHub: %(num)d new notifications", len(items)
        )
        lines = [_("Hello %(name)s,", name=user.display_name), ""]
        lines += [_("Here is what happened on StoryHub since our last message:"), ""]
        for item in items:
            link = external_url(base_url, "notifications.open", notification_id=item.id)
            lines += [f"- {notification_text(item)}", f"  {link}", ""]
        lines.append(
            _("All your notifications: %(url)s", url=external_url(base_url, "notifications.index"))
        )
        lines.append(
            _(
                "You receive this mail because you chose the email digest; you can stop it "
                "on that page."
            )
        )
    return subject, "\n".join(lines)


def _mark_emailed(ids: list[int], was, now) -> int:
    """Set emailed_at to now on those of ids whose emailed_at is `was`; how many changed."""
    column = Notification.emailed_at
    return db.session.execute(
        db.update(Notification)
        .where(Notification.id.in_(ids), column.is_(None) if was is None else column == was)
        .values(emailed_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount


def send_digest(user_id: int, base_url: str) -> bool:
    """Mail one educator their digest, once: True when it went. Raises when the mail fails
    (after giving the notifications back), so that a queued job is tried again."""
    user = db.session.get(User, user_id)
    if user is None or not user.email or user.verified_at is None or not wants_digest(user):
        return False
    items = undigested(user)
    ids = [item.id for item in items]
    if not ids:
        return False
    now = utcnow()
    if _mark_emailed(ids, None, now) != len(ids):  # another run is sending some of them
        db.session.rollback()
        return False
    db.session.commit()
    subject, body = compose_digest(user, items, base_url)
    try:
        send_mail(user.email, subject, body)
    except BaseException:
        current_app.logger.warning("Digest to user %s not sent; kept for next time", user_id)
        db.session.rollback()
        _mark_emailed(ids, now, None)
        db.session.commit()
        raise
    return True


def send_digests(base_url: str | None = None) -> int:
    """Each opted-in educator with something new gets their digest: returns how many mails
    went (inline) or were queued (DIGEST_PROCESSING=rq)."""
    base_url = (base_url or default_base_url()).rstrip("/")
    done = 0
    for user_id in [user.id for user in digest_recipients() if undigested(user)]:
        done += bool(dispatch("DIGEST_PROCESSING", f"{__name__}.send_digest", user_id, base_url))
    return done
