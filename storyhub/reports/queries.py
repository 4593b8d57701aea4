"""Reading reports and appeals for the queues (no writes, no request)."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, or_

from storyhub.accounts.models import User
from storyhub.extensions import db
from storyhub.groups.membership import led_group_ids, moderated_group_ids
from storyhub.moderation.models import ModerationEntry
from storyhub.reports.models import APPEAL_OPEN, REPORT_OPEN, Appeal, Report
from storyhub.reports.targets import KINDS, target_type_of

QUEUE_SIZE = 50


@dataclass
class Case:
    """One reported item and its open reports."""

    target_type: str
    target_id: int
    first_at: datetime
    item: object = None
    reports: list[Report] = field(default_factory=list)


def _in_groups(group_ids: set[int] | None):
    if group_ids is None:
        return db.true()
    ids = group_ids or {-1}
    return or_(Report.group_id.in_(ids), Report.other_group_id.in_(ids))


def report_cases(user: User) -> list[Case]:
    """Items with open reports that this user reviews, the longest waiting first."""
    groups = moderated_group_ids(user)
    first = func.min(Report.created_at).label("first_at")
    query = (
        db.select(Report.target_type, Report.target_id, first)
        .where(Report.status == REPORT_OPEN, _in_groups(groups))
        .group_by(Report.target_type, Report.target_id)
        .order_by(first, Report.target_type, Report.target_id)
        .limit(QUEUE_SIZE)
    )
    cases = [Case(t, i, at) for t, i, at in db.session.execute(query)]
    _load_items(cases)
    _load_reports(cases)
    return [case for case in cases if case.item is not None]


def _load_items(cases: list[Case]) -> None:
    for target_type, kind in KINDS.items():
        ids = [c.target_id for c in cases if c.target_type == target_type]
        if not ids:
            continue
        found = {
            o.id: o for o in db.session.scalars(db.select(kind.model).where(kind.model.id.in_(ids)))
        }
        for case in cases:
            if case.target_type == target_type:
                case.item = found.get(case.target_id)


def _load_reports(cases: list[Case]) -> None:
    if not cases:
        return
    keys = {(c.target_type, c.target_id): c for c in cases}
    query = (
        db.select(Report)
        .where(Report.status == REPORT_OPEN, Report.target_id.in_({c.target_id for c in cases}))
        .order_by(Report.created_at, Report.id)
    )
    for report in db.session.scalars(query):
        case = keys.get((report.target_type, report.target_id))
        if case is not None:
            case.reports.append(report)


def open_report_count(user: User, group_ids: set[int] | None) -> int:
    """How many reported items wait for this user (the moderation count)."""
    items = (
        db.select(Report.target_type, Report.target_id)
        .where(Report.status == REPORT_OPEN, _in_groups(group_ids))
        .distinct()
        .subquery()
    )
    return db.session.scalar(db.select(func.count()).select_from(items)) or 0


def recent_decisions(user: User, limit: int = 20) -> list[ModerationEntry]:
    """The latest decisions on the user's groups' content, that an educator may appeal."""
    groups = moderated_group_ids(user)
    if groups is None or not groups:
        return []
    query = (
        db.select(ModerationEntry)
        .where(
            ModerationEntry.group_id.in_(groups),
            ModerationEntry.action.in_(
                ("report_unpublish", "report_correct", "report_suspend", "unpublish", "reject")
            ),
        )
        .order_by(ModerationEntry.created_at.desc(), ModerationEntry.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def open_appeals() -> list[Appeal]:
    """Appeals waiting for the admins, oldest first."""
    query = db.select(Appeal).filter_by(status=APPEAL_OPEN).order_by(Appeal.created_at, Appeal.id)
    return list(db.session.scalars(query))


def open_appeal_for(target_type: str, target_id: int) -> Appeal | None:
    """The appeal still open on this item, if any."""
    query = db.select(Appeal).filter_by(
        target_type=target_type, target_id=target_id, status=APPEAL_OPEN
    )
    return db.session.scalars(query).first()


def is_under_appeal(item) -> bool:
    """An appeal against a decision on this story, comment or media item waits for the admins
    (the APPEAL lifecycle's UNDER_APPEAL phase, seen from the item)."""
    return open_appeal_for(target_type_of(item), item.id) is not None


def appealed_keys(refs) -> set[tuple[str, int]]:
    """Which of these (target type, id) pairs are under appeal, in one query (for lists)."""
    refs = {(kind, int(ident)) for kind, ident in refs}
    if not refs:
        return set()
    query = db.select(Appeal.target_type, Appeal.target_id).where(
        Appeal.status == APPEAL_OPEN, Appeal.target_id.in_({ident for _, ident in refs})
    )
    return {(kind, ident) for kind, ident in db.session.execute(query)} & refs


def appeals_waiting_for(user: User) -> list[tuple[object, object, Appeal]]:
    """(kind, item, appeal) for the content of this educator's groups under appeal, oldest
    first (admins decide them on the appeals page)."""
    groups = led_group_ids(user)
    if not groups:
        return []
    query = (
        db.select(Appeal)
        .where(Appeal.status == APPEAL_OPEN, Appeal.group_id.in_(groups))
        .order_by(Appeal.created_at, Appeal.id)
        .limit(QUEUE_SIZE)
    )
    found = []
    for appeal in db.session.scalars(query):
        item = db.session.get(KINDS[appeal.target_type].model, appeal.target_id)
        if item is not None:
            found.append((KINDS[appeal.target_type], item, appeal))
    return found
