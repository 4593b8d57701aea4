"""Who reviews reports on an item, who appeals a decision, who decides appeals."""

from storyhub.accounts.models import User
from storyhub.extensions import db
from storyhub.groups.membership import leads_group
from storyhub.groups.models import Group
from storyhub.reports.models import TARGET_EXCHANGE
from storyhub.reports.targets import KINDS, target_type_of


def can_review_item(user: User, item) -> bool:
    """The educators of the groups concerned and the admins decide on a reported item."""
    if not user.is_authenticated:
        return False
    groups = KINDS[target_type_of(item)].groups(item)
    return user.is_admin or any(leads_group(user, group_id) for group_id in groups)


def can_use_report_queue(user: User) -> bool:
    """Verified educators and admins have a report queue."""
    return user.is_authenticated and (user.is_admin or (user.is_educator and user.is_verified))


def can_appeal(user: User, item) -> bool:
    """An educator of the item's group asks the admins to look again at a decision on it; so
    does its young writer, for the kinds that say so while the decision stands (a reflection
    not published or unpublished). Never an exchange."""
    if not user.is_authenticated:
        return False
    target_type = target_type_of(item)
    if target_type == TARGET_EXCHANGE:
        return False
    kind = KINDS[target_type]
    if leads_group(user, kind.groups(item)[0]):
        return True
    writers = kind.authors(item) if kind.writer_appeals is not None else []
    return any(w.id == user.id for w in writers) and kind.writer_appeals(item)


def can_decide_appeal(user: User) -> bool:
    """Appeals go to the platform admins."""
    return user.is_authenticated and user.is_admin


def educators_of(*group_ids: int | None) -> list[User]:
    """The educators of these groups (each once)."""
    ids = {g for g in group_ids if g is not None}
    if not ids:
        return []
    groups = db.session.scalars(db.select(Group).where(Group.id.in_(ids)))
    people = {}
    for group in groups:
        for educator in group.educators:
            people[educator.id] = educator
    return list(people.values())
