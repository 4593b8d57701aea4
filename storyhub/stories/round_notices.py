"""Telling both groups that a round is open and, once, that it is about to close (to the side
whose story has not been sent yet). Here, not in exchanges: it reads the stories of the round.

Run by `flask send-round-notices` (hourly, from cron): one unit of work per round, run at once or
by the queue workers (DIGEST_PROCESSING, storyhub/core/jobs.py). Each notice goes once, taken by a
conditional update in the same transaction as the notifications, so two runs at the same moment
or a retried job never send it twice, and a unit that failed leaves it to the next try.
"""

from datetime import datetime, timedelta

from storyhub.core.jobs import dispatch
from storyhub.core.models import utcnow
from storyhub.exchanges.models import STATUS_ACTIVE, Exchange, Round
from storyhub.exchanges.rounds import tell_round_opened
from storyhub.exchanges.services import educators_of, round_path
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.notifications.services import notify
from storyhub.stories.models import STATUS_APPROVED, STATUS_SUBMITTED, Story

CLOSING_NOTICE = timedelta(hours=48)  # how long before the deadline the reminder goes
SENT = (STATUS_SUBMITTED, STATUS_APPROVED)  # a story waiting for review or published


def readers_of(*groups: Group) -> list:
    """The young people and the verified educators of these groups."""
    return [user for group in groups for user in group.members] + educators_of(*groups)


def _take(round_: Round, column, now: datetime) -> bool:
    """Mark the notice as sent unless another run did: True when this run sends it."""
    done = db.session.execute(
        db.update(Round)
        .where(Round.id == round_.id, column.is_(None))
        .values({column.key: now})
        .execution_options(synchronize_session=False)
    ).rowcount
    return done == 1


def _active_rounds(*conditions):
    query = (
        db.select(Round)
        .join(Exchange, Exchange.id == Round.exchange_id)
        .where(Exchange.status == STATUS_ACTIVE, *conditions)
        .order_by(Round.id)
    )
    return list(db.session.scalars(query))


def tell_opened_round(round_id: int, now: datetime) -> bool:
    """Both groups of this round are told it opened, unless they were: True when told now."""
    round_ = db.session.get(Round, round_id)
    if round_ is None or not _take(round_, Round.opening_told_at, now):
        db.session.rollback()
        return False
    tell_round_opened(round_, now)
    db.session.commit()
    return True


def tell_opened_rounds(now: datetime | None = None) -> int:
    """Rounds planned for later that have opened since: both groups told, once."""
    now = now or utcnow()
    rounds = _active_rounds(
        Round.opening_told_at.is_(None), Round.opens_at <= now, Round.closes_at >= now
    )
    return sum(
        bool(dispatch("DIGEST_PROCESSING", f"{__name__}.tell_opened_round", round_.id, now))
        for round_ in rounds
    )


def groups_without_answer(round_: Round) -> list[Group]:
    """The groups of the exchange that have sent no story for this round yet."""
    query = db.select(Story.group_id).where(Story.round_id == round_.id, Story.status.in_(SENT))
    answered = set(db.session.scalars(query))
    return [group for group in round_.exchange.groups if group.id not in answered]


def remind_closing_round(round_id: int, now: datetime) -> bool:
    """The groups of this round that have not answered are reminded, unless the round's reminder
    went already: True when some group was reminded now."""
    round_ = db.session.get(Round, round_id)
    if round_ is None or not _take(round_, Round.closing_reminded_at, now):
        db.session.rollback()
        return False
    late = groups_without_answer(round_)
    notify(
        readers_of(*late),
        "round_closing",
        round_path(round_),
        exchange=round_.exchange.title,
        question=round_.question,
    )
    db.session.commit()
    return bool(late)


def remind_closing_rounds(now: datetime | None = None) -> int:
    """Rounds closing within CLOSING_NOTICE: the groups that have not answered are reminded,
    once per round."""
    now = now or utcnow()
    rounds = _active_rounds(
        Round.closing_reminded_at.is_(None),
        Round.opens_at <= now,
        Round.closes_at >= now,
        Round.closes_at <= now + CLOSING_NOTICE,
    )
    return sum(
        bool(dispatch("DIGEST_PROCESSING", f"{__name__}.remind_closing_round", round_.id, now))
        for round_ in rounds
    )


def send_round_notices(now: datetime | None = None) -> tuple[int, int]:
    """(rounds announced as open, rounds reminded as closing): with DIGEST_PROCESSING=rq, how
    many rounds were queued for each."""
    return tell_opened_rounds(now), remind_closing_rounds(now)
