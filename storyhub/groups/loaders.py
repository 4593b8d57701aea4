"""Load a group or one of its members for a page, or answer 404/403: used by the group pages
and by the consent pages (which live in the consent package, above groups)."""

from flask import abort
from flask_login import current_user

from storyhub.accounts.models import User
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.groups.permissions import can_manage_group, can_view_group


def get_group(group_id: int, manage: bool = True) -> Group:
    """Load a group or 404; 403 unless the user may manage it (or view it when manage=False)."""
    group = db.session.get(Group, group_id) or abort(404)
    allowed = (
        can_manage_group(current_user, group) if manage else can_view_group(current_user, group)
    )
    if not allowed:
        abort(403)
    return group


def get_member(group: Group, user_id: int) -> User:
    """A young person of this group, or 404."""
    user = db.session.get(User, user_id)
    if user is None or not user.is_young or user.group_id != group.id:
        abort(404)
    return user
