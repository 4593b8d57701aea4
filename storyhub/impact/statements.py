"""The 1–5 statements of an exchange: the defaults, their words in the reader's language, and
whether an educator may still change them."""

from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from storyhub.core.models import utcnow
from storyhub.exchanges.models import Exchange, Round
from storyhub.extensions import db
from storyhub.impact.models import AnswerSet, Statement

MAX_STATEMENTS = 6
PLACE = "{place}"  # where the twin territory's name goes in an educator's own wording
MAX_STATEMENT_LENGTH = 200
# Defaults, in the interface language of whoever reads them; %(place)s is the twin territory.
DEFAULTS = {
    "know": _l("I know how young people live in %(place)s."),
    "common": _l("I have things in common with young people of %(place)s."),
    "act": _l("I feel able to act for my own territory."),
    "speak": _l("I dare to say what I think in front of others."),
}
# The same defaults where no one place is meant (public pages, exports: both sides answered),
# written whole so that each language says it well ("du territoire jumeau", not "de le …").
GENERIC = {
    "know": _l("I know how young people live in the twin territory."),
    "common": _l("I have things in common with young people of the twin territory."),
}


def statement_text(statement: Statement, place: str) -> str:
    """A statement's words: a default in the reader's language, or the educators' own words."""
    if statement.key in DEFAULTS:
        return str(DEFAULTS[statement.key]) % {"place": place}
    return statement.text.replace(PLACE, place)


def generic_text(statement: Statement) -> str:
    """A statement's words where both twin territories are meant (the impact page, exports)."""
    if statement.key in GENERIC:
        return str(GENERIC[statement.key])
    return statement_text(statement, public_place())


def public_place() -> str:
    """How the public pages name "the twin territory" in a statement (both sides answered)."""
    return _("the twin territory")


def statements_of(exchange: Exchange) -> list[Statement]:
    """The exchange's statements in order (the defaults are stored at first need)."""
    query = db.select(Statement).filter_by(exchange_id=exchange.id).order_by(Statement.position)
    return list(db.session.scalars(query))


def ensure_statements(exchange: Exchange) -> list[Statement]:
    """The exchange's statements; the defaults are written the first time they are needed."""
    found = statements_of(exchange)
    if found:
        return found
    for position, key in enumerate(DEFAULTS):
        db.session.add(Statement(exchange_id=exchange.id, position=position, key=key))
    db.session.commit()
    return statements_of(exchange)


def has_answers(exchange: Exchange) -> bool:
    """Some young person has already answered (the statements can no longer change)."""
    query = db.select(AnswerSet.id).filter_by(exchange_id=exchange.id).limit(1)
    return db.session.scalar(query) is not None


def has_started(exchange: Exchange, now: datetime | None = None) -> bool:
    """A round has opened, or a young person has answered: the statements are fixed."""
    opened = db.select(Round.id).where(
        Round.exchange_id == exchange.id, Round.opens_at <= (now or utcnow())
    )
    return db.session.scalar(opened.limit(1)) is not None or has_answers(exchange)
