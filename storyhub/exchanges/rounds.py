"""Rounds: a question both sides of an active exchange answer, between two dates."""

from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from storyhub.accounts.models import User
from storyhub.core.models import utcnow
from storyhub.core.timezones import end_of_day, zone_of
from storyhub.exchanges.life import EXCHANGE
from storyhub.exchanges.models import Exchange, Round
from storyhub.exchanges.services import (
    QUESTION_MAX,
    TEXT_MAX,
    ExchangeError,
    clean_text,
    educators_of,
    round_path,
)
from storyhub.extensions import db
from storyhub.groups.membership import leads_group
from storyhub.notifications.services import notify


@dataclass
class RoundDetails:
    """A question both sides answer, between two dates."""

    question: str
    opens_on: date
    closes_on: date
    guidance: str = ""


def propose_round(exchange: Exchange, educator: User, details: RoundDetails) -> Round:
    """An educator of either side opens a round while the exchange is active; both sides hear
    (a round for later: when it opens, and the other side's educators at once)."""
    EXCHANGE.check(exchange, educator, "propose_round")
    question, guidance = cleaned_details(exchange, details, zone_of(educator))
    # The proposal is a transition of the exchange (active → active): its conditional update
    # locks the row, so a close at the same moment waits for us, or wins and we refuse; a
    # double submit of the same round waits, then finds it.
    EXCHANGE.take(exchange, educator, "propose_round", commit=False)
    same = _same_round(exchange, question, details.opens_on, details.closes_on)
    if same is not None:
        db.session.rollback()
        return same
    round_ = Round(
        exchange=exchange,
        question=question,
        guidance=guidance,
        opens_on=details.opens_on,
        closes_on=details.closes_on,
        time_zone=zone_of(educator),
        proposed_by_id=educator.id,
    )
    db.session.add(round_)
    db.session.flush()
    now = utcnow()
    if round_.has_opened(now):
        tell_round_opened(round_, now)
    else:  # both groups hear when it opens (flask send-round-notices); the other side's
        # educators know now, to prepare it with their young people
        twin = [group for group in exchange.groups if not leads_group(educator, group)]
        notify(
            educators_of(*twin),
            "round_planned",
            round_path(round_),
            exchange=exchange.title,
            question=question,
            opens_on=details.opens_on.isoformat(),
        )
    db.session.commit()
    return round_


def round_readers(exchange: Exchange) -> list[User]:
    """The young people and the verified educators of both groups of the exchange."""
    members = [user for group in exchange.groups for user in group.members]
    return members + educators_of(*exchange.groups)


def tell_round_opened(round_: Round, now) -> None:
    """Both groups hear that the round is open; it is not told again (the caller commits)."""
    exchange = round_.exchange
    notify(
        round_readers(exchange),
        "round_opened",
        round_path(round_),
        exchange=exchange.title,
        question=round_.question,
    )
    round_.opening_told_at = now


def cleaned_details(exchange: Exchange, details: RoundDetails, zone: str) -> tuple[str, str]:
    """The question and guidance, cleaned, once the details are checked (dates in zone)."""
    question, guidance = clean_text(details.question), clean_text(details.guidance)
    if not question:
        raise ExchangeError(_("Write the question of the round."), "question")
    if len(question) > QUESTION_MAX:
        raise ExchangeError(
            _("The question has at most %(n)d characters.", n=QUESTION_MAX), "question"
        )
    if len(guidance) > TEXT_MAX:
        raise ExchangeError(_("The guidance has at most %(n)d characters.", n=TEXT_MAX), "guidance")
    _check_round_dates(exchange, details.opens_on, details.closes_on, zone)
    return question, guidance


def _same_round(exchange: Exchange, question: str, opens_on: date, closes_on: date):
    """The same round already proposed (a double submit): not created twice."""
    query = db.select(Round).filter_by(
        exchange_id=exchange.id, question=question, opens_on=opens_on, closes_on=closes_on
    )
    return db.session.scalar(query.limit(1))


def _check_round_dates(
    exchange: Exchange, opens_on: date | None, closes_on: date | None, zone: str
) -> None:
    if opens_on is None:
        raise ExchangeError(_("Give the opening date."), "opens_on")
    if closes_on is None:
        raise ExchangeError(_("Give the closing date."), "closes_on")
    if closes_on <= opens_on:
        raise ExchangeError(_("The closing date must come after the opening date."), "closes_on")
    if end_of_day(closes_on, zone) < utcnow():
        raise ExchangeError(_("The closing date is already past."), "closes_on")
    start, end = exchange.starts_on, exchange.ends_on
    if start and opens_on < start:
        raise ExchangeError(
            _(
                "The round cannot open before the exchange starts (%(date)s).",
                date=format_date(start),
            ),
            "opens_on",
        )
    if end and closes_on > end:
        raise ExchangeError(
            _("The round must close before the exchange ends (%(date)s).", date=format_date(end)),
            "closes_on",
        )
