"""Educator sign-up that answers the same whether or not the address has an account: a new
address gets its (pending) account, a known one a mail to its owner; both a mail."""

from flask import url_for
from flask_babel import gettext as _

from storyhub.accounts import services
from storyhub.accounts.mail import send_mail
from storyhub.core.passwords import hash_password


def sign_up_educator(
    email: str, display_name: str, password: str, organisation: str = "", locale: str | None = None
) -> None:
    """Create the pending account of a new address, or tell the owner of a known one by mail.

    Raises DomainError only for what the form shows the same way for any address.
    """
    login, forgot = (
        url_for(e, _external=True) for e in ("accounts.login", "accounts.forgot_password")
    )
    # Before the address is looked at: the answer about the name is the same for any address.
    services.check_lookalike_adult_name(display_name)
    if services.email_taken(email):
        hash_password(password)  # the same work as a new account: no timing difference
        owner = services.find_by_login(email)
        send_mail(
            owner.email,
            _("Someone asked for a StoryHub account with your address"),
            _(
                "Hello %(name)s,\n\nSomeone, maybe you, asked for a StoryHub account with this "
                "address. You already have one: sign in at %(login)s\nForgotten password? "
                "%(forgot)s\n\nIf it was not you, ignore this message: nothing changed.",
                name=owner.display_name,
                login=login,
                forgot=forgot,
            ),
        )
        return
    user = services.create_educator(email, display_name, password, organisation, locale=locale)
    send_mail(
        user.email,
        _("Your StoryHub account waits for verification"),
        _(
            "Hello %(name)s,\n\nYour educator account is created. The StoryHub team verifies it "
            "soon; you can already sign in at %(login)s",
            name=user.display_name,
            login=login,
        ),
    )
