"""Every write of the impact area: answers (before / after), reflections through their life,
most-significant-change selections, observations and the exchange's statements."""

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _

from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.core.models import utcnow
from storyhub.core.text import clean_block, clean_line
from storyhub.exchanges.models import Exchange, Round
from storyhub.extensions import db
from storyhub.impact import statements as st
from storyhub.impact.life import REFLECTION, effect
from storyhub.impact.models import (
    CHANGE_KINDS,
    MOMENT_BEFORE,
    MOMENT_FINAL,
    PHASE_AFTER,
    PHASE_BEFORE,
    SCALE_MAX,
    SCALE_MIN,
    AnswerSet,
    Observation,
    Participant,
    Reflection,
    ScaleAnswer,
    Statement,
)
from storyhub.impact.permissions import (
    can_answer_after,
    can_answer_before,
    can_review_reflection,
    manages_impact,
    young_side,
)

MAX_TEXT = 4000
MAX_REASON = 300
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no look-alikes (0/O, 1/I/L)


class AnswerError(DomainError):
    """Some answers are missing or wrong: `errors` maps each field to its message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(_("Please check your answers: nothing you typed is lost."))
        self.errors = errors


@dataclass
class Answers:
    """What a young person sent: raw scale values by statement id, and their words."""

    values: dict[int, str] = field(default_factory=dict)
    thoughts: str = ""
    reflection: str = ""


def moment_of(round_: Round | None, phase: str) -> str:
    """The key of an answer set: "before", "round-<id>" or "final"."""
    if phase == PHASE_BEFORE:
        return MOMENT_BEFORE
    return f"round-{round_.id}" if round_ is not None else MOMENT_FINAL


def _scale_value(raw: str | None) -> int | None:
    try:
        value = int((raw or "").strip())
    except ValueError:
        return None
    return value if SCALE_MIN <= value <= SCALE_MAX else None


def check_answers(statements: list[Statement], answers: Answers, phase: str) -> dict[int, int]:
    """{statement id: value} when every statement has a 1–5 answer; AnswerError otherwise."""
    values, errors = {}, {}
    for statement in statements:
        value = _scale_value(answers.values.get(statement.id))
        if value is None:
            errors[f"s{statement.id}"] = _("Choose a number from 1 to 5.")
        else:
            values[statement.id] = value
    for name, text in (("thoughts", answers.thoughts), ("reflection", answers.reflection)):
        if len(text) > MAX_TEXT:
            errors[name] = _("At most %(max)d characters, please.", max=MAX_TEXT)
    if phase == PHASE_AFTER and not answers.reflection.strip():
        errors["reflection"] = _("Write a few words on what changed for you (even “nothing”).")
    if errors:
        raise AnswerError(errors)
    return values


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def participant_for(user: User, exchange: Exchange, group_id: int) -> Participant:
    """The young person's stable random code in this exchange (made at their first answer)."""
    found = db.session.scalar(
        db.select(Participant).filter_by(exchange_id=exchange.id, user_id=user.id)
    )
    if found is None:
        found = Participant(
            exchange_id=exchange.id, user_id=user.id, group_id=group_id, code=_new_code()
        )
        db.session.add(found)
    return found


def answer_set_of(user: User, exchange: Exchange, moment: str) -> AnswerSet | None:
    """The person's answer set for this moment, if they answered."""
    query = db.select(AnswerSet).filter_by(exchange_id=exchange.id, user_id=user.id, moment=moment)
    return db.session.scalar(query)


def _store_values(answer_set: AnswerSet, values: dict[int, int]) -> None:
    kept = {answer.statement_id: answer for answer in answer_set.answers}
    for statement_id, value in values.items():
        if statement_id in kept:
            kept[statement_id].value = value
        else:
            answer_set.answers.append(ScaleAnswer(statement_id=statement_id, value=value))


def _store_reflection(answer_set: AnswerSet, user: User, text: str) -> None:
    reflection = answer_set.reflection
    if reflection is None:
        answer_set.reflection = Reflection(
            exchange_id=answer_set.exchange_id, author_id=user.id,
            group_id=answer_set.group_id, body=text,
        )  # fmt: skip
    elif reflection.body != text:
        if not REFLECTION.is_in(reflection, "editable"):
            raise AnswerError(
                {"reflection": _("Your reflection is shared: make it private again to change it.")}
            )
        reflection.body = text


def save_answers(
    user: User, exchange: Exchange, phase: str, answers: Answers,
    round_: Round | None = None, now: datetime | None = None,
) -> AnswerSet:  # fmt: skip
    """Record a before or after set; answering the same moment again updates it."""
    allowed = (
        can_answer_before(user, exchange)
        if phase == PHASE_BEFORE
        else can_answer_after(user, exchange, round_, now)
    )
    if not allowed:
        raise DomainError(_("These questions are not open to you now."))
    answers.thoughts = clean_block(answers.thoughts).strip()
    answers.reflection = clean_block(answers.reflection).strip()
    values = check_answers(st.ensure_statements(exchange), answers, phase)
    group_id = young_side(user, exchange)
    moment = moment_of(round_, phase)
    answer_set = answer_set_of(user, exchange, moment)
    if answer_set is None:
        answer_set = AnswerSet(
            exchange_id=exchange.id, user_id=user.id, group_id=group_id, phase=phase,
            moment=moment, round_id=round_.id if round_ else None,
        )  # fmt: skip
        db.session.add(answer_set)
    participant_for(user, exchange, group_id)
    answer_set.thoughts = answers.thoughts
    _store_values(answer_set, values)
    if phase == PHASE_AFTER:
        _store_reflection(answer_set, user, answers.reflection)
    db.session.commit()
    return answer_set


def take(reflection: Reflection, actor: User, action: str, reason: str = "") -> Reflection:
    """Share, withdraw, approve, reject or unpublish a reflection (its declared life)."""
    return REFLECTION.take(reflection, actor, action, reason, effect=effect(action))


def select_reflection(actor: User, reflection: Reflection, reason: str, kind: str) -> None:
    """An educator of the writer's group picks it as a most significant change, saying why."""
    if not can_review_reflection(actor, reflection):
        raise DomainError(_("Only the educators of the writer's group can select it."))
    reason = clean_line(reason).strip()
    if not reason:
        raise DomainError(_("Say in one sentence why this change matters."))
    if len(reason) > MAX_REASON:
        raise DomainError(_("One sentence, please: at most %(max)d characters.", max=MAX_REASON))
    if kind not in CHANGE_KINDS:
        raise DomainError(_("Choose the kind of change."))
    if not reflection.body.strip():
        raise DomainError(_("An empty reflection cannot be selected."))
    reflection.selected_at, reflection.selected_by_id = utcnow(), actor.id
    reflection.selection_reason, reflection.change_kind = reason, kind
    db.session.commit()


def unselect_reflection(actor: User, reflection: Reflection) -> None:
    """Take a reflection out of the most significant changes."""
    if not can_review_reflection(actor, reflection):
        raise DomainError(_("Only the educators of the writer's group can select it."))
    reflection.selected_at = reflection.selected_by_id = reflection.change_kind = None
    reflection.selection_reason = ""
    db.session.commit()


def add_observation(
    actor: User, exchange: Exchange, group_id: int, observed_on: date, body: str, public: bool
) -> Observation:
    """A dated note by an educator of one side on what they saw change in their group."""
    from storyhub.exchanges.life import sides_led

    if group_id not in sides_led(actor, exchange):
        raise DomainError(_("Only the educators of a group of this exchange can note this."))
    body = clean_block(body).strip()
    if not body:
        raise DomainError(_("Write what you observed."))
    if len(body) > MAX_TEXT:
        raise DomainError(_("At most %(max)d characters, please.", max=MAX_TEXT))
    if observed_on > date.today():
        raise DomainError(_("An observation cannot be dated in the future."))
    observation = Observation(
        exchange_id=exchange.id, group_id=group_id, author_id=actor.id,
        observed_on=observed_on, body=body, is_public=public,
    )  # fmt: skip
    db.session.add(observation)
    db.session.commit()
    return observation


def delete_observation(actor: User, observation: Observation) -> None:
    """Its side's educators remove an observation."""
    from storyhub.groups.membership import leads_group

    if not leads_group(actor, observation.group_id):
        raise DomainError(_("Only the educators of this group can remove it."))
    db.session.delete(observation)
    db.session.commit()


def update_statements(actor: User, exchange: Exchange, texts: list[str]) -> None:
    """Educators reword the statements of their exchange, until it starts (a round opens or a
    young person answers): answers are only comparable on the same words."""
    if not manages_impact(actor, exchange):
        raise DomainError(_("Only the educators of this exchange can change its statements."))
    if st.has_started(exchange):
        raise DomainError(_("The exchange has started: its statements can no longer change."))
    texts = [clean_line(text).strip() for text in texts]
    texts = [text for text in texts if text]
    if not texts:
        raise DomainError(_("Keep at least one statement."))
    if len(texts) > st.MAX_STATEMENTS:
        raise DomainError(_("At most %(max)d statements.", max=st.MAX_STATEMENTS))
    if any(len(text) > st.MAX_STATEMENT_LENGTH for text in texts):
        raise DomainError(_("A statement can be at most %(max)d characters long.", max=200))
    current = st.ensure_statements(exchange)
    place = st.PLACE
    for position, text in enumerate(texts):
        if position < len(current):
            statement = current[position]
            if st.statement_text(statement, place) != text:
                statement.key, statement.text = None, text
            statement.position = position
        else:
            db.session.add(Statement(exchange_id=exchange.id, position=position, text=text))
    for statement in current[len(texts) :]:
        db.session.delete(statement)
    db.session.commit()
