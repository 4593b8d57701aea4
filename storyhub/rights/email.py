"""An adult changes their e-mail address: the new address is verified by a link sent to it.

The address changes only when the link is opened, signed in as the same account, within
EMAIL_CHANGE_MAX_AGE; the old address is told. Whether the new address is already used is never
said (the same answer, and no mail is sent).
"""

import hashlib

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from storyhub.accounts.mail import send_mail
from storyhub.accounts.models import User
from storyhub.accounts.services import EMAIL_MAX, email_taken, normalize_email
from storyhub.core.errors import DomainError
from storyhub.core.passwords import verify_password
from storyhub.extensions import db
from storyhub.rights.services import WrongPassword

MAX_AGE = 2 * 24 * 3600


class LinkRefused(DomainError):
    """The link is altered, expired, already used, or for another account."""


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="email-change")


def _fingerprint(user: User) -> str:
    """Changes with the address and the password: a link works once."""
    return hashlib.sha256(f"{user.email}|{user.password_hash}".encode()).hexdigest()[:16]


def request_email_change(user: User, new_email: str, password: str, link_for) -> str:
    """Check the password and the address, then mail a link to it; returns the address."""
    if user.is_young:
        raise DomainError(_("Young people have no e-mail address on StoryHub."))
    if not verify_password(user.password_hash, password or ""):
        raise WrongPassword(_("This is not your password. Type it again."))
    email = normalize_email(new_email)
    if "@" not in email or len(email) > EMAIL_MAX:
        raise DomainError(_("Enter a valid email address."))
    if email == user.email:
        raise DomainError(_("This is already your address."))
    if not email_taken(email):
        token = _serializer().dumps({"id": user.id, "email": email, "fp": _fingerprint(user)})
        send_mail(
            email,
            _("Confirm your new StoryHub address"),
            _(
                "Hello %(name)s,\n\nTo use this address on StoryHub, open this link within two "
                "days, signed in to your account:\n%(link)s\n\nIf you did not ask for it, "
                "ignore this message.",
                name=user.display_name,
                link=link_for(token),
            ),
        )
    return email


def confirm_email_change(user: User, token: str) -> str:
    """Change user's address to the one the link was sent to; returns the old address."""
    try:
        data = _serializer().loads(token, max_age=MAX_AGE)
    except (BadSignature, SignatureExpired):
        raise LinkRefused(_("This link is invalid or has expired. Ask for a new one.")) from None
    if data.get("id") != user.id or data.get("fp") != _fingerprint(user):
        raise LinkRefused(_("This link is invalid or has expired. Ask for a new one."))
    if email_taken(data["email"]):
        raise LinkRefused(_("This address cannot be used. Choose another one."))
    old, user.email = user.email, data["email"]
    db.session.commit()
    send_mail(
        old,
        _("Your StoryHub address has changed"),
        _(
            "Hello %(name)s,\n\nYour StoryHub account now uses the address %(email)s. If you did "
            "not change it, write to %(contact)s at once.",
            name=user.display_name,
            email=user.email,
            contact=current_app.config["PRIVACY_CONTACT_EMAIL"],
        ),
    )
    return old
