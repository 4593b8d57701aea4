"""Co-educator invitations: a signed link the invited educator accepts; the inviting form answers
the same whether or not the address belongs to anyone (no enumeration, no one added unasked)."""

from flask import current_app, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from storyhub.accounts.mail import send_mail
from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.groups.membership import leads_group
from storyhub.groups.models import Group

SALT = "co-educator-invitation"
MAX_AGE = 14 * 24 * 3600  # an invitation holds two weeks


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=SALT)


def invite_co_educator(group: Group, inviter: User, email: str) -> None:
    """Mail an invitation when a verified educator uses email and does not lead group yet.

    Nothing tells the inviter which case it was: the page answers the same.
    """
    educator = db.session.scalar(db.select(User).filter_by(email=email.strip().lower()))
    if educator is None or not educator.is_educator or not educator.is_verified:
        return
    if leads_group(educator, group):
        return
    token = _serializer().dumps({"group": group.id, "educator": educator.id, "by": inviter.id})
    link = url_for("groups.accept_educator", group_id=group.id, token=token, _external=True)
    send_mail(
        educator.email,
        _(
            "%(by)s invites you to lead %(group)s on StoryHub",
            by=inviter.display_name,
            group=group.name,
        ),
        _(
            "Hello %(name)s,\n\n%(by)s invites you to lead the group %(group)s with them. "
            "Open this link within two weeks to accept:\n%(link)s\n\n"
            "If you do not know this person, ignore this message: nothing changes.",
            name=educator.display_name,
            by=inviter.display_name,
            group=group.name,
            link=link,
        ),
    )


def read_invitation(group: Group, token: str, user: User) -> User:
    """The inviting educator of a valid invitation to user for group, or DomainError."""
    try:
        data = _serializer().loads(token, max_age=MAX_AGE)
    except SignatureExpired as error:
        raise DomainError(_("This invitation has expired. Ask for a new one.")) from error
    except BadSignature as error:
        raise DomainError(_("This invitation link is not valid.")) from error
    if not isinstance(data, dict) or data.get("group") != group.id:
        raise DomainError(_("This invitation link is not valid."))
    if data.get("educator") != user.id:
        raise DomainError(
            _("This invitation is for another account: sign in with the address it was sent to.")
        )
    if not (user.is_educator and user.is_verified):
        raise DomainError(_("Only verified educators can lead a group."))
    return db.session.get(User, data.get("by"))


def accept_invitation(group: Group, token: str, user: User) -> None:
    """The invited educator leads the group from now on; the inviter is told."""
    from storyhub.notifications.services import notify

    inviter = read_invitation(group, token, user)
    if leads_group(user, group):
        return
    group.educators.append(user)
    notify(
        [inviter] if inviter is not None else [],
        "co_educator_joined",
        link=f"/groups/{group.id}",
        name=user.display_name,
        group=group.name,
    )
    db.session.commit()
