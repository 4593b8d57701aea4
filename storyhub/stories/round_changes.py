"""Changing or deleting a round while no story answers it. Here, not in exchanges: the rule
reads the stories of the round (stories depends on exchanges, never the reverse)."""

from flask_babel import gettext as _

from storyhub.accounts.models import User
from storyhub.core.timezones import zone_of
from storyhub.exchanges.life import EXCHANGE
from storyhub.exchanges.models import Round
from storyhub.exchanges.permissions import can_manage_exchange
from storyhub.exchanges.rounds import RoundDetails, cleaned_details
from storyhub.exchanges.services import ExchangeError
from storyhub.extensions import db
from storyhub.stories.models import Story


def round_has_stories(round_: Round) -> bool:
    """A story (of any state, a draft included) already answers this round."""
    query = db.select(Story.id).where(Story.round_id == round_.id).limit(1)
    return db.session.scalar(query) is not None


def can_change_round(user: User, round_: Round) -> bool:
    """An educator of either side edits or deletes a round of an active exchange until a story
    answers it (after that, its question and dates belong to what the young people wrote)."""
    exchange = round_.exchange
    return (
        can_manage_exchange(user, exchange)
        and EXCHANGE.allowed(user, exchange, "propose_round")
        and not round_has_stories(round_)
    )


def _check_change(round_: Round, educator: User) -> None:
    if round_has_stories(round_):
        raise ExchangeError(
            _("A story already answers this round: it can no longer be changed or deleted.")
        )
    EXCHANGE.check(round_.exchange, educator, "propose_round")


def update_round(round_: Round, educator: User, details: RoundDetails) -> Round:
    """Change the question, guidance or dates of a round no story answers yet."""
    _check_change(round_, educator)
    zone = zone_of(educator)
    question, guidance = cleaned_details(round_.exchange, details, zone)
    round_.question, round_.guidance = question, guidance
    round_.set_dates(details.opens_on, details.closes_on, zone)
    db.session.commit()
    return round_


def delete_round(round_: Round, educator: User) -> None:
    """Delete a round no story answers. One statement that deletes only while no story exists,
    so a story started at the same moment is never swept away with it."""
    _check_change(round_, educator)
    no_story = ~db.select(Story.id).where(Story.round_id == Round.id).exists()
    deleted = db.session.execute(
        db.delete(Round)
        .where(Round.id == round_.id, no_story)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not deleted:
        db.session.rollback()
        raise ExchangeError(
            _("A story already answers this round: it can no longer be changed or deleted.")
        )
    db.session.commit()
    db.session.expire_all()
