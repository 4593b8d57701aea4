"""A young person's engagement trail ("my journey"): the stories they wrote or co-wrote, the
reactions and answers they gave, the before/after sets and reflections they wrote, as one
timeline. Private to them and their group's educators; never public, never a ranking.
Reads only: one bounded query per kind of step."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from storyhub.accounts.models import User
from storyhub.exchanges.models import Round
from storyhub.extensions import db
from storyhub.groups.membership import leads_group
from storyhub.impact.models import AnswerSet
from storyhub.responses.models import Comment, Reaction
from storyhub.stories.models import Story
from storyhub.stories.permissions import authored_story_clause

PER_KIND = 50
KIND_LABELS = {
    "story": _l("Story"),
    "reaction": _l("Reaction"),
    "comment": _l("Comment or answer"),
    "before": _l("Before the exchange"),
    "after": _l("After a round"),
    "reflection": _l("What changed for me"),
}


@dataclass
class Step:
    """One dated step of the trail."""

    when: datetime
    kind: str
    text: str
    exchange: str
    link: str = ""


def can_view_journey(user: User, person: User) -> bool:
    """The young person themself and the educators of their group."""
    if not (user.is_authenticated and person.is_young):
        return False
    return user.id == person.id or leads_group(user, person.group_id)


def _stories(person: User) -> list[Step]:
    query = (
        db.select(Story)
        .where(authored_story_clause(person))
        .options(joinedload(Story.round).joinedload(Round.exchange))
        .order_by(Story.created_at.desc())
        .limit(PER_KIND)
    )
    return [
        Step(s.created_at, "story", s.title, s.round.exchange.title, f"/stories/{s.id}")
        for s in db.session.scalars(query)
    ]


def _reactions(person: User) -> list[Step]:
    return _things_said_on_stories(Reaction, Reaction.user_id, person, "reaction")


def _comments(person: User) -> list[Step]:
    return _things_said_on_stories(Comment, Comment.author_id, person, "comment")


def _things_said_on_stories(model, said_by, person: User, kind: str) -> list[Step]:
    """The person's latest reactions or comments, each with the story it was said on."""
    query = (
        db.select(model, Story)
        .join(Story, Story.id == model.story_id)
        .where(said_by == person.id)
        .options(joinedload(Story.round).joinedload(Round.exchange))
        .order_by(model.created_at.desc())
        .limit(PER_KIND)
    )
    return [
        Step(said.created_at, kind, s.title, s.round.exchange.title, f"/stories/{s.id}")
        for said, s in db.session.execute(query)
    ]


def _answers(person: User) -> list[Step]:
    query = (
        db.select(AnswerSet)
        .where(AnswerSet.user_id == person.id)
        .options(joinedload(AnswerSet.reflection), joinedload(AnswerSet.exchange))
        .order_by(AnswerSet.created_at.desc())
        .limit(PER_KIND)
    )
    steps = []
    for answer_set in db.session.scalars(query):
        title = answer_set.exchange.title
        link = f"/exchanges/{answer_set.exchange_id}/impact/mine"
        steps.append(Step(answer_set.created_at, answer_set.phase, "", title, link))
        reflection = answer_set.reflection
        if reflection is not None and reflection.body:
            steps.append(Step(reflection.created_at, "reflection", reflection.body, title, link))
    return steps


def journey_of(person: User) -> list[Step]:
    """The person's steps, newest first (at most PER_KIND of each kind)."""
    steps = _stories(person) + _reactions(person) + _comments(person) + _answers(person)
    return sorted(steps, key=lambda step: step.when, reverse=True)
