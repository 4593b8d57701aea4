"""The figures of an exchange's impact, each read by one aggregate query (never a query per
person or per story): reciprocity per side and per round, participation, before/after means.

A queries module: it reads, never writes, never touches the request.
"""

from dataclasses import dataclass, field

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased

from storyhub.accounts.models import ROLE_YOUNG, User
from storyhub.exchanges.models import Exchange, Round
from storyhub.extensions import db
from storyhub.impact.models import (
    PHASE_AFTER,
    PHASE_BEFORE,
    REFLECTION_APPROVED,
    REFLECTION_SUBMITTED,
    AnswerSet,
    Reflection,
    ScaleAnswer,
)
from storyhub.responses.models import COMMENT_APPROVED, Comment, Reaction
from storyhub.stories.models import STATUS_APPROVED, Story

MIN_COMPLETE = 5  # below this many young people who answered both sets, no chart is shown


@dataclass
class Side:
    """What one side gave: stories, reactions, questions asked and questions answered."""

    stories: int = 0
    reactions: int = 0
    questions: int = 0
    answered: int = 0
    unanswered: int = 0  # questions asked to this side still waiting for an answer

    @property
    def total(self) -> int:
        """Everything this side sent to the other."""
        return self.stories + self.reactions + self.questions + self.answered


@dataclass
class Reciprocity:
    """Per side (group id) overall, and per round."""

    sides: dict[int, Side] = field(default_factory=dict)
    rounds: dict[int, dict[int, Side]] = field(default_factory=dict)

    def side(self, group_id: int, round_id: int | None = None) -> Side:
        """The figures of one side, overall or in one round."""
        table = self.sides if round_id is None else self.rounds.get(round_id, {})
        return table.get(group_id, Side())

    def share(self, group_id: int) -> int:
        """This side's share of everything exchanged, in percent (50 when nothing yet)."""
        total = sum(side.total for side in self.sides.values())
        return 50 if not total else round(100 * self.side(group_id).total / total)


def _add(result: Reciprocity, exchange: Exchange, round_id, group_id, name, count) -> None:
    for table in (result.sides, result.rounds.setdefault(round_id, {})):
        side = table.setdefault(group_id, Side())
        setattr(side, name, getattr(side, name) + count)


def reciprocity(exchange: Exchange) -> Reciprocity:
    """How much went each way: published stories, reactions and questions given to the other
    side's stories, and answers given to questions; three aggregate queries."""
    result = Reciprocity()
    in_exchange = select(Round.id).where(Round.exchange_id == exchange.id)
    published = and_(Story.status == STATUS_APPROVED, Story.hidden_at.is_(None))
    stories = (
        select(Story.round_id, Story.group_id, func.count())
        .where(Story.round_id.in_(in_exchange), published)
        .group_by(Story.round_id, Story.group_id)
    )
    for round_id, group_id, count in db.session.execute(stories):
        _add(result, exchange, round_id, group_id, "stories", count)
    is_question = case((Reaction.kind == "question", 1), else_=0)
    reactions = (
        select(Story.round_id, Story.group_id, func.count(), func.sum(is_question))
        .join(Story, Story.id == Reaction.story_id)
        .where(Story.round_id.in_(in_exchange), published)
        .group_by(Story.round_id, Story.group_id)
    )
    for round_id, story_side, count, questions in db.session.execute(reactions):
        giver = exchange.twin_of(story_side).id
        _add(result, exchange, round_id, giver, "reactions", count - (questions or 0))
        _add(result, exchange, round_id, giver, "questions", questions or 0)
    _comment_figures(result, exchange, in_exchange, published)
    return result


def _comment_figures(result: Reciprocity, exchange: Exchange, in_exchange, published) -> None:
    answer = aliased(Comment)
    answered = (
        select(answer.id)
        .where(answer.parent_id == Comment.id, answer.status == COMMENT_APPROVED)
        .where(answer.hidden_at.is_(None))
        .exists()
    )
    query = (
        select(
            Story.round_id, Comment.group_id, func.count(), func.sum(case((answered, 1), else_=0))
        )
        .join(Story, Story.id == Comment.story_id)
        .where(Story.round_id.in_(in_exchange), published, Comment.parent_id.is_(None))
        .where(Comment.status == COMMENT_APPROVED, Comment.hidden_at.is_(None))
        .group_by(Story.round_id, Comment.group_id)
    )
    for round_id, asker, count, done in db.session.execute(query):
        if asker not in exchange.group_ids:
            continue
        other = exchange.twin_of(asker).id
        _add(result, exchange, round_id, asker, "questions", count)
        _add(result, exchange, round_id, other, "answered", done or 0)
        _add(result, exchange, round_id, other, "unanswered", count - (done or 0))


@dataclass
class Participation:
    """Per side: young members, answered before / after / both, reflections written and shared."""

    members: dict[int, int] = field(default_factory=dict)
    before: dict[int, int] = field(default_factory=dict)
    after: dict[int, int] = field(default_factory=dict)
    both: dict[int, int] = field(default_factory=dict)
    reflections: dict[int, int] = field(default_factory=dict)
    published: dict[int, int] = field(default_factory=dict)
    waiting: dict[int, int] = field(default_factory=dict)

    def total(self, name: str) -> int:
        """Both sides together."""
        return sum(getattr(self, name).values())


def participation(exchange: Exchange) -> Participation:
    """The participation figures of both sides, in four aggregate queries."""
    result = Participation()
    sides = exchange.group_ids
    members = (
        select(User.group_id, func.count())
        .where(User.role == ROLE_YOUNG, User.group_id.in_(sides))
        .group_by(User.group_id)
    )
    result.members = dict(db.session.execute(members).all())
    phases = (
        select(AnswerSet.group_id, AnswerSet.phase, func.count(func.distinct(AnswerSet.user_id)))
        .where(AnswerSet.exchange_id == exchange.id)
        .group_by(AnswerSet.group_id, AnswerSet.phase)
    )
    for group_id, phase, count in db.session.execute(phases):
        (result.before if phase == PHASE_BEFORE else result.after)[group_id] = count
    result.both = dict(db.session.execute(_both_query(exchange)).all())
    reflections = (
        select(Reflection.group_id, Reflection.status, func.count())
        .where(Reflection.exchange_id == exchange.id, Reflection.body != "")
        .group_by(Reflection.group_id, Reflection.status)
    )
    for group_id, status, count in db.session.execute(reflections):
        result.reflections[group_id] = result.reflections.get(group_id, 0) + count
        if status == REFLECTION_APPROVED:
            result.published[group_id] = count
        elif status == REFLECTION_SUBMITTED:
            result.waiting[group_id] = count
    return result


def _complete_people(exchange: Exchange):
    """SQL: (user id, group id) of the young people who answered a before and an after set."""
    return (
        select(AnswerSet.user_id, AnswerSet.group_id)
        .where(AnswerSet.exchange_id == exchange.id)
        .group_by(AnswerSet.user_id, AnswerSet.group_id)
        .having(func.count(func.distinct(AnswerSet.phase)) == 2)
    )


def _both_query(exchange: Exchange):
    people = _complete_people(exchange).subquery()
    return select(people.c.group_id, func.count()).group_by(people.c.group_id)


@dataclass
class Shift:
    """One statement's mean before and after, over the young people who answered both."""

    statement_id: int
    before: float
    after: float
    count: int

    @property
    def change(self) -> float:
        """After minus before."""
        return self.after - self.before


def shifts(exchange: Exchange) -> dict[int, Shift]:
    """{statement id: Shift}, each person's before set against their latest after set; one query.

    Only means leave this function: never one person's answer.
    """
    latest_after = (
        select(AnswerSet.user_id, func.max(AnswerSet.id).label("set_id"))
        .where(AnswerSet.exchange_id == exchange.id, AnswerSet.phase == PHASE_AFTER)
        .group_by(AnswerSet.user_id)
        .subquery()
    )
    before_set = aliased(AnswerSet)
    before, after = aliased(ScaleAnswer), aliased(ScaleAnswer)
    query = (
        select(
            before.statement_id,
            func.avg(before.value),
            func.avg(after.value),
            func.count(func.distinct(before_set.user_id)),
        )
        .select_from(before_set)
        .join(before, before.answer_set_id == before_set.id)
        .join(latest_after, latest_after.c.user_id == before_set.user_id)
        .join(
            after,
            and_(
                after.answer_set_id == latest_after.c.set_id,
                after.statement_id == before.statement_id,
            ),
        )
        .where(before_set.exchange_id == exchange.id, before_set.phase == PHASE_BEFORE)
        .group_by(before.statement_id)
    )
    return {
        statement_id: Shift(statement_id, float(mean_before), float(mean_after), count)
        for statement_id, mean_before, mean_after, count in db.session.execute(query)
    }


def complete_count(exchange: Exchange) -> int:
    """How many young people answered both a before and an after set."""
    people = _complete_people(exchange).subquery()
    return db.session.scalar(select(func.count()).select_from(people)) or 0
