"""Immediate e-mails: a notice whose kind of event its educator wants "at once" is mailed right
after the commit that made it (never for something rolled back), and marked as mailed so the
digest does not send it again. A mail that fails stays in the bell; it is logged."""

import smtplib

from flask import current_app, has_app_context
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import event
from sqlalchemy.orm import Session

from storyhub.accounts.mail import send_mail
from storyhub.core.models import utcnow

_QUEUED = "storyhub_mail_now"  # notices to mail, kept on the session until its commit
_READY = "storyhub_mail_ready"  # (address, subject, body) composed before the commit ends


def mail_at_commit(user, notice) -> None:
    """Mail this notice to user once the current transaction commits (the caller commits)."""
    notice.emailed_at = utcnow()
    from storyhub.extensions import db

    db.session.info.setdefault(_QUEUED, []).append((user, notice))


def compose(user, notice, base_url: str) -> tuple[str, str]:
    """Subject and plain-text body of one immediate mail, in the educator's language."""
    from storyhub.notifications.digest import external_url
    from storyhub.notifications.services import notification_text

    locale = user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        text = notification_text(notice)
        link = external_url(base_url, "notifications.open", notification_id=notice.id)
        settings = external_url(base_url, "notifications.preferences")
        body = "\n".join(
            [
                _("Hello %(name)s,", name=user.display_name),
                "",
                text,
                link,
                "",
                _(
                    "You receive this e-mail at once because you chose so for this kind of "
                    "event. Change it: %(url)s",
                    url=settings,
                ),
            ]
        )
        return _("StoryHub: %(text)s", text=text), body


@event.listens_for(Session, "before_commit")
def _compose_queued(session) -> None:
    """Give the queued notices their ids and write their mails while SQL is still allowed."""
    queued = session.info.pop(_QUEUED, None)
    if not queued or not has_app_context():
        return
    from storyhub.notifications.digest import default_base_url

    session.flush()
    base_url = default_base_url()
    ready = session.info.setdefault(_READY, [])
    ready += [(user.email, *compose(user, notice, base_url)) for user, notice in queued]


@event.listens_for(Session, "after_commit")
def _send_ready(session) -> None:
    """The notices are stored: send their mails."""
    for address, subject, body in session.info.pop(_READY, []):
        try:
            send_mail(address, subject, body)
        except (OSError, smtplib.SMTPException):
            current_app.logger.exception("Immediate notice mail to %s not sent", address)


@event.listens_for(Session, "after_rollback")
def _forget(session) -> None:
    """Nothing was stored: nothing is mailed."""
    session.info.pop(_QUEUED, None)
    session.info.pop(_READY, None)
