"""Reading the impact area: change stories shown on the impact page, observations, the
reflections an educator reads, a young person's own answers. Reads only."""

from sqlalchemy.orm import joinedload

from storyhub.accounts.models import User
from storyhub.exchanges.models import Exchange, Round
from storyhub.extensions import db
from storyhub.groups.membership import led_group_ids
from storyhub.impact.models import (
    REFLECTION_SUBMITTED,
    AnswerSet,
    Observation,
    Reflection,
)
from storyhub.impact.permissions import shown_reflection_clause

CHANGE_STORY_LIMIT = 60


def change_stories(exchange: Exchange, public: bool) -> list[Reflection]:
    """The selected reflections that are shared and approved (and whose writer's consent covers
    where they are read), both sides together, the latest selected first; one query."""
    query = (
        db.select(Reflection)
        .where(Reflection.exchange_id == exchange.id, Reflection.selected_at.is_not(None))
        .where(shown_reflection_clause(public))
        .options(joinedload(Reflection.author), joinedload(Reflection.group))
        .order_by(Reflection.selected_at.desc(), Reflection.id.desc())
        .limit(CHANGE_STORY_LIMIT)
    )
    return list(db.session.scalars(query))


def observations(exchange: Exchange, include_private: bool) -> list[Observation]:
    """The educators' observations, newest first: public ones only unless asked."""
    query = (
        db.select(Observation)
        .filter_by(exchange_id=exchange.id)
        .options(joinedload(Observation.group))
        .order_by(Observation.observed_on.desc(), Observation.id.desc())
        .limit(CHANGE_STORY_LIMIT)
    )
    if not include_private:
        query = query.where(Observation.is_public.is_(True))
    return list(db.session.scalars(query))


def reflections_to_read(user: User, exchange: Exchange) -> list[Reflection]:
    """Every written reflection of the educator's own side(s), waiting ones first."""
    groups = led_group_ids(user) & set(exchange.group_ids)
    if not groups:
        return []
    waiting_first = db.case((Reflection.status == REFLECTION_SUBMITTED, 0), else_=1)
    query = (
        db.select(Reflection)
        .where(Reflection.exchange_id == exchange.id, Reflection.group_id.in_(groups))
        .where(Reflection.body != "")
        .options(joinedload(Reflection.author), joinedload(Reflection.answer_set))
        .order_by(waiting_first, Reflection.created_at.desc(), Reflection.id.desc())
    )
    return list(db.session.scalars(query))


def my_answer_sets(user: User, exchange: Exchange) -> dict[str, AnswerSet]:
    """{moment: answer set} of a young person in this exchange."""
    query = (
        db.select(AnswerSet)
        .filter_by(exchange_id=exchange.id, user_id=user.id)
        .options(joinedload(AnswerSet.reflection))
    )
    return {answer_set.moment: answer_set for answer_set in db.session.scalars(query)}


def closed_rounds(exchange: Exchange, now=None) -> list[Round]:
    """The exchange's rounds whose deadline has passed (each opens an after set)."""
    return [round_ for round_ in exchange.rounds if round_.is_over(now)]


def waiting_reflections(group_ids) -> list[Reflection]:
    """Shared reflections waiting for the review of these groups, oldest first."""
    if not group_ids:
        return []
    query = (
        db.select(Reflection)
        .where(Reflection.status == REFLECTION_SUBMITTED, Reflection.group_id.in_(group_ids))
        .options(joinedload(Reflection.author), joinedload(Reflection.exchange))
        .order_by(Reflection.submitted_at, Reflection.id)
        .limit(50)
    )
    return list(db.session.scalars(query))


def roster(exchange: Exchange, user: User) -> list[tuple[User, dict[str, AnswerSet]]]:
    """The young people of the educator's side(s) and which sets each answered; two queries."""
    groups = led_group_ids(user) & set(exchange.group_ids)
    if not groups:
        return []
    members = db.select(User).where(User.role == "young", User.group_id.in_(groups))
    people = list(db.session.scalars(members.order_by(User.display_name, User.id)))
    sets = db.select(AnswerSet).where(
        AnswerSet.exchange_id == exchange.id, AnswerSet.group_id.in_(groups)
    )
    by_user: dict[int, dict[str, AnswerSet]] = {}
    for answer_set in db.session.scalars(sets.options(joinedload(AnswerSet.reflection))):
        by_user.setdefault(answer_set.user_id, {})[answer_set.moment] = answer_set
    return [(person, by_user.get(person.id, {})) for person in people]
