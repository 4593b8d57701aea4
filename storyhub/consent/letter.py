"""The printable parental consent letter: what is filled in for one young person, and in which
language (French or English, whatever the interface language)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select

from storyhub.accounts.models import User
from storyhub.exchanges.models import STATUS_ACTIVE, STATUS_CLOSED, STATUS_INVITED, Exchange
from storyhub.extensions import db
from storyhub.groups.models import Group

LETTER_LANGUAGES = ("fr", "en")


@dataclass
class Twinning:
    """One exchange of the group, as the letter names it."""

    title: str
    twin_group: str
    twin_place: str


@dataclass
class Letter:
    """Everything the letter prints."""

    group: Group
    member: User
    educators: list[str]
    exchanges: list[Twinning]
    reference: str
    today: date


def letter_reference(group: Group, member: User, today: date) -> str:
    """A reference to write on the form and type back when recording it (group, person, day)."""
    return f"SH-{group.id}-{member.id}-{today:%Y%m%d}"


def group_exchanges(group: Group) -> list[Twinning]:
    """The group's exchanges proposed, under way or finished, oldest first."""
    query = (
        select(Exchange)
        .where(
            or_(Exchange.inviting_group_id == group.id, Exchange.invited_group_id == group.id),
            Exchange.status.in_((STATUS_INVITED, STATUS_ACTIVE, STATUS_CLOSED)),
        )
        .order_by(Exchange.id)
    )
    found = []
    for exchange in db.session.scalars(query):
        twin = exchange.twin_of(group.id)
        found.append(Twinning(exchange.title, twin.name, twin.territory.name))
    return found


def build_letter(group: Group, member: User, today: date) -> Letter:
    """The letter of one young person of the group."""
    return Letter(
        group=group,
        member=member,
        educators=[e.display_name for e in group.educators],
        exchanges=group_exchanges(group),
        reference=letter_reference(group, member, today),
        today=today,
    )
