"""The one kit for the life of a piece of content: a state change is a compare-and-set.

A decision reads the row, checks who may and from which state, then writes with
`UPDATE … WHERE id = :id AND status = :expected`: when two decisions race, the database lets
exactly one of them change the row; the other changes nothing and raises `LostRace`, so its
log entry and notices are never written.
"""

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import set_committed_value

from storyhub.core.errors import DomainError
from storyhub.extensions import db

ALREADY_DECIDED = _l(
    "Someone has just decided on this already: your decision was not recorded. "
    "Here is where it stands now."
)


NOT_NULL = object()  # an expected value: "holds something" (IS NOT NULL)


class LostRace(DomainError):
    """Another decision changed the row first; nothing of this one was recorded."""


def _condition(column, value):
    if value is NOT_NULL:
        return column.is_not(None)
    return column.is_(None) if value is None else column == value


def compare_and_set(obj, expected: Mapping[str, object], values: Mapping[str, object]) -> bool:
    """Write values on obj's row only if each expected column still holds its value.

    Returns whether the row changed. On success the object in memory holds the new values; on
    failure nothing was written (the caller rolls back and says the decision was lost).
    `None` as an expected value means "still empty" (IS NULL), `NOT_NULL` "holds something".
    """
    model = type(obj)
    conditions = [_condition(getattr(model, name), value) for name, value in expected.items()]
    statement = (
        db.update(model)
        .where(model.id == obj.id, *conditions)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if db.session.execute(statement).rowcount != 1:
        return False
    for name, value in values.items():
        set_committed_value(obj, name, value)
    return True


def lost_race(message=None) -> LostRace:
    """Roll the transaction back and build the error the loser of a race sees."""
    db.session.rollback()
    return LostRace(str(message or ALREADY_DECIDED))


def lock(obj):
    """Lock obj's row until the commit and read it again as it stands now.

    For changes that are not one conditional UPDATE (a decision that closes the reports read
    after it, a report that hides): a second decision at the same moment waits, then sees this
    one. SQLite has no row locks; it lets one writer at a time anyway.
    """
    model = type(obj)
    query = (
        db.select(model)
        .where(model.id == obj.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return db.session.scalars(query).one()
