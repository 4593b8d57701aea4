"""Who may see and manage a group."""

from storyhub.accounts.models import User
from storyhub.groups.membership import leads_group, member_group_ids
from storyhub.groups.models import Group


def can_manage_group(user: User, group: Group) -> bool:
    """Educators of the group (verified) and admins manage it: roster, codes, consent."""
    if not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    return leads_group(user, group)


def can_view_group(user: User, group: Group) -> bool:
    """Members see their own group's page; managers see it too."""
    if not user.is_authenticated:
        return False
    return can_manage_group(user, group) or group.id in member_group_ids(user)
