"""The basic facts every permission is built from, defined once: which groups a person belongs
to, which groups they lead, whether they lead a given group, who among a group's educators is
its lead, whether they wrote a story.

A young person belongs to their group; a verified educator belongs to (and leads) the groups in
`group_educator`; an educator waiting for verification leads only the practice groups of their
sandbox (storyhub/sandbox); nobody else belongs anywhere.
Within a request each person's groups are read once (templates ask many times); the answer is
forgotten at every commit, so a request that changes a membership then asks again is right.
"""

from flask import g, has_request_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from storyhub.extensions import db
from storyhub.groups.models import Group, group_educator

_CACHE = "_membership_led_group_ids"


def _read_led_ids(user) -> frozenset[int]:
    query = db.select(group_educator.c.group_id).where(group_educator.c.user_id == user.id)
    if not user.is_verified:  # waiting for verification: their practice groups only
        query = query.join(Group, Group.id == group_educator.c.group_id).where(
            Group.is_sandbox.is_(True)
        )
    return frozenset(db.session.scalars(query))


def led_group_ids(user) -> frozenset[int]:
    """The groups an educator leads (a pending one: their sandbox's practice groups only; empty
    for anyone else), read once per request."""
    if not (user.is_authenticated and user.is_educator):
        return frozenset()
    if not has_request_context():  # a CLI command, a job, a test calling a rule directly
        return _read_led_ids(user)
    cache = g.setdefault(_CACHE, {})
    if user.id not in cache:
        cache[user.id] = _read_led_ids(user)
    return cache[user.id]


def member_group_ids(user) -> frozenset[int]:
    """The groups a person belongs to: a young person's group, the groups an educator leads."""
    if not user.is_authenticated:
        return frozenset()
    if user.is_young:
        return frozenset((user.group_id,)) if user.group_id else frozenset()
    return led_group_ids(user)


def moderated_group_ids(user) -> frozenset[int] | None:
    """Groups whose pieces this user reviews: the groups an educator leads; None = all (admin)."""
    if user.is_authenticated and user.is_admin:
        return None
    return led_group_ids(user)


def leads_group(user, group: "Group | int | None") -> bool:
    """The user is a verified educator of this group (a Group or its id)."""
    group_id = group.id if isinstance(group, Group) else group
    return group_id is not None and group_id in led_group_ids(user)


def lead_id_of(group: Group) -> int | None:
    """The id of the group's lead: the educator named so, else (they left, or were never named)
    the educator of the group who joined it first."""
    query = db.select(group_educator.c.user_id).where(group_educator.c.group_id == group.id)
    if group.lead_id is not None:
        named = query.where(group_educator.c.user_id == group.lead_id)
        if db.session.scalar(named) is not None:
            return group.lead_id
    first = query.order_by(group_educator.c.added_at, group_educator.c.user_id).limit(1)
    return db.session.scalar(first)


def is_lead(user, group: Group) -> bool:
    """The user is a verified educator of the group and its lead."""
    return leads_group(user, group) and lead_id_of(group) == user.id


def drop_educator_unless_last(group: Group, user) -> bool:
    """Take user off the group's educators in one statement that never removes the last one
    (the group's row is locked first: two leaving at once cannot both be 'not the last');
    False when nothing was removed. The caller commits."""
    db.session.execute(db.select(Group.id).where(Group.id == group.id).with_for_update())
    others = (
        db.select(db.func.count())
        .select_from(group_educator)
        .where(group_educator.c.group_id == group.id, group_educator.c.user_id != user.id)
        .scalar_subquery()
    )
    removed = db.session.execute(
        db.delete(group_educator).where(
            group_educator.c.group_id == group.id,
            group_educator.c.user_id == user.id,
            others > 0,
        )
    ).rowcount
    return removed == 1


def is_author(user, story) -> bool:
    """The person who started the story, or one of its co-authors."""
    return user.is_authenticated and (
        story.created_by_id == user.id or any(a.id == user.id for a in story.authors)
    )


@event.listens_for(Session, "after_commit")
def _forget_after_commit(session) -> None:
    """A commit may have changed who leads what: read it again on the next question."""
    if has_request_context():
        g.pop(_CACHE, None)
