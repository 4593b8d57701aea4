"""Read-only queries of the exchanges area: the twin finder, my exchanges, the two keys."""

from dataclasses import dataclass

from sqlalchemy import literal, or_

from storyhub.accounts.models import User
from storyhub.exchanges.models import (
    STATUS_ACTIVE,
    STATUS_CLOSED,
    STATUS_DECLINED,
    STATUS_INVITED,
    STATUS_WITHDRAWN,
    Exchange,
    group_theme,
)
from storyhub.extensions import db
from storyhub.groups.membership import member_group_ids
from storyhub.groups.models import Group
from storyhub.territories.models import STATUS_APPROVED, Territory

PER_PAGE = 12
MAX_PAGE = 10_000


@dataclass
class TwinFilters:
    """What the educator looks for in a twin group; None means any."""

    territory_id: int | None = None
    country: str | None = None
    language: str | None = None
    age_from: int | None = None
    age_to: int | None = None
    theme_id: int | None = None


def _open_groups(user: User):
    """Groups open to twinning, in approved territories, that the user does not lead."""
    query = (
        db.select(Group)
        .join(Territory, Group.territory_id == Territory.id)
        .where(
            Group.open_to_twinning.is_(True),
            Group.is_sandbox.is_(False),
            Territory.status == STATUS_APPROVED,
        )
    )
    own = member_group_ids(user)
    if own:
        query = query.where(Group.id.not_in(own))
    return query


def twin_candidates(user: User, filters: TwinFilters, page: int = 1):
    """One page of open groups matching every filter given (they combine)."""
    query = _open_groups(user).options(db.joinedload(Group.territory))
    if filters.territory_id is not None:
        query = query.where(Group.territory_id == filters.territory_id)
    if filters.country:
        query = query.where(Territory.country == filters.country)
    if filters.language:
        padded = literal(",") + Group.languages + literal(",")
        query = query.where(padded.like(f"%,{filters.language},%"))
    if filters.age_from is not None:
        query = query.where(Group.age_max >= filters.age_from)
    if filters.age_to is not None:
        query = query.where(Group.age_min <= filters.age_to)
    if filters.theme_id is not None:
        themed = db.select(group_theme.c.group_id).where(group_theme.c.theme_id == filters.theme_id)
        query = query.where(Group.id.in_(themed))
    query = query.order_by(Territory.country, Territory.name, Group.name, Group.id)
    page = min(max(page, 1), MAX_PAGE)
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def finder_territories(user: User) -> list[Territory]:
    """Territories where at least one group is open to twinning (for the filter)."""
    ids = _open_groups(user).with_only_columns(Group.territory_id).distinct()
    query = db.select(Territory).where(Territory.id.in_(ids)).order_by(Territory.name)
    return list(db.session.scalars(query))


def my_exchanges(user: User) -> dict[str, list[Exchange]]:
    """The exchanges of the user's groups (every exchange for admins), grouped for the list;
    never a practice exchange (its page is storyhub/sandbox's)."""
    query = db.select(Exchange).where(Exchange.is_sandbox.is_(False)).options(
        db.joinedload(Exchange.inviting_group).joinedload(Group.territory),
        db.joinedload(Exchange.invited_group).joinedload(Group.territory),
    )
    groups = member_group_ids(user)
    if not user.is_admin:
        if not groups:
            return _grouped([], groups)
        query = query.where(
            or_(Exchange.inviting_group_id.in_(groups), Exchange.invited_group_id.in_(groups))
        )
    if user.is_young:
        query = query.where(Exchange.status.in_((STATUS_ACTIVE, STATUS_CLOSED)))
    query = query.order_by(Exchange.created_at.desc(), Exchange.id.desc())
    return _grouped(list(db.session.scalars(query).unique()), groups)


def _grouped(exchanges: list[Exchange], groups: set[int]) -> dict[str, list[Exchange]]:
    result: dict[str, list[Exchange]] = {
        "to_answer": [],
        "sent": [],
        "active": [],
        "closed": [],
        "declined": [],
        "withdrawn": [],
    }
    for exchange in exchanges:
        if exchange.status == STATUS_INVITED:
            key = "to_answer" if exchange.invited_group_id in groups else "sent"
        else:
            key = {
                STATUS_ACTIVE: "active",
                STATUS_CLOSED: "closed",
                STATUS_DECLINED: "declined",
                STATUS_WITHDRAWN: "withdrawn",
            }[exchange.status]
        result[key].append(exchange)
    return result


def publication_state(exchange: Exchange) -> list[dict]:
    """For each side, A then B: its group, when its key was turned and by whom."""
    sides = [
        (
            exchange.inviting_group,
            exchange.inviting_published_at,
            exchange.inviting_published_by_id,
        ),
        (exchange.invited_group, exchange.invited_published_at, exchange.invited_published_by_id),
    ]
    ids = {by for _group, _at, by in sides if by}
    people = (
        {user.id: user for user in db.session.scalars(db.select(User).where(User.id.in_(ids)))}
        if ids
        else {}
    )
    return [{"group": group, "at": at, "by": people.get(by)} for group, at, by in sides]
