"""Model mixins shared by every domain."""

from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.orm import Mapped, mapped_column


def utcnow() -> datetime:
    """Aware UTC now, for defaults."""
    return datetime.now(UTC)


class TimestampMixin:
    """created_at set on insert."""

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
