"""Requests and changes a person makes about their own account, and what educators decide.

A young person asks (deletion, a new display name); an educator of their group decides. Adults
act at once: an adult deletes their account after re-entering their password, and changes their
own name and organisation.
"""

from flask_babel import gettext as _

from storyhub.accounts import services as accounts
from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.core.flags import check_display_name
from storyhub.core.models import utcnow
from storyhub.core.passwords import verify_password
from storyhub.extensions import db
from storyhub.moderation.services import log_transition
from storyhub.notifications.services import notify
from storyhub.rights.erasure import TARGET_ACCOUNT, erase_account, led_groups
from storyhub.rights.names import name_forms
from storyhub.rights.rewrite import Rewriter, rewrite_everywhere

MAX_YOUNG_NAME = 40
MAX_ADULT_NAME = 80
MAX_ORGANISATION = 160


class WrongPassword(DomainError):
    """The password typed to confirm is not the account's."""


def decides_alone(person: User) -> bool:
    """Adults, and a young person not yet in a group, delete their account themselves."""
    return not person.is_young or person.group is None


def delete_own_account(person: User, password: str) -> None:
    """An adult (or a young person waiting to join) deletes their account after the password."""
    if not decides_alone(person):
        raise DomainError(_("Ask your educator: they confirm the deletion of your account."))
    if not verify_password(person.password_hash, password or ""):
        raise WrongPassword(_("This is not your password. Type it again."))
    erase_account(person, person)


def _roster_link(person: User) -> str:
    return f"/groups/{person.group_id}#roster"


def request_deletion(person: User) -> None:
    """A young person asks their educator to delete their account."""
    if decides_alone(person):
        raise DomainError(_("You can delete your account yourself, below."))
    if person.deletion_requested_at is None:
        person.deletion_requested_at = utcnow()
        notify(
            person.group.educators,
            "deletion_requested",
            link=_roster_link(person),
            name=person.display_name,
            group=person.group.name,
        )
    db.session.commit()


def cancel_deletion_request(person: User) -> None:
    """The young person changed their mind before the educator confirmed."""
    person.deletion_requested_at = None
    db.session.commit()


def delete_member(educator: User, member: User) -> None:
    """An educator of the group deletes a young person's account (asked for or not)."""
    erase_account(member, educator)


def clean_name(name: str | None, young: bool) -> str:
    """A display name as typed, trimmed, checked; raises with the reason it is refused."""
    name = " ".join((name or "").split())
    limit = MAX_YOUNG_NAME if young else MAX_ADULT_NAME
    if not name:
        raise DomainError(_("Write a first name or a nickname."))
    if len(name) > limit:
        raise DomainError(_("At most %(n)d characters.", n=limit))
    check_display_name(name)
    return name


def request_name(person: User, name: str | None) -> None:
    """A young person asks for a new display name; their educator approves it."""
    name = clean_name(name, young=True)
    if name == person.display_name:
        raise DomainError(_("This is already your name."))
    accounts.check_lookalike_name(person.group, name, person)
    person.requested_name = name
    notify(
        person.group.educators,
        "name_requested",
        link=_roster_link(person),
        name=person.display_name,
        new=name,
    )
    db.session.commit()


def rename(person: User, name: str | None, actor: User) -> None:
    """Change a display name, and the old name with it in every text of the person's groups."""
    name = clean_name(name, young=person.is_young)
    if not person.is_young:
        accounts.check_lookalike_adult_name(name, person)
    else:
        accounts.check_lookalike_name(person.group, name, person)
    old = [form for form in name_forms(person) if form != person.username]
    groups = {person.group_id} if person.group_id else {g.id for g in led_groups(person)}
    if groups and name != person.display_name:
        rewrite_everywhere(Rewriter(old, lambda language: name), groups)
    person.display_name = name
    person.requested_name = None
    if person.is_young and actor.id != person.id:
        log_transition(TARGET_ACCOUNT, person.id, person.group_id, actor, "rename")
        notify([person], "name_changed", link="/account/data", new=name)
    db.session.commit()


def refuse_name(person: User) -> None:
    """The educator says no to the new name asked for."""
    asked = person.requested_name or ""
    person.requested_name = None
    notify([person], "name_refused", link="/account/data", new=asked)
    db.session.commit()


def update_adult_profile(person: User, name: str | None, organisation: str | None) -> None:
    """An adult changes their own display name and organisation."""
    if person.is_young:
        raise DomainError(_("Ask your educator to change your name."))
    organisation = " ".join((organisation or "").split())
    if len(organisation) > MAX_ORGANISATION:
        raise DomainError(_("At most %(n)d characters.", n=MAX_ORGANISATION))
    person.organisation = organisation or None
    rename(person, name, person)


def agree_to_publish(person: User) -> None:
    """A young person's own yes to their stories being published once approved."""
    accounts.agree_to_publish(person)
    db.session.commit()
