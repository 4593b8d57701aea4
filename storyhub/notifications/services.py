"""Creating notifications and rendering their text in the reader's language.

Call `notify(...)` from a domain service before its commit; it only adds rows to the session.
"""

from collections.abc import Iterable
from datetime import date

from flask import current_app, has_app_context
from flask_babel import format_date
from flask_babel import gettext as _

from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.notifications.channels import EMAIL, channel_for
from storyhub.notifications.immediate import mail_at_commit
from storyhub.notifications.models import Notification

# kind -> function(params) -> text. Params are plain strings (titles, names) saved with the row.
TEXTS = {
    "invitation_received": lambda p: _("%(group)s invites your group %(own)s to an exchange.", **p),
    "invitation_accepted": lambda p: _(
        "%(group)s accepted your invitation: the exchange “%(exchange)s” has started.", **p
    ),
    "invitation_declined": lambda p: _(
        "%(group)s declined your invitation to “%(exchange)s”.", **p
    ),
    "invitation_withdrawn": lambda p: _(
        "%(group)s withdrew its invitation to “%(exchange)s”.", **p
    ),
    "account_inactive": lambda p: _(
        "%(name)s has not signed in for a long time: their account will be deleted on %(date)s "
        "unless they sign in before.",
        **p,
    ),
    "round_opened": lambda p: _("New round in “%(exchange)s”: %(question)s", **p),
    "round_planned": lambda p: _(
        "A round of “%(exchange)s” opens on %(date)s: %(question)s",
        exchange=p["exchange"],
        question=p["question"],
        date=format_date(date.fromisoformat(p["opens_on"])),
    ),
    "round_closing": lambda p: _(
        "The round “%(question)s” of “%(exchange)s” closes in less than two days, and your group "
        "has not sent its story yet.",
        **p,
    ),
    "story_submitted": lambda p: _("“%(story)s” is waiting for your review.", **p),
    "changes_requested": lambda p: _("Your educator asked for changes to “%(story)s”.", **p),
    "story_approved": lambda p: _("“%(story)s” is published!", **p),
    "story_rejected": lambda p: _("“%(story)s” was not accepted.", **p),
    # With a question: the twin answered first, and the reader's side still owes its answer.
    "twin_published": lambda p: (
        _("%(group)s published “%(story)s”: your turn to answer “%(question)s”.", **p)
        if p.get("question")
        else _("%(group)s published “%(story)s”.", **p)
    ),
    "translation_submitted": lambda p: _(
        "A translation of “%(story)s” is waiting for your review.", **p
    ),
    "translation_approved": lambda p: _("Your translation of “%(story)s” is published!", **p),
    "translation_refused": lambda p: _(
        "Your translation of “%(story)s” is not published: %(reason)s", **p
    ),
    "story_translated": lambda p: _("“%(story)s” was translated by %(name)s, %(group)s.", **p),
    "comment_received": lambda p: _("New comment on “%(story)s”.", **p),
    "reactions_received": lambda p: _("Your story “%(story)s” received new reactions.", **p),
    "comment_submitted": lambda p: _("A comment on “%(story)s” is waiting for your review.", **p),
    "comment_approved": lambda p: _("Your comment on “%(story)s” is published.", **p),
    "comment_rejected": lambda p: _(
        "Your comment on “%(story)s” was not published: %(reason)s", **p
    ),
    "comment_answered": lambda p: _("Your comment on “%(story)s” got an answer.", **p),
    "comment_hidden": lambda p: _(
        "Your comment on “%(story)s” was hidden by a moderator: %(reason)s", **p
    ),
    "comment_hidden_group": lambda p: _(
        "The comment of %(name)s on “%(story)s” was hidden by a moderator: %(reason)s", **p
    ),
    "copy_to_educator": lambda p: _(
        "Sent to %(name)s: %(text)s", name=p["name"], text=TEXTS[p["original"]](p)
    ),
    "exchange_published": lambda p: _("“%(exchange)s” is now public.", **p),
    "key_turned": lambda p: _(
        "%(group)s published “%(exchange)s” on its side: it becomes public when your side "
        "publishes too.",
        **p,
    ),
    "key_withdrawn": lambda p: _(
        "%(group)s withdrew its publication of “%(exchange)s”: it stays private.", **p
    ),
    "key_withdrawn_public": lambda p: _(
        "%(group)s withdrew its publication of “%(exchange)s”: the exchange is private again.",
        **p,
    ),
    "territory_approved": lambda p: _(
        "The territory you proposed, %(name)s, is approved: you can create your group there.", **p
    ),
    "territory_refused": lambda p: _(
        "The territory you proposed, %(name)s, was not approved.", **p
    ),
    "co_educator_joined": lambda p: _("%(name)s accepted to lead %(group)s with you.", **p),
    "co_educator_removed": lambda p: _(
        "%(by)s removed you from the educators of %(group)s: you no longer see its roster.", **p
    ),
    "co_educator_left": lambda p: _("%(name)s no longer leads %(group)s with you.", **p),
    "lead_handed_over": lambda p: _(
        "%(by)s handed you the lead of %(group)s: you now invite and remove its co-educators.",
        **p,
    ),
    "join_requested": lambda p: _(
        "%(name)s used the code of %(group)s and waits for you to let them in.", **p
    ),
    "content_reported": lambda p: _(
        "“%(title)s” was reported and is hidden until you review it.", **p
    ),
    "report_decided": lambda p: _(
        "Decision after reports on “%(title)s”: %(outcome)s. Why: %(reason)s", **p
    ),
    "story_unpublished": lambda p: _("“%(story)s” was unpublished: %(reason)s", **p),
    "appeal_received": lambda p: _("An educator asks you to look again at “%(title)s”.", **p),
    "appeal_decided": lambda p: _("Your appeal on “%(title)s”: %(answer)s", **p),
    "appeal_by_writer": lambda p: _(
        "%(name)s asked the StoryHub admins to look again at the decision on their reflection "
        "in “%(exchange)s”.",
        **p,
    ),
    "deletion_requested": lambda p: _(
        "%(name)s of %(group)s asks you to delete their account.", **p
    ),
    "name_requested": lambda p: _("%(name)s asks to be called %(new)s.", **p),
    "name_changed": lambda p: _("Your name on StoryHub is now %(new)s.", **p),
    "name_refused": lambda p: _(
        "Your educator did not change your name to %(new)s. Talk with them about it.", **p
    ),
    "consent_effect": lambda p: _("Consent of %(name)s changed. %(what)s", **p),
    "reflection_shared": lambda p: _(
        "%(name)s shared what changed for them in “%(exchange)s”: it waits for your review.", **p
    ),
    "reflection_approved": lambda p: _(
        "What changed for you in “%(exchange)s” is published on its impact page.", **p
    ),
    "reflection_rejected": lambda p: _(
        "Your educator did not publish what changed for you in “%(exchange)s”: %(reason)s", **p
    ),
    "round_over_your_turn": lambda p: _(
        "The round “%(question)s” of “%(exchange)s” is over: your turn to say what changed for "
        "you.",
        **p,
    ),
    "exchange_over_your_turn": lambda p: _(
        "“%(exchange)s” is over: your turn to say what changed for you.", **p
    ),
    "upload_interrupted": lambda p: _(
        "The preparation of a file you sent was interrupted on our side, and the file was "
        "deleted. It is not your fault: please send it again."
    ),
    "exchange_kept_inside": lambda p: _(
        "“%(exchange)s” is public, but these stories stay inside the exchange because an "
        "author's parental consent does not cover the public site: %(stories)s",
        **p,
    ),
}


SANDBOX = "sandbox"  # in a notice's params: about a practice exchange, never mailed


SANDBOX_CHECK = "storyhub_link_in_sandbox"  # app.extensions key, wired by create_app


def about_sandbox(link: str) -> bool:
    """The page a notice links to belongs to a practice exchange. The check lives with the
    practice exchanges (storyhub/sandbox/services.py: link_in_sandbox, a package above this one),
    and create_app hands it to every app, so the web, the CLI and the job worker all ask it."""
    if not link or not has_app_context():
        return False
    return current_app.extensions[SANDBOX_CHECK](link)


def notify(users: Iterable[User], kind: str, link: str = "", **params: str) -> None:
    """Add one notification per user (deduplicated); the caller commits. A notice about a
    practice exchange stays in the app: never an e-mail, never in the digest."""
    if kind not in TEXTS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if about_sandbox(link):
        params[SANDBOX] = "1"
    seen = set()
    for user in users:
        if user is None or user.id in seen:
            continue
        seen.add(user.id)
        notice = Notification(user_id=user.id, kind=kind, link=link, params=dict(params))
        db.session.add(notice)
        if channel_for(user, kind, notice.params) == EMAIL:
            mail_at_commit(user, notice)


def notify_once(users: Iterable[User], kind: str, link: str = "", **params: str) -> None:
    """Like `notify`, but a user who still has an unread notice of this kind about this link
    gets no second one (reactions are told grouped, not one notice per click)."""
    users = [u for u in users if u is not None]
    if not users:
        return
    waiting = set(
        db.session.scalars(
            db.select(Notification.user_id).where(
                Notification.user_id.in_([u.id for u in users]),
                Notification.kind == kind,
                Notification.link == link,
                Notification.read_at.is_(None),
            )
        )
    )
    notify([u for u in users if u.id not in waiting], kind, link, **params)


def retract_notices(link: str, kinds: Iterable[str]) -> int:
    """Delete the notices of these kinds about `link` that nobody has read nor been mailed:
    what they announced is no longer true (a story unpublished), so neither the bell nor the
    digest will announce it. The caller commits; returns how many went."""
    query = db.delete(Notification).where(
        Notification.link == link,
        Notification.kind.in_(list(kinds)),
        Notification.read_at.is_(None),
        Notification.emailed_at.is_(None),
    )
    return db.session.execute(query.execution_options(synchronize_session=False)).rowcount


def notification_text(notification: Notification) -> str:
    """The notification's sentence in the current interface language."""
    try:
        return TEXTS[notification.kind](notification.params or {})
    except (KeyError, TypeError):
        return _("Something new happened.")


def unread_count(user: User) -> int:
    """How many unread notifications the bell shows."""
    query = db.select(db.func.count(Notification.id)).filter_by(user_id=user.id, read_at=None)
    return db.session.scalar(query) or 0


def mark_all_read(user: User) -> None:
    """Mark every notification of user as read."""
    db.session.execute(
        db.update(Notification).filter_by(user_id=user.id, read_at=None).values(read_at=utcnow())
    )
    db.session.commit()


def notifications_page(user: User, page: int = 1, per_page: int = 30):
    """One page of user's notifications, newest first."""
    query = (
        db.select(Notification)
        .filter_by(user_id=user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def open_notification(user: User, notification_id: int) -> Notification | None:
    """user's notification, marked read; None when it is not theirs."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        return None
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.commit()
    return notification


def set_email_digest(user: User, enabled: bool) -> None:
    """Educators choose whether new notifications also reach them by email."""
    if enabled and not (user.is_educator and user.email):
        raise DomainError(_("The email digest is for educators with an email address."))
    user.email_digest = enabled
    user.notification_channels = None  # every kind of event follows this switch again
    db.session.commit()
