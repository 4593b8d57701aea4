"""The one kit for the life of a piece of content: declared transitions, taken as compare-and-set.

A domain declares its `Lifecycle`: each `Transition` says from which states it goes to which,
who may take it (a predicate), what must hold first (guards) and whether a written reason is
needed. Views and templates ask `allowed(user, obj, action)` / `allowed_actions(user, obj)` and
`label(state)` and `is_in(obj, phase)` (a named set of states declared with the lifecycle, or a
declared condition that lies beside the status: HIDDEN_AFTER_REPORTS, UNDER_APPEAL);
services call `take(obj, actor, action, reason)`.

`take` reads the row, checks, then writes with `UPDATE … WHERE id = :id AND status = :expected`:
when two decisions race, the database lets exactly one of them change the row; the other
changes nothing and raises `LostRace` ("already decided"), so its log entry and notices are
never written. Effects (dates, notices) and the log entry go in the same transaction.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import set_committed_value

from storyhub.core.errors import DomainError
from storyhub.extensions import db

ALREADY_DECIDED = _l(
    "Someone has just decided on this already: your decision was not recorded. "
    "Here is where it stands now."
)
NOT_NULL = object()  # an expected value: "holds something" (IS NOT NULL)

# States that lie beside a piece's status, declared once for every kind that has them:
HIDDEN_AFTER_REPORTS = "hidden_after_reports"  # serious reports hid it until a decision
UNDER_APPEAL = "under_appeal"  # an appeal against a decision on it waits for the admins


def is_hidden_after_reports(obj) -> bool:
    """Reports hid this story, comment or media item until an educator or admin decides (the
    visibility rules' SQL twins test `hidden_at IS NULL` beside this); never an exchange."""
    return getattr(obj, "hidden_at", None) is not None


Check = Callable[[Any], None]  # a guard: raises DomainError when the move must not happen


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


@dataclass(frozen=True)
class Transition:
    """One move: from which states to which, who may take it, what must hold, why it is refused.

    `refused_status` is a sentence, or `f(obj, state) -> sentence` when it depends on the state.
    `reason_required` is the sentence asking for the reason; empty when none is needed.
    """

    action: str
    sources: tuple[str, ...]
    target: str
    may: Callable[[Any, Any], bool]
    refused_who: Any
    refused_status: Any
    reason_required: Any = ""
    guards: tuple[Check, ...] = ()


def _status(obj, user) -> str:
    return obj.status


def _strip(text: str) -> str:
    return text.strip()


class Lifecycle:
    """The transitions of one kind of content, and the labels of its states."""

    def __init__(
        self,
        *transitions: Transition,
        labels: Mapping[str, Any],
        phases: Mapping[str, tuple[str, ...]] | None = None,
        conditions: Mapping[str, Callable[[Any], bool]] | None = None,
        state: Callable[[Any, Any], str] = _status,
        log: Callable[..., None] | None = None,
        lost: Any = ALREADY_DECIDED,
        max_reason: int = 2000,
        clean: Callable[[str], str] = _strip,
        too_long: Any = None,
    ):
        self.transitions = {t.action: t for t in transitions}
        self.labels, self.phases = labels, dict(phases or {})
        self.conditions = dict(conditions or {})
        self.state, self.log, self.lost = state, log, lost
        self.max_reason, self.clean, self.too_long = max_reason, clean, too_long

    def __getitem__(self, action: str) -> Transition:
        """The declared transition, or a DomainError for an action that does not exist."""
        transition = self.transitions.get(action)
        if transition is None:
            raise DomainError(_("This action does not exist."))
        return transition

    def label(self, state: str) -> str:
        """The words for a state, in the interface language."""
        return str(self.labels.get(state, state))

    def is_in(self, obj, phase: str, user=None) -> bool:
        """Is obj in this declared phase (a named set of states, e.g. "waiting"), or does a
        declared condition beside the status hold (e.g. HIDDEN_AFTER_REPORTS)?

        Templates ask this instead of comparing status strings or reading fields; an unknown
        phase is an error.
        """
        if phase in self.conditions:
            return self.conditions[phase](obj)
        return self.state(obj, user) in self.phases[phase]

    def allowed(self, user, obj, action: str) -> bool:
        """May this user take this action on obj now (right person, right state)?"""
        transition = self.transitions.get(action)
        if transition is None:
            return False
        return self.state(obj, user) in transition.sources and transition.may(user, obj)

    def allowed_actions(self, user, obj) -> list[str]:
        """The actions this user may take on obj now, in the declared order (for buttons)."""
        return [action for action in self.transitions if self.allowed(user, obj, action)]

    def check(self, obj, actor, action: str, reason: str | None = None, guards: Iterable = ()):
        """(transition, state read, cleaned reason), or a DomainError saying why not."""
        transition = self[action]
        if not transition.may(actor, obj):
            raise DomainError(str(transition.refused_who))
        source = self.state(obj, actor)
        if source not in transition.sources:
            refused = transition.refused_status
            raise DomainError(str(refused(obj, source) if callable(refused) else refused))
        reason = self.clean(reason or "")
        if transition.reason_required and not reason:
            raise DomainError(str(transition.reason_required))
        if len(reason) > self.max_reason:
            too_long = self.too_long or _l("Too long: at most %(max)d characters.")
            raise DomainError(str(too_long) % {"max": self.max_reason})
        for guard in (*transition.guards, *guards):
            guard(obj)
        return transition, source, reason

    def take(
        self,
        obj,
        actor,
        action: str,
        reason: str | None = None,
        *,
        guards: Iterable[Check] = (),
        write: Callable[[Any, Transition, str], bool] | None = None,
        effect: Callable[[Any, Any, str], None] | None = None,
        commit: bool = True,
        lost: Any = None,
    ):
        """Check, write as compare-and-set, apply the effect, log; LostRace if beaten to it.

        `write(obj, transition, source) -> bool` replaces the default conditional update of
        `status` (for states kept elsewhere, or updates with more conditions); `lost` the
        sentence the loser of a race reads.
        """
        transition, source, reason = self.check(obj, actor, action, reason, guards)
        if write is None:
            won = compare_and_set(obj, {"status": source}, {"status": transition.target})
        else:
            won = write(obj, transition, source)
        if not won:
            raise lost_race(lost or self.lost)
        if effect is not None:
            effect(obj, actor, reason)
        if self.log is not None:
            self.log(obj, actor, action, source, self.state(obj, actor), reason)
        if commit:
            db.session.commit()
        return obj
