"""A "my data" ZIP prepared in the background for a large account, and how far it has got."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storyhub.core.models import TimestampMixin
from storyhub.extensions import db

EXPORT_QUEUED = "queued"
EXPORT_BUILDING = "building"
EXPORT_READY = "ready"
EXPORT_FAILED = "failed"


class DataExport(TimestampMixin, db.Model):
    """One export of one person's data; its ZIP is kept privately under storage_key."""

    __tablename__ = "data_export"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default=EXPORT_QUEUED)
    done: Mapped[int] = mapped_column(Integer, default=0)  # media files written so far
    total: Mapped[int] = mapped_column(Integer, default=0)
    storage_key: Mapped[str | None] = mapped_column(String(160))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user = relationship("User", foreign_keys=[user_id])

    @property
    def is_ready(self) -> bool:
        """The ZIP can be downloaded."""
        return self.status == EXPORT_READY and bool(self.storage_key)

    @property
    def has_failed(self) -> bool:
        """Building the ZIP failed (templates ask this, not the status string)."""
        return self.status == EXPORT_FAILED
