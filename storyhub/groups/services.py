"""Group operations: create, join codes, educators, members and consent."""

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from storyhub.accounts import services as accounts
from storyhub.accounts.models import User
from storyhub.core import lifecycle
from storyhub.core.confusables import name_skeleton
from storyhub.core.errors import DomainError
from storyhub.core.models import utcnow
from storyhub.core.passwords import check_password_rules
from storyhub.extensions import db
from storyhub.groups.ages import check_age_band, check_group_ages
from storyhub.groups.membership import led_group_ids
from storyhub.groups.models import (
    CONSENT_KINDS,
    CONSENT_PARENTAL,
    CONSENT_SCOPES,
    SCOPE_PUBLIC,
    Consent,
    ConsentEvent,
    Group,
    JoinRequest,
)
from storyhub.territories.models import Territory

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
MAX_BULK_MEMBERS = 60


class JoinCodeError(DomainError):
    """The join code is unknown or disabled."""


class ExpiredJoinCodeError(JoinCodeError):
    """The join code is right but too old: the educator makes a new one."""


@dataclass
class GroupDetails:
    """What an educator fills in about a group."""

    name: str
    territory: Territory
    kind: str
    age_min: int
    age_max: int
    languages: list[str]
    presentation: str = ""
    open_to_twinning: bool = False
    internal_name: str = ""


def normalize_code(code: str) -> str:
    """Upper-case, without spaces or dashes: 'abcd-efgh' → 'ABCDEFGH'."""
    return re.sub(r"[\s\-]", "", code or "").upper()


def format_code(code: str | None) -> str:
    """Show a code in two halves for reading aloud: ABCD-EFGH."""
    return f"{code[:4]}-{code[4:]}" if code else ""


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if db.session.scalar(db.select(Group.id).filter_by(join_code=code)) is None:
            return code


def check_lookalike_group_name(name: str, group: Group | None = None) -> None:
    """Refuse a group name that imitates another group's (TS #39 skeleton, written otherwise).

    One lookup by the indexed skeleton (Group.name_skeleton): only look-alikes are read.
    """
    query = db.select(Group.name).where(Group.name_skeleton == name_skeleton(name)[:300])
    if group is not None and group.id is not None:
        query = query.where(Group.id != group.id)
    if accounts.looks_like(name, db.session.scalars(query)):
        raise DomainError(
            _(
                "This name looks like the name of another group, written with letters of "
                "another alphabet or signs that look alike. Write it with the usual letters "
                "or choose another name."
            )
        )


def _apply_details(group: Group, details: GroupDetails) -> None:
    check_group_ages(details.age_min, details.age_max)
    if not details.territory.is_approved:
        raise DomainError(_("This territory is not approved yet."))
    check_lookalike_group_name(details.name, group)
    group.name = details.name.strip()
    group.internal_name = (details.internal_name or "").strip()
    group.territory = details.territory
    group.kind = details.kind
    group.age_min, group.age_max = details.age_min, details.age_max
    group.languages = ",".join(details.languages)
    group.presentation = details.presentation.strip()
    group.open_to_twinning = details.open_to_twinning


def create_group(educator: User, details: GroupDetails) -> Group:
    """A verified educator creates a group and leads it; it gets a join code."""
    if not (educator.is_admin or (educator.is_educator and educator.is_verified)):
        raise DomainError(_("Only verified educators can create groups."))
    group = Group(join_code=_new_code(), join_code_enabled=True, join_code_created_at=utcnow())
    _apply_details(group, details)
    if educator.is_educator:
        group.educators.append(educator)
        group.lead_id = educator.id
    db.session.add(group)
    db.session.commit()
    return group


def update_group(group: Group, details: GroupDetails) -> None:
    """Change a group's details."""
    _apply_details(group, details)
    db.session.commit()


def regenerate_join_code(group: Group) -> None:
    """Replace the join code: the old one stops working at once."""
    group.join_code = _new_code()
    group.join_code_enabled = True
    group.join_code_created_at = utcnow()
    db.session.commit()


def set_join_code_enabled(group: Group, enabled: bool) -> None:
    """Enable or disable joining with the code."""
    group.join_code_enabled = enabled
    db.session.commit()


def join_code_expires_at(group: Group) -> datetime | None:
    """When the group's join code stops working (JOIN_CODE_DAYS after it was made)."""
    made = group.join_code_created_at
    if made is None:
        return None
    made = made.replace(tzinfo=UTC) if made.tzinfo is None else made
    return made + timedelta(days=current_app.config["JOIN_CODE_DAYS"])


def join_code_expired(group: Group) -> bool:
    """True when the code is older than JOIN_CODE_DAYS (a code without a date has expired)."""
    expires = join_code_expires_at(group)
    return expires is None or expires <= utcnow()


def group_for_code(code: str) -> Group:
    """The group whose enabled, unexpired join code this is; raises with the reason otherwise."""
    code = normalize_code(code)
    group = None
    if len(code) == CODE_LENGTH:
        group = db.session.scalar(db.select(Group).filter_by(join_code=code))
    if group is None or not group.join_code_enabled:
        raise JoinCodeError(_("This code does not work. Check it with your educator."))
    if join_code_expired(group):
        raise ExpiredJoinCodeError(
            _("This code has expired. Ask your educator for a new code: it only takes a click.")
        )
    return group


def join_group(
    code: str, display_name: str, username: str, password: str, locale: str | None = None
) -> User:
    """A young person creates their account and asks to join the group of the code.

    The account belongs to no group until an educator approves the request (approve_join).
    """
    from storyhub.notifications.services import notify

    group = group_for_code(code)
    username = accounts.validate_new_username(username)
    accounts.check_lookalike_name(group, display_name)
    check_password_rules(password, young=True)
    user = accounts.new_young_person(None, display_name, username, password)
    user.locale = locale
    db.session.add(user)
    db.session.add(JoinRequest(group=group, user=user))
    notify(
        group.educators,
        "join_requested",
        link=f"/groups/{group.id}#join-requests",
        name=user.display_name,
        group=group.name,
    )
    try:
        db.session.commit()
    except IntegrityError as error:  # the same username taken a moment ago
        db.session.rollback()
        raise DomainError(_("This username is taken. Add a number or a letter.")) from error
    return user


def pending_join(user: User) -> JoinRequest | None:
    """The join request a young person is waiting on, if any."""
    return db.session.scalar(db.select(JoinRequest).filter_by(user_id=user.id))


JOIN_ALREADY_ANSWERED = _l(
    "Another educator has just answered this request: your answer was not recorded."
)


def _request_of(group: Group, request_id: int) -> JoinRequest:
    join = db.session.get(JoinRequest, request_id)
    if join is None or join.group_id != group.id:
        raise DomainError(_("This request is no longer waiting."))
    return join


def approve_join(group: Group, request_id: int) -> User:
    """An educator lets the young person in: from now on they are a member of the group."""
    join = _request_of(group, request_id)
    user = join.user
    # Still in no group: the answer of another educator at the same moment cannot be undone.
    if not lifecycle.compare_and_set(user, {"group_id": None}, {"group_id": group.id}):
        raise lifecycle.lost_race(JOIN_ALREADY_ANSWERED)
    db.session.delete(join)
    db.session.commit()
    return user


def refuse_join(group: Group, request_id: int) -> str:
    """An educator refuses a join request: the account made with the code is deleted."""
    join = _request_of(group, request_id)
    name = join.user.display_name
    # Lock the account while it is still in no group: never delete someone just let in.
    if not lifecycle.compare_and_set(join.user, {"group_id": None}, {"group_id": None}):
        raise lifecycle.lost_race(JOIN_ALREADY_ANSWERED)
    db.session.delete(join.user)
    db.session.commit()
    return name


def create_members(
    group: Group, display_names: list[str], age_band: str | None = None
) -> list[tuple[User, str]]:
    """Create accounts for a list of display names (with their age band when given); returns
    each user with its first password."""
    age_band = check_age_band(age_band)
    names = [name.strip() for name in display_names if name.strip()]
    if not names:
        raise DomainError(_("Write at least one name, one per line."))
    if len(names) > MAX_BULK_MEMBERS:
        raise DomainError(_("At most %(n)d names at a time.", n=MAX_BULK_MEMBERS))
    if any(len(name) > 40 for name in names):
        raise DomainError(_("Each name must be at most 40 characters."))
    created = []
    for name in names:
        password = accounts.generate_password()
        user = accounts.new_young_person(group, name, accounts.suggest_username(name), password)
        user.age_band = age_band
        db.session.add(user)
        db.session.flush()  # the next suggested username must see this one
        created.append((user, password))
    db.session.commit()
    return created


def _member_of(group: Group, user: User) -> None:
    if not user.is_young or user.group_id != group.id:
        raise DomainError(_("This person is not a member of this group."))


def sign_out_member(group: Group, user: User) -> None:
    """An educator ends every sign-in of a young person of their group (a lost or shared device)."""
    _member_of(group, user)
    accounts.sign_out_everywhere(user)


def reset_member_password(group: Group, user: User) -> str:
    """An educator gives a young person of their group a new password; returns it once."""
    _member_of(group, user)
    password = accounts.generate_password()
    accounts.set_password(user, password)
    return password


def record_consent(
    group: Group,
    user: User,
    kind: str,
    granted: bool,
    given_on: date | None,
    recorder: User,
    scope: str = SCOPE_PUBLIC,
    form_reference: str = "",
    commit: bool = True,
) -> ConsentEvent:
    """Record a parental or image consent for a member: the current state the visibility rules
    read, and one more event in its history (kept for good). Returns the event."""
    _member_of(group, user)
    if kind not in CONSENT_KINDS:
        raise DomainError(_("Unknown kind of consent."))
    if scope not in CONSENT_SCOPES:
        raise DomainError(_("Unknown scope of consent."))
    if given_on and given_on > date.today():
        raise DomainError(_("The date cannot be in the future."))
    reference = (form_reference or "").strip()[:120]
    consent = db.session.scalar(db.select(Consent).filter_by(user_id=user.id, kind=kind))
    if consent is None:
        consent = Consent(user_id=user.id, kind=kind)
        db.session.add(consent)
    consent.granted, consent.scope, consent.given_on = granted, scope, given_on
    consent.form_reference = reference
    consent.recorded_at, consent.recorded_by_id = utcnow(), recorder.id
    event = ConsentEvent(
        user_id=user.id,
        kind=kind,
        granted=granted,
        scope=scope,
        given_on=given_on,
        form_reference=reference,
        recorded_at=consent.recorded_at,
        recorded_by_id=recorder.id,
    )
    db.session.add(event)
    if commit:
        db.session.commit()
    return event


def consents_by_member(group: Group) -> dict[int, dict[str, Consent]]:
    """Every consent record of the group's members, in one query: {user_id: {kind: consent}}."""
    query = (
        db.select(Consent)
        .join(User, Consent.user_id == User.id)
        .where(User.group_id == group.id)
        .options(db.joinedload(Consent.recorded_by))
    )
    result: dict[int, dict[str, Consent]] = {}
    for consent in db.session.scalars(query):
        result.setdefault(consent.user_id, {})[consent.kind] = consent
    return result


def has_parental_consent(user: User) -> bool:
    """True when a granted parental consent is recorded for user."""
    query = db.select(Consent.id).filter_by(user_id=user.id, kind=CONSENT_PARENTAL, granted=True)
    return db.session.scalar(query) is not None


def groups_led_by(user: User) -> list[Group]:
    """The groups an educator leads (every group for an admin), practice groups left out."""
    query = (
        db.select(Group)
        .where(Group.is_sandbox.is_(False))
        .order_by(Group.name)
        .options(db.joinedload(Group.territory))
    )
    if not user.is_admin:
        query = query.where(Group.id.in_(led_group_ids(user)))
    return list(db.session.scalars(query).unique())
