"""Accounts of young people unused for RETENTION_INACTIVE_DAYS are deleted by `flask purge`,
after their educators were told RETENTION_INACTIVE_NOTICE_DAYS before (a sign-in in between
cancels it). Deletion is the rights module's: the name leaves every surface."""

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import format_date
from sqlalchemy import func, select

from storyhub.accounts.models import ROLE_YOUNG, User
from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.notifications.services import notify


def _last_used():
    return func.coalesce(User.last_login_at, User.created_at)


def _days(name: str) -> timedelta:
    return timedelta(days=current_app.config[name])


def accounts_to_warn(now: datetime) -> list[User]:
    """Young people unused for the period minus the notice, whose educators were not told."""
    cutoff = now - (_days("RETENTION_INACTIVE_DAYS") - _days("RETENTION_INACTIVE_NOTICE_DAYS"))
    query = select(User).where(
        User.role == ROLE_YOUNG,
        User.group_id.is_not(None),
        User.group_id.not_in(select(Group.id).where(Group.is_sandbox.is_(True))),  # fictitious
        User.inactivity_notice_at.is_(None),
        _last_used() < cutoff,
    )
    return list(db.session.scalars(query.order_by(User.id)))


def warn_educators(users: list[User]) -> None:
    """Tell each one's educators the date of deletion; remember it was said."""
    now = utcnow()
    for user in users:
        when = now + _days("RETENTION_INACTIVE_NOTICE_DAYS")
        notify(
            user.group.educators,
            "account_inactive",
            "",
            name=user.display_name,
            date=format_date(when),
        )
        user.inactivity_notice_at = now
    db.session.commit()


def accounts_to_delete(now: datetime) -> list[User]:
    """Young people unused for the whole period whose educators were told long enough ago."""
    query = select(User).where(
        User.role == ROLE_YOUNG,
        User.inactivity_notice_at.is_not(None),
        User.inactivity_notice_at < now - _days("RETENTION_INACTIVE_NOTICE_DAYS"),
        _last_used() < now - _days("RETENTION_INACTIVE_DAYS"),
    )
    return list(db.session.scalars(query.order_by(User.id)))


def delete_accounts(users: list[User]) -> None:
    """Delete each account as "My data" does: the name leaves every surface."""
    from storyhub.rights.erasure import erase_account

    for user in users:
        erase_account(user, None)
