"""Account operations: sign-up, verification, sign-in, passwords."""

import hashlib
import secrets
from collections.abc import Callable

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import or_

from storyhub.accounts.models import AGE_BAND_ADULT, ROLE_ADMIN, ROLE_EDUCATOR, ROLE_YOUNG, User
from storyhub.accounts.sessions import end_sessions
from storyhub.core.confusables import USERNAME_INVISIBLE, name_skeleton, shows_nothing
from storyhub.core.errors import DomainError
from storyhub.core.flags import check_display_name
from storyhub.core.models import utcnow
from storyhub.core.passwords import check_password_rules, hash_password, verify_password
from storyhub.core.text import USERNAME_KEY_MAX, USERNAME_RE, nfkc, normalize_username
from storyhub.core.timezones import valid_zone
from storyhub.extensions import db

AGE_BANDS_15_AND_OVER = ("15-17", AGE_BAND_ADULT)
READABLE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
EMAIL_MAX = 254


class WrongPasswordError(DomainError):
    """The current password given was not the right one."""


def normalize_email(email: str) -> str:
    """Emails are compared trimmed and lower-cased."""
    return (email or "").strip().lower()


def login_key(identifier: str) -> str:
    """The account an identifier names, as failed sign-ins are counted (exists or not)."""
    identifier = (identifier or "").strip()
    return normalize_email(identifier) if "@" in identifier else normalize_username(identifier)


def find_by_login(identifier: str) -> User | None:
    """Find a user by email (adults) or by username (young people)."""
    identifier = identifier.strip()
    if "@" in identifier:
        return db.session.scalar(db.select(User).filter_by(email=normalize_email(identifier)))
    return db.session.scalar(db.select(User).filter_by(username_key=normalize_username(identifier)))


def authenticate(identifier: str, password: str) -> User | None:
    """Return the user when the credentials match; never tells which part was wrong."""
    user = find_by_login(identifier)
    if user is None:
        verify_password(_dummy_hash(), password)  # same work whether or not the user exists
        return None
    if not verify_password(user.password_hash, password):
        return None
    if user.is_young and user.group is not None and user.group.is_sandbox:
        return None  # a fictitious young person of a practice exchange (storyhub/sandbox)
    user.last_login_at = utcnow()
    user.inactivity_notice_at = None  # used again: no deletion for inactivity
    db.session.commit()
    return user


def _dummy_hash() -> str:
    """A hash of a random password, made once per process."""
    config = current_app.config
    if "_DUMMY_HASH" not in config:
        config["_DUMMY_HASH"] = hash_password(secrets.token_hex(8))
    return config["_DUMMY_HASH"]


def email_taken(email: str) -> bool:
    """True when an account already uses this email."""
    query = db.select(User.id).filter_by(email=normalize_email(email))
    return db.session.scalar(query) is not None


def username_taken(username: str) -> bool:
    """True when the username, or one that looks the same (TS #39 skeleton), is already used."""
    key, shape = normalize_username(username), name_skeleton(username)[:200]
    query = db.select(User.id).where(or_(User.username_key == key, User.username_skeleton == shape))
    return db.session.scalar(query.limit(1)) is not None


def check_lookalike_name(group, display_name: str, person: User | None = None) -> None:
    """Refuse a display name that looks like, but is not, the name of someone of the group.

    One lookup by the indexed skeleton among the group's young people and educators.
    """
    if group is None:
        return
    educator_ids = [educator.id for educator in group.educators]
    query = db.select(User.display_name).where(
        User.display_name_skeleton == name_skeleton(display_name)[:200],
        or_(User.group_id == group.id, User.id.in_(educator_ids)),
    )
    if person is not None and person.id is not None:
        query = query.where(User.id != person.id)
    if any(name.strip() != display_name.strip() for name in db.session.scalars(query)):
        raise DomainError(
            _(
                "This name looks like the name of someone else in the group, written with "
                "letters of another alphabet. Write it with the usual letters or add a letter."
            )
        )


def as_written(name: str | None) -> str:
    """A name as people type it, whatever the case and spacing: 'marie  Dupont' = 'Marie Dupont'."""
    return " ".join(nfkc(name or "").split()).casefold()


def looks_like(name: str, others) -> bool:
    """True when name looks the same as one of others (TS #39 skeleton) but is written otherwise.

    The same name written the same way is a namesake, allowed; 'Маrie' (Cyrillic М) beside
    'Marie', or 'Iéa' (capital i) beside 'léa', is a look-alike.
    """
    shape, written = name_skeleton(name), as_written(name)
    return any(as_written(o) != written and name_skeleton(o) == shape for o in others if o)


def check_lookalike_adult_name(display_name: str, person: User | None = None) -> None:
    """Refuse an adult's display name that imitates the name of an educator or admin of the site.

    One lookup by the indexed skeleton (User.display_name_skeleton): only the names that look
    the same are read, then told apart from namesakes written the same way.
    """
    query = db.select(User.display_name).where(
        User.display_name_skeleton == name_skeleton(display_name)[:200],
        User.role.in_((ROLE_EDUCATOR, ROLE_ADMIN)),
    )
    if person is not None and person.id is not None:
        query = query.where(User.id != person.id)
    if looks_like(display_name, db.session.scalars(query)):
        raise DomainError(
            _(
                "This name looks like the name of another educator on StoryHub, written with "
                "letters of another alphabet or signs that look alike. Write your name with "
                "the usual letters."
            )
        )


def create_educator(
    email: str, display_name: str, password: str, organisation: str = "", locale: str | None = None
) -> User:
    """Sign up an educator; the account stays pending until an admin verifies it."""
    email = _new_email(email)
    check_password_rules(password, young=False)
    check_display_name(display_name)
    check_lookalike_adult_name(display_name)
    user = User(
        role=ROLE_EDUCATOR,
        email=email,
        display_name=display_name.strip(),
        organisation=organisation.strip() or None,
        password_hash=hash_password(password),
        locale=locale,
    )
    db.session.add(user)
    db.session.commit()
    return user


def create_admin(email: str, display_name: str, password: str) -> User:
    """Create a platform admin (CLI only)."""
    email = _new_email(email)
    if not display_name.strip():
        raise DomainError(_("This field is required."))
    check_lookalike_adult_name(display_name)
    check_password_rules(password, young=False)
    user = User(
        role=ROLE_ADMIN,
        email=email,
        display_name=display_name.strip(),
        password_hash=hash_password(password),
        verified_at=utcnow(),
    )
    db.session.add(user)
    db.session.commit()
    return user


def _new_email(email: str) -> str:
    """Return the normalized email of a new account, or raise why it cannot be used."""
    email = normalize_email(email)
    if "@" not in email or len(email) > EMAIL_MAX:
        raise DomainError(_("Enter a valid email address."))
    if email_taken(email):
        raise DomainError(_("An account already uses this email address."))
    return email


def verify_educator(educator: User, admin: User) -> None:
    """Admin verifies a pending educator."""
    if not educator.is_pending:
        raise DomainError(_("This account is not waiting for verification."))
    educator.verified_at = utcnow()
    educator.verified_by_id = admin.id
    db.session.commit()


def refuse_educator(educator: User, delete_also: Callable[[User], None] | None = None) -> None:
    """Admin refuses a pending educator sign-up: the account is deleted, in the same transaction
    as what `delete_also` removes first (the admin page passes their practice exchange's
    deletion, storyhub/sandbox: a package above this one)."""
    if not educator.is_pending:
        raise DomainError(_("This account is not waiting for verification."))
    if delete_also is not None:
        delete_also(educator)
    db.session.delete(educator)
    db.session.commit()


def pending_educators() -> list[User]:
    """Educators waiting for verification, oldest first."""
    query = (
        db.select(User).filter_by(role=ROLE_EDUCATOR, verified_at=None).order_by(User.created_at)
    )
    return list(db.session.scalars(query))


def recent_verification_wait(sample: int = 20):
    """How long the last verifications took (the median of the last `sample`, sign-up to
    verification), to tell a waiting educator; None before the first one. Reads `sample` rows."""
    query = (
        db.select(User.created_at, User.verified_at)
        .where(User.role == ROLE_EDUCATOR, User.verified_at.is_not(None))
        .order_by(User.verified_at.desc())
        .limit(sample)
    )
    waits = sorted(verified - created for created, verified in db.session.execute(query))
    return waits[len(waits) // 2] if waits else None


def validate_new_username(username: str) -> str:
    """Return the username (NFKC form) or raise with the reason it is refused."""
    username = nfkc(username)
    if not USERNAME_RE.fullmatch(username) or len(normalize_username(username)) > USERNAME_KEY_MAX:
        raise DomainError(_("Use 3 to 40 letters, digits, dots, dashes or underscores."))
    if USERNAME_INVISIBLE.search(username) or shows_nothing(username.replace("_", "")):
        raise DomainError(
            _("A username needs visible letters or digits: no filler or stretching signs.")
        )
    if username_taken(username):
        raise DomainError(_("This username is taken. Add a number or a letter."))
    return username


def new_young_person(group, display_name: str, username: str, password: str) -> User:
    """Build (not commit) a young person of group."""
    check_display_name(display_name)
    check_lookalike_name(group, display_name)
    return User(
        role=ROLE_YOUNG,
        display_name=display_name.strip(),
        username=username,
        username_key=normalize_username(username),
        password_hash=hash_password(password),
        group=group,
    )


def generate_password() -> str:
    """A readable random password for credential cards (12 characters, about 59 bits)."""
    raw = "".join(secrets.choice(READABLE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def suggest_username(display_name: str) -> str:
    """A free username made from the display name and a few digits."""
    from storyhub.core.text import slugify

    base = slugify(display_name)[:24] or "membre"
    while True:
        candidate = f"{base}-{secrets.randbelow(9000) + 1000}"
        if not username_taken(candidate):
            return candidate


def change_password(user: User, current: str, new: str) -> None:
    """Change one's own password after checking the current one."""
    if not verify_password(user.password_hash, current):
        raise WrongPasswordError(_("The current password is not correct."))
    check_password_rules(new, young=user.is_young)
    user.password_hash = hash_password(new)
    end_sessions(user)  # every other sign-in ends; the view keeps this one
    db.session.commit()


def sign_out_everywhere(user: User) -> None:
    """End every sign-in of user, on every device (their own sign-out, or their educator's)."""
    end_sessions(user)
    db.session.commit()


def set_password(user: User, new: str) -> None:
    """Set a password without the old one (reset link, or an educator for a young person)."""
    check_password_rules(new, young=user.is_young)
    user.password_hash = hash_password(new)
    end_sessions(user)  # a leaked password's sessions end with it
    db.session.commit()


def is_under_15(user: User) -> bool:
    """A young person whose age band is under 15, or not recorded yet (treated as under 15)."""
    return user.is_young and user.age_band not in AGE_BANDS_15_AND_OVER


def needs_own_agreement(user: User) -> bool:
    """A young person under 15 who has not yet said yes to being published themself."""
    return is_under_15(user) and user.own_agreement_at is None


def own_agreement_given(user: User, answer: str | None) -> bool:
    """Whether user may send something to be published: a young person under 15 says yes
    themself the first time (answer "yes", asked once, recorded without commit); others need not."""
    if not needs_own_agreement(user):
        return True
    if answer != "yes":
        return False
    agree_to_publish(user)
    return True


def agree_to_publish(user: User) -> None:
    """A young person's own yes to their stories being published once approved (no commit)."""
    if user.is_young and user.own_agreement_at is None:
        user.own_agreement_at = utcnow()


def set_locale(user: User, locale: str) -> None:
    """Remember the interface language chosen by a signed-in user."""
    user.locale = locale
    db.session.commit()


def set_time_zone(user: User, zone: str) -> bool:
    """Keep the zone the person's browser is in; False (nothing kept) for an unknown name. A
    zone the person chose by hand in their account stays (True: nothing to do)."""
    zone = valid_zone(zone)
    if zone is None:
        return False
    if user.time_zone_chosen:
        return True
    if user.time_zone != zone:
        user.time_zone = zone
        db.session.commit()
    return True


def choose_time_zone(user: User, zone: str) -> None:
    """The zone chosen by hand in the account (a reader without JavaScript, or whose browser is
    wrong): kept until they choose "follow my browser" (an empty choice). DomainError for a
    name that is not an IANA zone."""
    if not zone:
        user.time_zone_chosen = False
    else:
        zone = valid_zone(zone)
        if zone is None:
            raise DomainError(_("Choose a time zone from the list."))
        user.time_zone, user.time_zone_chosen = zone, True
    db.session.commit()


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def _hash_fingerprint(user: User) -> str:
    """Changes with the password, so a reset link works once."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def make_reset_token(user: User) -> str:
    """A signed, expiring, single-use token for an adult's password reset."""
    return _reset_serializer().dumps({"id": user.id, "fp": _hash_fingerprint(user)})


def user_from_reset_token(token: str) -> User | None:
    """Return the user of a valid token, or None if invalid, expired or already used."""
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE"]
    try:
        data = _reset_serializer().loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired):
        return None
    user = db.session.get(User, data.get("id", 0))
    if user is None or user.is_young or data.get("fp") != _hash_fingerprint(user):
        return None
    return user
