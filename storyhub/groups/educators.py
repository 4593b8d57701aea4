"""A group's educators after the invitation: the lead removes a co-educator or hands the lead
over, a co-educator leaves; the group never ends up without an educator."""

from flask_babel import gettext as _

from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.groups.membership import drop_educator_unless_last, lead_id_of, leads_group
from storyhub.groups.models import Group
from storyhub.groups.permissions import can_lead_group, can_leave_group, can_remove_educator


def _group_path(group: Group) -> str:
    return f"/groups/{group.id}"


def _drop(group: Group, educator: User) -> None:
    """Take educator off the group; never the last one."""
    if not drop_educator_unless_last(group, educator):
        db.session.rollback()
        raise DomainError(
            _("You are the last educator of this group: it cannot be left without one.")
        )
    db.session.expire(group, ["educators"])


def remove_co_educator(group: Group, actor: User, educator: User) -> None:
    """The lead takes a co-educator off the group; they are told."""
    from storyhub.notifications.services import notify

    if not can_remove_educator(actor, group, educator):
        raise DomainError(_("Only the lead of the group can remove a co-educator."))
    _drop(group, educator)
    notify(
        [educator],
        "co_educator_removed",
        link="/dashboard",
        by=actor.display_name,
        group=group.name,
    )
    db.session.commit()


def hand_over_lead(group: Group, actor: User, educator: User) -> None:
    """The lead makes another educator of the group the lead; the new lead is told."""
    from storyhub.notifications.services import notify

    if not can_lead_group(actor, group):
        raise DomainError(_("Only the lead of the group can hand the lead over."))
    if not leads_group(educator, group) or educator.id == lead_id_of(group):
        raise DomainError(_("Choose another educator of this group."))
    group.lead_id = educator.id
    notify(
        [educator], "lead_handed_over", _group_path(group), by=actor.display_name, group=group.name
    )
    db.session.commit()


def leave_group(group: Group, educator: User) -> None:
    """A co-educator stops leading the group; the other educators are told."""
    from storyhub.notifications.services import notify

    if not leads_group(educator, group):
        raise DomainError(_("You are not an educator of this group."))
    others = [e for e in group.educators if e.id != educator.id]
    if not others:
        raise DomainError(
            _("You are the last educator of this group: it cannot be left without one.")
        )
    if not can_leave_group(educator, group):
        raise DomainError(_("You lead this group: hand the lead over to another educator first."))
    _drop(group, educator)
    notify(
        others, "co_educator_left", _group_path(group), name=educator.display_name, group=group.name
    )
    db.session.commit()
