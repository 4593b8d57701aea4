"""The admins' overview of impact across the platform: exchanges, territories, participants and
change stories by kind of change. Aggregates only (never a person); a few grouped queries."""

from dataclasses import dataclass, field

from sqlalchemy import and_, func, select

from storyhub.exchanges.models import STATUS_ACTIVE, STATUS_CLOSED, Exchange
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.impact.models import CHANGE_KINDS, PHASE_AFTER, PHASE_BEFORE, AnswerSet, Reflection


@dataclass
class Overview:
    """Platform figures of impact."""

    exchanges: dict[str, int] = field(default_factory=dict)
    public: int = 0
    territories: int = 0
    participants: dict[str, int] = field(default_factory=dict)
    reflections: int = 0
    kinds: dict[str, int] = field(default_factory=dict)

    @property
    def most(self) -> int:
        """The largest kind count (the bars' full length), at least 1."""
        return max([1, *self.kinds.values()])


def overview() -> Overview:
    """Five aggregate queries whatever the size of the platform."""
    result = Overview()
    took_place = and_(
        Exchange.status.in_((STATUS_ACTIVE, STATUS_CLOSED)), Exchange.is_sandbox.is_(False)
    )
    by_status = select(Exchange.status, func.count()).where(took_place).group_by(Exchange.status)
    result.exchanges = dict(db.session.execute(by_status).all())
    result.public = db.session.scalar(select(func.count()).where(Exchange.is_public)) or 0
    sides = (
        select(Exchange.inviting_group_id.label("g"))
        .where(took_place)
        .union(select(Exchange.invited_group_id.label("g")).where(took_place))
        .subquery()
    )
    territories = select(func.count(func.distinct(Group.territory_id))).where(
        Group.id.in_(select(sides.c.g))
    )
    result.territories = db.session.scalar(territories) or 0
    phases = select(AnswerSet.phase, func.count(func.distinct(AnswerSet.user_id))).group_by(
        AnswerSet.phase
    )
    result.participants = {
        PHASE_BEFORE: 0,
        PHASE_AFTER: 0,
        **dict(db.session.execute(phases).all()),
    }
    kinds = (
        select(Reflection.change_kind, func.count())
        .where(Reflection.selected_at.is_not(None))
        .group_by(Reflection.change_kind)
    )
    found = dict(db.session.execute(kinds).all())
    result.kinds = {kind: found.get(kind, 0) for kind in CHANGE_KINDS}
    result.reflections = (
        db.session.scalar(select(func.count()).select_from(Reflection).where(Reflection.body != ""))
        or 0
    )
    return result
