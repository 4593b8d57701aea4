"""“Your turn”: what a person of an exchange is asked for now, worked out in one place.

- A young person's before/after questions: the before set while the exchange runs, an after
  set at the end of each round and when the exchange closes (`questions_waiting`).
- What their side owes the other: open rounds the twin answered and this side has not, and the
  twin's questions still waiting for an answer (`owed_by`).

Shown on the exchange page, the dashboard and the round page (`turn_of`, `turns_of`); told in
the notifications when a round ends (`announce_round_ends`, daily from cron) and when the
exchange closes (storyhub/exchanges/services.py: close_exchange).
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import update

from storyhub.accounts.models import User
from storyhub.core.jobs import dispatch
from storyhub.core.models import utcnow
from storyhub.exchanges.models import (
    STATUS_ACTIVE,
    STATUS_CLOSED,
    Exchange,
    Round,
)
from storyhub.exchanges.permissions import member_side
from storyhub.extensions import db
from storyhub.impact import figures, queries
from storyhub.impact.models import MOMENT_BEFORE, PHASE_AFTER, PHASE_BEFORE
from storyhub.impact.permissions import after_moment_open, can_answer_before, young_side
from storyhub.impact.services import moment_of
from storyhub.notifications.services import notify


@dataclass
class Turn:
    """What one person is asked for in one exchange; false when nothing."""

    exchange: Exchange
    questions: list = field(default_factory=list)  # [(phase, round or None)]
    owed: dict = field(default_factory=dict)  # {"rounds": [...], "questions": n}

    def __bool__(self) -> bool:
        return bool(self.questions or self.owed)


def after_moments(exchange: Exchange, now: datetime | None = None) -> list:
    """The after sets asked for now: one per round over while the exchange runs; once it is
    closed, the final one only (it says what the whole exchange changed)."""
    if exchange.status == STATUS_CLOSED:
        return [None]
    return [r for r in queries.closed_rounds(exchange, now) if after_moment_open(exchange, r, now)]


def questions_waiting(user: User, exchange: Exchange, now: datetime | None = None) -> list:
    """[(phase, round or None)]: the young person's before/after sets open and not answered."""
    if young_side(user, exchange) is None:
        return []
    done = queries.my_answer_sets(user, exchange)
    waiting = []
    if can_answer_before(user, exchange) and MOMENT_BEFORE not in done:
        waiting.append((PHASE_BEFORE, None))
    for round_ in after_moments(exchange, now):
        if moment_of(round_, PHASE_AFTER) not in done:
            waiting.append((PHASE_AFTER, round_))
    return waiting


def owed_by(user: User, exchange: Exchange, reciprocity, now: datetime | None = None) -> dict:
    """What the viewer's side owes the other — open rounds the twin answered and this side has
    not, and the twin's questions still waiting for an answer."""
    side = member_side(user, exchange)
    if side is None or exchange.status != STATUS_ACTIVE:
        return {}
    twin = exchange.twin_of(side).id
    rounds = [
        r for r in exchange.rounds
        if r.is_open(now) and reciprocity.side(twin, r.id).stories
        and not reciprocity.side(side, r.id).stories
    ]  # fmt: skip
    questions = reciprocity.side(side).unanswered
    return {"rounds": rounds, "questions": questions} if rounds or questions else {}


def turn_of(user: User, exchange: Exchange, now: datetime | None = None, reciprocity=None) -> Turn:
    """Everything asked of this person in this exchange now (nothing for outsiders)."""
    if not user.is_authenticated or member_side(user, exchange) is None:
        return Turn(exchange)
    owed = {}
    if exchange.status == STATUS_ACTIVE:
        owed = owed_by(user, exchange, reciprocity or figures.reciprocity(exchange), now)
    return Turn(exchange, questions_waiting(user, exchange, now), owed)


def turns_of(user: User, exchanges: list[Exchange], now: datetime | None = None) -> list[Turn]:
    """The turns of the person's exchanges that ask something (for the dashboard)."""
    turns = (turn_of(user, exchange, now) for exchange in exchanges)
    return [turn for turn in turns if turn]


def _young_members(exchange: Exchange) -> list[User]:
    return [user for group in exchange.groups for user in group.members if user.is_young]


def after_link(exchange: Exchange, round_: Round | None) -> str:
    """The path of an after set (built without a request, for notifications)."""
    path = f"/exchanges/{exchange.id}/impact/after"
    return f"{path}?round={round_.id}" if round_ is not None else path


def announce_round_end(round_id: int) -> bool:
    """Tell the young people of both sides of this round that it is their turn, unless they
    were: a conditional update marks it in the same transaction. True when told now."""
    mark = (
        update(Round)
        .where(Round.id == round_id, Round.after_asked_at.is_(None))
        .values(after_asked_at=utcnow())
    )
    round_ = db.session.get(Round, round_id)
    if round_ is None or db.session.execute(mark).rowcount != 1:
        db.session.rollback()
        return False
    exchange = round_.exchange
    notify(
        _young_members(exchange), "round_over_your_turn", after_link(exchange, round_),
        exchange=exchange.title, question=round_.question,
    )  # fmt: skip
    db.session.commit()
    return True


def announce_round_ends(now: datetime | None = None) -> int:
    """Tell the young people of both sides of each round just over (in a running exchange) that
    it is their turn to say what changed for them; once per round, one unit of work per round
    run at once or by the queue workers (DIGEST_PROCESSING). Returns how many rounds were
    announced (or queued)."""
    now = now or utcnow()
    due = (
        db.select(Round.id)
        .join(Exchange, Exchange.id == Round.exchange_id)
        .where(Round.after_asked_at.is_(None), Round.closes_at < now)
        .where(Exchange.status == STATUS_ACTIVE)  # once closed, the final set is asked
        .order_by(Round.id)
    )
    return sum(
        bool(dispatch("DIGEST_PROCESSING", f"{__name__}.announce_round_end", round_id))
        for round_id in db.session.scalars(due).all()
    )
