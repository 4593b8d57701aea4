"""Who may act on a young person's data for them: the educators of their group (and admins).

A person acts on their own data from /account/data only; the member pages are the educators'.
"""

from storyhub.accounts.models import User
from storyhub.groups.models import Group
from storyhub.groups.permissions import can_manage_group


def is_member(person: User, group: Group) -> bool:
    """person is a young person of this group."""
    return person.is_young and person.group_id == group.id


def can_act_for_member(actor: User, person: User) -> bool:
    """Export, rename or delete a young person's account for them: their group's educators."""
    if not actor.is_authenticated or actor.id == person.id:
        return False
    group = person.group
    return group is not None and is_member(person, group) and can_manage_group(actor, group)
