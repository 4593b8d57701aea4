"""Who may see and manage a group."""

from storyhub.accounts.models import User
from storyhub.groups.membership import is_lead, lead_id_of, leads_group, member_group_ids
from storyhub.groups.models import Group


def can_manage_group(user: User, group: Group) -> bool:
    """Educators of the group (verified) and admins manage it: roster, codes, consent. Nobody
    manages a sandbox's practice group: its young people are fictitious, it has no code, and no
    real person may be added to it (storyhub/sandbox)."""
    if not user.is_authenticated or group.is_sandbox:
        return False
    if user.is_admin:
        return True
    return leads_group(user, group)


def can_view_group(user: User, group: Group) -> bool:
    """Members see their own group's page; managers see it too."""
    if not user.is_authenticated:
        return False
    return can_manage_group(user, group) or group.id in member_group_ids(user)


def can_lead_group(user: User, group: Group) -> bool:
    """The group's lead (and admins) invite and remove co-educators and hand the lead over
    (never in a sandbox's practice group: no real person joins it)."""
    if not user.is_authenticated or group.is_sandbox:
        return False
    return user.is_admin or is_lead(user, group)


def can_remove_educator(user: User, group: Group, educator: User) -> bool:
    """The lead removes a co-educator; the lead themself is never removed (they hand over)."""
    return (
        can_lead_group(user, group)
        and educator.id != lead_id_of(group)
        and leads_group(educator, group)
    )


def can_leave_group(user: User, group: Group) -> bool:
    """A co-educator leaves; the lead hands over first; the last educator never leaves."""
    return leads_group(user, group) and lead_id_of(group) != user.id
