"""Exchange operations: invite a twin, the exchange's life, the two keys, rounds.

The life of an exchange is declared once, in `storyhub/exchanges/life.py`; views and templates
ask `allowed_actions(user, exchange)` what is possible rather than repeating the rules.
"""

from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from werkzeug.routing import BuildError

from storyhub.accounts.models import User
from storyhub.core import lifecycle
from storyhub.core.errors import DomainError
from storyhub.core.languages import CONTENT_LANGUAGES
from storyhub.core.models import utcnow
from storyhub.exchanges import ages
from storyhub.exchanges.life import (  # noqa: F401 (allowed_actions, sides_led: for the views)
    EXCHANGE,
    KEYS,
    allowed_actions,
    key,
    sides_led,
)
from storyhub.exchanges.models import STATUS_INVITED, Exchange, Round
from storyhub.exchanges.themes import themes_from_ids
from storyhub.extensions import db
from storyhub.groups.membership import led_group_ids
from storyhub.groups.models import Group
from storyhub.notifications.services import notify

TITLE_MAX = 160
TEXT_MAX = 3000
QUESTION_MAX = 300


class ExchangeError(DomainError):
    """A refused exchange operation; `field` names the form field it is about, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


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


def invite_group(
    educator: User,
    inviting: Group,
    invited: Group,
    details: ExchangeDetails,
    age_gap_confirmed: bool = False,
) -> Exchange:
    """An educator invites an open group to an exchange from a group they lead (confirming
    the age gap when the groups' ages are far apart)."""
    if inviting.id not in led_group_ids(educator):
        raise ExchangeError(_("You can only invite from a group you lead."), "from_group")
    if inviting.id == invited.id:
        raise ExchangeError(_("A group cannot twin with itself."), "from_group")
    if invited.id in led_group_ids(educator):
        raise ExchangeError(_("You already lead this group: invite another group."))
    if inviting.is_sandbox or invited.is_sandbox:
        raise ExchangeError(
            _("A practice group cannot be twinned: create your real group once verified."),
            "from_group",
        )
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


def _answer(exchange: Exchange, educator: User, action: str, **values) -> None:
    """Take the answer to the invitation, recorded only if no one answered meanwhile."""

    def write(exchange: Exchange, transition, source: str) -> bool:
        answer = {"answered_by_id": educator.id, "answered_at": utcnow(), **values}
        expected, new = {"status": source}, {"status": transition.target, **answer}
        return lifecycle.compare_and_set(exchange, expected, new)

    EXCHANGE.take(exchange, educator, action, write=write, commit=False)


def accept_exchange(exchange: Exchange, educator: User, age_gap_confirmed: bool = False) -> None:
    """An educator of the invited group accepts (confirming the age gap when the groups' ages
    are far apart): the exchange starts."""
    EXCHANGE.check(exchange, educator, "accept")
    _check_pair(exchange.inviting_group, exchange.invited_group)
    ages.confirm_age_gap(exchange, "invited", age_gap_confirmed)
    _answer(exchange, educator, "accept")
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
    _answer(exchange, educator, "decline", decline_reason=reason)
    notify(
        educators_of(exchange.inviting_group),
        "invitation_declined",
        exchange_path(exchange),
        group=exchange.invited_group.name,
        exchange=exchange.title,
    )
    db.session.commit()


def withdraw_invitation(exchange: Exchange, educator: User) -> None:
    """An educator of the inviting group takes the invitation back before it is answered (an
    answer at the same moment wins: see `_answer`); the invited side's educators are told."""
    _answer(exchange, educator, "withdraw")
    notify(
        educators_of(exchange.invited_group),
        "invitation_withdrawn",
        exchange_path(exchange),
        group=exchange.inviting_group.name,
        exchange=exchange.title,
    )
    db.session.commit()


def close_exchange(exchange: Exchange, educator: User) -> None:
    """An educator of either side closes an active exchange; what was published stays; the young
    people of both sides are asked what changed for them."""

    def write(exchange: Exchange, transition, source: str) -> bool:
        expected, new = {"status": source}, {"status": transition.target, "closed_at": utcnow()}
        return lifecycle.compare_and_set(exchange, expected, new)

    EXCHANGE.take(exchange, educator, "close", write=write, commit=False)
    # Their turn to say what changed for them: the final after set opens (storyhub/impact).
    young = [user for group in exchange.groups for user in group.members if user.is_young]
    link = _path("impact.after", exchange_id=exchange.id) or exchange_path(exchange)
    notify(young, "exchange_over_your_turn", link, exchange=exchange.title)
    db.session.commit()


# --- the two keys -----------------------------------------------------------------------------


def _turn_key(actor: User, turning: bool):
    """A write turning (or removing) the key of the first side the actor leads that needs it,
    only if that key is still as we read it.

    The conditional UPDATE also locks the row until the commit, so that two educators turning
    the two keys at once are put one after the other: the second reads the first's key.
    """

    def write(exchange: Exchange, transition, source: str) -> bool:
        side = next(s for s in sides_led(actor, exchange) if (key(exchange, s) is None) == turning)
        prefix = "inviting" if side == exchange.inviting_group_id else "invited"
        moment, by = (utcnow(), actor.id) if turning else (None, None)
        expected = None if turning else lifecycle.NOT_NULL
        return lifecycle.compare_and_set(
            exchange,
            {f"{prefix}_published_at": expected},
            {f"{prefix}_published_at": moment, f"{prefix}_published_by_id": by},
        )

    return write


def publish_exchange(exchange: Exchange, educator: User) -> bool:
    """Turn the educator's side's key; True when this key made the exchange public.

    Decided inside the transaction that turned the key, as the notice is: read after the
    commit, a key turned by the other side a moment later would answer True twice.
    """
    made_public = []

    def tell_if_public(exchange: Exchange, educator: User, reason: str) -> None:
        db.session.refresh(exchange)  # both keys as committed up to now (the row is ours)
        made_public.append(exchange.is_public)
        if exchange.is_public:
            notify(
                educators_of(*exchange.groups),
                "exchange_published",
                exchange_path(exchange),
                exchange=exchange.title,
            )
        else:
            _tell_other_side(exchange, educator, "key_turned")

    KEYS.take(
        exchange, educator, "publish",
        write=_turn_key(educator, turning=True), effect=tell_if_public,
        lost=_("Your side has already published this exchange."),
    )  # fmt: skip
    return made_public[0]


def unpublish_exchange(exchange: Exchange, educator: User) -> None:
    """Remove the educator's side's key: the exchange is private again; the other side's
    educators are told (whether it was public or only their key was waiting)."""
    was_public = exchange.is_public

    def tell(exchange: Exchange, educator: User, reason: str) -> None:
        _tell_other_side(
            exchange, educator, "key_withdrawn_public" if was_public else "key_withdrawn"
        )

    KEYS.take(
        exchange, educator, "unpublish",
        write=_turn_key(educator, turning=False), effect=tell,
        lost=_("Your side has not published this exchange."),
    )  # fmt: skip


def _tell_other_side(exchange: Exchange, educator: User, kind: str) -> None:
    """Notify the educators of the side(s) this educator does not lead of a key change."""
    own = sides_led(educator, exchange)
    others = [group for group in exchange.groups if group.id not in own]
    mine = [group for group in exchange.groups if group.id in own]
    if not others or not mine:
        return
    notify(
        educators_of(*others), kind, exchange_path(exchange),
        exchange=exchange.title, group=mine[0].name,
    )  # fmt: skip
