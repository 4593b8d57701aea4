"""The life of an exchange, declared once: the answer to the invitation, the close, the round
proposal, and each side's publication key (the exchange is public once both are turned).

Services take these transitions (`storyhub.core.lifecycle`); views and templates ask
`allowed_actions(user, exchange)` and the labels rather than repeating the rules.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from storyhub.accounts.models import User
from storyhub.core.lifecycle import Lifecycle, Transition
from storyhub.exchanges.models import (
    STATUS_ACTIVE,
    STATUS_CLOSED,
    STATUS_DECLINED,
    STATUS_INVITED,
    STATUS_WITHDRAWN,
    Exchange,
)
from storyhub.groups.membership import led_group_ids

EXCHANGE_ALREADY_DECIDED = _l(
    "Someone has just answered or closed this exchange already: your action was not recorded. "
    "Here is where it stands now."
)
STATE_SENTENCES = {
    STATUS_INVITED: _l("This invitation is still waiting for an answer."),
    STATUS_ACTIVE: _l("This exchange is already active."),
    STATUS_CLOSED: _l("This exchange is closed."),
    STATUS_DECLINED: _l("This invitation was declined."),
    STATUS_WITHDRAWN: _l("This invitation was withdrawn."),
}
# The state of the keys seen by an educator: of the sides they lead, none/some/all turned.
KEYS_NOT_STARTED = "not_started"  # the invitation is not accepted: nothing to publish yet
KEYS_UNTURNED = "unturned"
KEYS_PARTLY = "partly"  # an educator who leads both sides turned one key
KEYS_TURNED = "turned"
KEYS_PRACTICE = "practice"  # a sandbox (storyhub/sandbox): no key to turn, never public
PRACTICE_NEVER_PUBLIC = _l(
    "This is a practice exchange: nothing of it is ever published or shown outside it."
)


def sides_led(user: User, exchange: Exchange) -> list[int]:
    """The sides (group ids) of this exchange that the user leads as a verified educator."""
    groups = led_group_ids(user)
    return [group_id for group_id in exchange.group_ids if group_id in groups]


def leads_invited_side(user: User, exchange: Exchange) -> bool:
    """An educator of the invited group (who answers the invitation)."""
    return exchange.invited_group_id in sides_led(user, exchange)


def leads_inviting_side(user: User, exchange: Exchange) -> bool:
    """An educator of the inviting group (who may withdraw the invitation)."""
    return exchange.inviting_group_id in sides_led(user, exchange)


def leads_a_side(user: User, exchange: Exchange) -> bool:
    """An educator of either group."""
    return bool(sides_led(user, exchange))


def key(exchange: Exchange, side: int):
    """When this side published the exchange (None: its key is not turned)."""
    if side == exchange.inviting_group_id:
        return exchange.inviting_published_at
    return exchange.invited_published_at


def keys_state(exchange: Exchange, user: User) -> str:
    """The keys of the sides this user leads: unturned, partly or turned (or not started, or
    a practice exchange's, which has none)."""
    if exchange.is_sandbox:
        return KEYS_PRACTICE
    keys = [key(exchange, side) is not None for side in sides_led(user, exchange)]
    if any(keys):
        return KEYS_TURNED if all(keys) else KEYS_PARTLY
    if exchange.status not in (STATUS_ACTIVE, STATUS_CLOSED):
        return KEYS_NOT_STARTED
    return KEYS_UNTURNED


def _in_state(sentence):
    return lambda exchange, state: f"{STATE_SENTENCES[exchange.status]} {sentence}"


def _publish_refused(exchange: Exchange, state: str) -> str:
    if state == KEYS_PRACTICE:
        return str(PRACTICE_NEVER_PUBLIC)
    if state == KEYS_NOT_STARTED:
        return _in_state(_("An exchange can be published only once the invitation is accepted."))(
            exchange, state
        )
    return _("Your side has already published this exchange.")


EXCHANGE = Lifecycle(
    Transition(
        "accept",
        (STATUS_INVITED,),
        STATUS_ACTIVE,
        leads_invited_side,
        _l("Only an educator of the invited group can accept this invitation."),
        _in_state(_l("Only a pending invitation can be accepted.")),
    ),
    Transition(
        "decline",
        (STATUS_INVITED,),
        STATUS_DECLINED,
        leads_invited_side,
        _l("Only an educator of the invited group can decline this invitation."),
        _in_state(_l("Only a pending invitation can be declined.")),
    ),
    Transition(
        "withdraw",
        (STATUS_INVITED,),
        STATUS_WITHDRAWN,
        leads_inviting_side,
        _l("Only an educator of the inviting group can withdraw this invitation."),
        _in_state(_l("Only an invitation not answered yet can be withdrawn.")),
    ),
    Transition(
        "close",
        (STATUS_ACTIVE,),
        STATUS_CLOSED,
        leads_a_side,
        _l("Only an educator of one of the two groups can close this exchange."),
        _in_state(_l("Only an active exchange can be closed.")),
    ),
    Transition(
        "propose_round",
        (STATUS_ACTIVE,),
        STATUS_ACTIVE,  # the exchange stays active; a close at the same moment waits or wins
        leads_a_side,
        _l("Only an educator of one of the two groups can propose a round."),
        _in_state(_l("Rounds can be proposed only while the exchange is active.")),
    ),
    labels={
        STATUS_INVITED: _l("Invitation pending"),
        STATUS_ACTIVE: _l("Active"),
        STATUS_CLOSED: _l("Closed"),
        STATUS_DECLINED: _l("Declined"),
        STATUS_WITHDRAWN: _l("Invitation withdrawn"),
    },
    phases={
        "pending": (STATUS_INVITED,),
        "running": (STATUS_ACTIVE,),
        "over": (STATUS_CLOSED,),
        "declined": (STATUS_DECLINED,),
        "withdrawn": (STATUS_WITHDRAWN,),
        "took_place": (STATUS_ACTIVE, STATUS_CLOSED),
        "never_started": (STATUS_INVITED, STATUS_DECLINED, STATUS_WITHDRAWN),
    },
    lost=EXCHANGE_ALREADY_DECIDED,
    max_reason=3000,
)

KEYS = Lifecycle(
    Transition(
        "publish",
        (KEYS_UNTURNED, KEYS_PARTLY),
        KEYS_TURNED,
        leads_a_side,
        _l("Only an educator of one of the two groups can publish this exchange."),
        _publish_refused,
    ),
    Transition(
        "unpublish",
        (KEYS_TURNED, KEYS_PARTLY),
        KEYS_UNTURNED,
        leads_a_side,
        _l("Only an educator of one of the two groups can make this exchange private."),
        lambda exchange, state: _("Your side has not published this exchange."),
    ),
    labels={},
    state=keys_state,
)


def allowed_actions(user: User, exchange: Exchange) -> set[str]:
    """What this user may do now: answer, close, propose a round, publish or unpublish."""
    return {*EXCHANGE.allowed_actions(user, exchange), *KEYS.allowed_actions(user, exchange)}
