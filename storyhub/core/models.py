"""Model mixins shared by every domain."""

from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.orm import Mapped, mapped_column

from storyhub.extensions import db

MAX_ID = 2**31 - 1  # the integer id columns' range


def utcnow() -> datetime:
    """Aware UTC now, for defaults."""
    return datetime.now(UTC)


def load(model, object_id: int):
    """A row by id, or None (ids beyond the integer column's range too)."""
    return db.session.get(model, object_id) if 0 < object_id <= MAX_ID else None


class TimestampMixin:
    """created_at set on insert."""

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
