"""How quickly the educators of a side decide on the reflections their young people share:
from each sharing to the decision that followed (approve or do not publish), read from the
moderation log, and what waits now. Two queries, whatever the number of reflections.

A queries module: it reads, never writes, never touches the request.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

from sqlalchemy import func, select

from storyhub.exchanges.models import Exchange
from storyhub.extensions import db
from storyhub.impact.models import REFLECTION_SUBMITTED, Reflection
from storyhub.moderation.models import TARGET_REFLECTION, ModerationEntry

DECISIONS = ("approve", "reject")


@dataclass
class Turnaround:
    """Decisions taken, their median and longest wait, and the reflections waiting now."""

    decided: int = 0
    median: timedelta | None = None
    longest: timedelta | None = None
    waiting: int = 0
    oldest_waiting_since: datetime | None = None


def waits(entries) -> list[timedelta]:
    """From (reflection id, action, moment) in log order: the time from each sharing to the
    decision that followed it (a sharing withdrawn before any decision counts for nothing)."""
    shared_at: dict[int, datetime] = {}
    found = []
    for reflection_id, action, moment in entries:
        if action == "share":
            shared_at[reflection_id] = moment
        elif action == "withdraw":
            shared_at.pop(reflection_id, None)
        elif action in DECISIONS and reflection_id in shared_at:
            found.append(moment - shared_at.pop(reflection_id))
    return found


def reflection_turnaround(exchange: Exchange, group_ids: set[int]) -> Turnaround:
    """The turnaround of these groups' educators on this exchange's reflections."""
    if not group_ids:
        return Turnaround()
    ids = select(Reflection.id).where(
        Reflection.exchange_id == exchange.id, Reflection.group_id.in_(group_ids)
    )
    entries = (
        select(ModerationEntry.target_id, ModerationEntry.action, ModerationEntry.created_at)
        .where(ModerationEntry.target_type == TARGET_REFLECTION)
        .where(ModerationEntry.target_id.in_(ids))
        .where(ModerationEntry.action.in_(("share", "withdraw", *DECISIONS)))
        .order_by(ModerationEntry.created_at, ModerationEntry.id)
    )
    found = waits(db.session.execute(entries).all())
    waiting = select(func.count(Reflection.id), func.min(Reflection.submitted_at)).where(
        Reflection.exchange_id == exchange.id,
        Reflection.group_id.in_(group_ids),
        Reflection.status == REFLECTION_SUBMITTED,
    )
    count, oldest = db.session.execute(waiting).one()
    return Turnaround(
        decided=len(found),
        median=median(found) if found else None,
        longest=max(found) if found else None,
        waiting=count or 0,
        oldest_waiting_since=oldest,
    )
