"""Exchange operations: invite a twin, the exchange's life, the two keys, rounds.

The life of an exchange is written down once, in TRANSITIONS; views and templates ask
`allowed_actions(user, exchange)` what is possible rather than repeating the rules.
"""

from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BuildError

from storyhub.accounts.models import User
from storyhub.core import lifecycle
from storyhub.core.errors import DomainError
from storyhub.core.languages import CONTENT_LANGUAGES
from storyhub.core.models import utcnow
from storyhub.exchanges import ages
from storyhub.exchanges.models import (
    STATUS_ACTIVE,
    STATUS_CLOSED,
    STATUS_DECLINED,
    STATUS_INVITED,
    Exchange,
    Round,
)
from storyhub.exchanges.permissions import user_group_ids
from storyhub.exchanges.themes import themes_from_ids
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.notifications.services import notify

TITLE_MAX = 160
TEXT_MAX = 3000
QUESTION_MAX = 300
SIDE_INVITED = "invited"  # only the invited group's educators
SIDE_EITHER = "either"  # an educator of either group


class ExchangeError(DomainError):
    """A refused exchange operation; `field` names the form field it is about, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Transition:
    """One allowed move of the exchange's life, and who may make it."""

    source: str
    target: str
    side: str
    wrong_state: str
    wrong_person: str


TRANSITIONS = {
    "accept": Transition(
        STATUS_INVITED,
        STATUS_ACTIVE,
        SIDE_INVITED,
        _l("Only a pending invitation can be accepted."),
        _l("Only an educator of the invited group can accept this invitation."),
    ),
    "decline": Transition(
        STATUS_INVITED,
        STATUS_DECLINED,
        SIDE_INVITED,
        _l("Only a pending invitation can be declined."),
        _l("Only an educator of the invited group can decline this invitation."),
    ),
    "close": Transition(
        STATUS_ACTIVE,
        STATUS_CLOSED,
        SIDE_EITHER,
        _l("Only an active exchange can be closed."),
        _l("Only an educator of one of the two groups can close this exchange."),
    ),
}

EXCHANGE_ALREADY_DECIDED = _l(
    "Someone has just answered or closed this exchange already: your action was not recorded. "
    "Here is where it stands now."
)

STATE_SENTENCES = {
    STATUS_INVITED: _l("This invitation is still waiting for an answer."),
    STATUS_ACTIVE: _l("This exchange is already active."),
    STATUS_CLOSED: _l("This exchange is closed."),
    STATUS_DECLINED: _l("This invitation was declined."),
}


@dataclass
class ExchangeDetails:
    """What the inviting educator writes about the exchange."""

    title: str
    description: str = ""
    theme_ids: list[int] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    starts_on: date | None = None
    ends_on: date | None = None
    message: str = ""


# --- helpers ----------------------------------------------------------------------------------


def clean_text(value: str | None) -> str:
    """Trimmed text without NUL characters (PostgreSQL refuses them)."""
    return (value or "").replace("\x00", "").strip()


def _path(endpoint: str, anchor: str = "", **values) -> str | None:
    """The site path of a page, built without a request; None when that page does not exist."""
    adapter = current_app.url_map.bind("localhost")
    try:
        path = adapter.build(endpoint, values)
    except BuildError:
        return None
    return f"{path}#{anchor}" if anchor else path


def exchange_path(exchange: Exchange, anchor: str = "") -> str:
    """The exchange's page."""
    return _path("exchanges.detail", anchor, exchange_id=exchange.id) or ""


def round_path(round_: Round) -> str:
    """The round's pair page when it exists, else the round on the exchange page."""
    return _path("stories.round_detail", round_id=round_.id) or exchange_path(
        round_.exchange, f"round-{round_.id}"
    )


def educators_of(*groups: Group) -> list[User]:
    """The verified educators of these groups."""
    return [user for group in groups for user in group.educators if user.is_verified]


def sides_led(user: User, exchange: Exchange) -> list[int]:
    """The sides (group ids) of this exchange that the user leads as a verified educator."""
    if not (user.is_authenticated and user.is_educator):
        return []
    groups = user_group_ids(user)
    return [group_id for group_id in exchange.group_ids if group_id in groups]


def _may_take(user: User, exchange: Exchange, transition: Transition) -> bool:
    sides = sides_led(user, exchange)
    if transition.side == SIDE_INVITED:
        return exchange.invited_group_id in sides
    return bool(sides)


def _check_pair(inviting: Group, invited: Group) -> None:
    """Two different groups, of two different territories."""
    if inviting.id == invited.id:
        raise ExchangeError(_("A group cannot twin with itself."), "from_group")
    if inviting.territory_id == invited.territory_id:
        raise ExchangeError(
            _("Two groups of the same territory cannot be twinned: choose a group elsewhere."),
            "from_group",
        )


# --- the exchange's life ----------------------------------------------------------------------


def allowed_actions(user: User, exchange: Exchange) -> set[str]:
    """What this user may do now: transitions, publish/unpublish, propose_round."""
    actions = {
        name
        for name, transition in TRANSITIONS.items()
        if exchange.status == transition.source and _may_take(user, exchange, transition)
    }
    sides = sides_led(user, exchange)
    if any(_key(exchange, side) is None for side in sides) and exchange.status in (
        STATUS_ACTIVE,
        STATUS_CLOSED,
    ):
        actions.add("publish")
    if any(_key(exchange, side) is not None for side in sides):
        actions.add("unpublish")
    if sides and exchange.status == STATUS_ACTIVE:
        actions.add("propose_round")
    return actions


def _check_transition(exchange: Exchange, user: User, action: str) -> str:
    """The status an allowed transition leads to, or an ExchangeError saying why it is refused."""
    transition = TRANSITIONS[action]
    if not _may_take(user, exchange, transition):
        raise ExchangeError(str(transition.wrong_person))
    if exchange.status != transition.source:
        raise ExchangeError(f"{STATE_SENTENCES[exchange.status]} {transition.wrong_state}")
    return transition.target


def invite_group(
    educator: User,
    inviting: Group,
    invited: Group,
    details: ExchangeDetails,
    age_gap_confirmed: bool = False,
) -> Exchange:
    """An educator invites an open group to an exchange from a group they lead (confirming
    the age gap when the groups' ages are far apart)."""
    if inviting.id not in sides_led_groups(educator):
        raise ExchangeError(_("You can only invite from a group you lead."), "from_group")
    if inviting.id == invited.id:
        raise ExchangeError(_("A group cannot twin with itself."), "from_group")
    if invited.id in sides_led_groups(educator):
        raise ExchangeError(_("You already lead this group: invite another group."))
    if not invited.open_to_twinning:
        raise ExchangeError(_("This group is not open to twinning."))
    _check_pair(inviting, invited)
    if pending_between(inviting, invited) is not None:
        raise ExchangeError(
            _("An invitation between these two groups is already waiting for an answer.")
        )
    exchange = Exchange(
        status=STATUS_INVITED,
        inviting_group=inviting,
        invited_group=invited,
        invited_by_id=educator.id,
    )
    _apply_details(exchange, details)
    ages.confirm_age_gap(exchange, "inviting", age_gap_confirmed)
    db.session.add(exchange)
    db.session.flush()
    notify(
        educators_of(invited),
        "invitation_received",
        exchange_path(exchange),
        group=inviting.name,
        own=invited.name,
    )
    db.session.commit()
    return exchange


def sides_led_groups(user: User) -> set[int]:
    """The groups a verified educator leads (empty for anyone else)."""
    return user_group_ids(user) if user.is_authenticated and user.is_educator else set()


def pending_between(group_a: Group, group_b: Group) -> Exchange | None:
    """A pending invitation between two groups, in either direction."""
    pair = {group_a.id, group_b.id}
    query = db.select(Exchange).where(
        Exchange.status == STATUS_INVITED,
        Exchange.inviting_group_id.in_(pair),
        Exchange.invited_group_id.in_(pair),
        Exchange.inviting_group_id != Exchange.invited_group_id,
    )
    return db.session.scalars(query).first()


def _apply_details(exchange: Exchange, details: ExchangeDetails) -> None:
    title = clean_text(details.title)
    if not title:
        raise ExchangeError(_("Give the exchange a title."), "title")
    if len(title) > TITLE_MAX:
        raise ExchangeError(_("The title has at most %(n)d characters.", n=TITLE_MAX), "title")
    description, message = clean_text(details.description), clean_text(details.message)
    if len(description) > TEXT_MAX:
        raise ExchangeError(
            _("The description has at most %(n)d characters.", n=TEXT_MAX), "description"
        )
    if len(message) > TEXT_MAX:
        raise ExchangeError(_("The message has at most %(n)d characters.", n=TEXT_MAX), "message")
    exchange.themes = _themes(details.theme_ids)
    exchange.languages = _languages(details.languages)
    _check_period(details.starts_on, details.ends_on)
    exchange.title, exchange.description, exchange.invitation_message = title, description, message
    exchange.starts_on, exchange.ends_on = details.starts_on, details.ends_on


def _themes(theme_ids: list[int]) -> list:
    if not theme_ids:
        raise ExchangeError(_("Choose at least one theme."), "themes")
    try:
        return themes_from_ids(theme_ids)
    except DomainError as error:
        raise ExchangeError(error.message, "themes") from None


def _languages(codes: list[str]) -> str:
    codes = list(dict.fromkeys(codes))
    if not codes:
        raise ExchangeError(_("Choose at least one language."), "languages")
    if any(code not in CONTENT_LANGUAGES for code in codes):
        raise ExchangeError(_("Choose languages from the list."), "languages")
    return ",".join(codes)


def _check_period(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on <= starts_on:
        raise ExchangeError(_("The end of the period must come after its start."), "ends_on")
    if ends_on and ends_on < date.today():
        raise ExchangeError(_("The end of the period is already past."), "ends_on")


def _move(exchange: Exchange, source: str, target: str, **values) -> None:
    """Write the new status only if no one changed it meanwhile (else LostRace)."""
    if not lifecycle.compare_and_set(exchange, {"status": source}, {"status": target, **values}):
        raise lifecycle.lost_race(EXCHANGE_ALREADY_DECIDED)


def accept_exchange(exchange: Exchange, educator: User, age_gap_confirmed: bool = False) -> None:
    """An educator of the invited group accepts (confirming the age gap when the groups' ages
    are far apart): the exchange starts."""
    target = _check_transition(exchange, educator, "accept")
    _check_pair(exchange.inviting_group, exchange.invited_group)
    ages.confirm_age_gap(exchange, "invited", age_gap_confirmed)
    _move(exchange, STATUS_INVITED, target, answered_by_id=educator.id, answered_at=utcnow())
    notify(
        educators_of(exchange.inviting_group),
        "invitation_accepted",
        exchange_path(exchange),
        group=exchange.invited_group.name,
        exchange=exchange.title,
    )
    db.session.commit()


def decline_exchange(exchange: Exchange, educator: User, reason: str = "") -> None:
    """An educator of the invited group declines, with an optional reason."""
    reason = clean_text(reason)
    if len(reason) > TEXT_MAX:
        raise ExchangeError(_("The reason has at most %(n)d characters.", n=TEXT_MAX), "reason")
    target = _check_transition(exchange, educator, "decline")
    _move(
        exchange, STATUS_INVITED, target,
        answered_by_id=educator.id, answered_at=utcnow(), decline_reason=reason,
    )  # fmt: skip
    notify(
        educators_of(exchange.inviting_group),
        "invitation_declined",
        exchange_path(exchange),
        group=exchange.invited_group.name,
        exchange=exchange.title,
    )
    db.session.commit()


def close_exchange(exchange: Exchange, educator: User) -> None:
    """An educator of either side closes an active exchange; what was published stays."""
    target = _check_transition(exchange, educator, "close")
    _move(exchange, STATUS_ACTIVE, target, closed_at=utcnow())
    db.session.commit()


# --- the two keys -----------------------------------------------------------------------------


def _key(exchange: Exchange, side: int):
    """When this side published the exchange (None: its key is not turned)."""
    if side == exchange.inviting_group_id:
        return exchange.inviting_published_at
    return exchange.invited_published_at


def _set_key(exchange: Exchange, side: int, user: User | None) -> bool:
    """Turn (user) or remove (None) this side's key, only if it is still as we read it.

    The conditional UPDATE also locks the row until the commit, so that two educators turning
    the two keys at once are put one after the other: the second reads the first's key.
    """
    moment, by = (utcnow(), user.id) if user is not None else (None, None)
    prefix = "inviting" if side == exchange.inviting_group_id else "invited"
    column = f"{prefix}_published_at"
    expected = None if user is not None else lifecycle.NOT_NULL
    return lifecycle.compare_and_set(
        exchange, {column: expected}, {column: moment, f"{prefix}_published_by_id": by}
    )


def _refresh_keys(exchange: Exchange) -> None:
    """Read both keys again, as committed by anyone up to now (the row is locked by us)."""
    db.session.refresh(exchange)


def publish_exchange(exchange: Exchange, educator: User) -> bool:
    """Turn the educator's side's key; the exchange is public once both are turned."""
    sides = sides_led(educator, exchange)
    if not sides:
        raise ExchangeError(
            _("Only an educator of one of the two groups can publish this exchange.")
        )
    if exchange.status not in (STATUS_ACTIVE, STATUS_CLOSED):
        raise ExchangeError(
            f"{STATE_SENTENCES[exchange.status]} "
            + _("An exchange can be published only once the invitation is accepted.")
        )
    unturned = [side for side in sides if _key(exchange, side) is None]
    if not unturned:
        raise ExchangeError(_("Your side has already published this exchange."))
    if not _set_key(exchange, unturned[0], educator):
        raise lifecycle.lost_race(_("Your side has already published this exchange."))
    _refresh_keys(exchange)
    if exchange.is_public:
        notify(
            educators_of(*exchange.groups),
            "exchange_published",
            exchange_path(exchange),
            exchange=exchange.title,
        )
    db.session.commit()
    return exchange.is_public


def unpublish_exchange(exchange: Exchange, educator: User) -> None:
    """Remove the educator's side's key: the exchange is private again."""
    sides = sides_led(educator, exchange)
    if not sides:
        raise ExchangeError(
            _("Only an educator of one of the two groups can make this exchange private.")
        )
    turned = [side for side in sides if _key(exchange, side) is not None]
    if not turned:
        raise ExchangeError(_("Your side has not published this exchange."))
    if not _set_key(exchange, turned[0], None):
        raise lifecycle.lost_race(_("Your side has not published this exchange."))
    db.session.commit()
