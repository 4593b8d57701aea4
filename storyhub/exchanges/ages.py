"""The age gap between two groups: twinning groups of very different ages asks both educators
to confirm (TWINNING_AGE_GAP years, storyhub/privacy/settings.py).

The gap is the distance between the middles of the two groups' declared age ranges: 11–12
against 18–25 is 10 years apart; 12–15 against 14–17 is 2.
"""

from flask import current_app
from flask_babel import gettext as _

from storyhub.core.errors import DomainError
from storyhub.core.models import utcnow

FIELD = "confirm_age_gap"


class AgeGapError(DomainError):
    """The groups' ages are far apart and this educator has not confirmed it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.field = FIELD


def age_gap(a, b) -> float:
    """Years between the middles of two groups' age ranges."""
    return abs((a.age_min + a.age_max) - (b.age_min + b.age_max)) / 2


def needs_age_confirmation(a, b) -> bool:
    """True when the two groups' ages differ by more than TWINNING_AGE_GAP years."""
    return age_gap(a, b) > current_app.config["TWINNING_AGE_GAP"]


def gap_message(a, b) -> str:
    """What the educator reads before confirming."""
    return _(
        "Ages %(a_min)d–%(a_max)d in %(a)s and %(b_min)d–%(b_max)d in %(b)s: more than "
        "%(gap)d years apart. Tick the box to confirm that this twinning suits both groups.",
        a=a.name,
        a_min=a.age_min,
        a_max=a.age_max,
        b=b.name,
        b_min=b.age_min,
        b_max=b.age_max,
        gap=current_app.config["TWINNING_AGE_GAP"],
    )


def confirm_age_gap(exchange, side: str, confirmed: bool) -> None:
    """Record this side's confirmation when the ages are far apart; refuse without it.

    `side` is "inviting" (at the invitation) or "invited" (at the acceptance)."""
    a, b = exchange.inviting_group, exchange.invited_group
    if not needs_age_confirmation(a, b):
        return
    if not confirmed:
        raise AgeGapError(gap_message(a, b))
    setattr(exchange, f"age_gap_{side}_confirmed_at", utcnow())
