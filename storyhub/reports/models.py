"""A report of a problem on a story, comment, media item, exchange or shared reflection; an
appeal to the admins."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storyhub.core.models import TimestampMixin
from storyhub.extensions import db

TARGET_STORY = "story"
TARGET_COMMENT = "comment"
TARGET_MEDIA = "media"
TARGET_EXCHANGE = "exchange"
TARGET_REFLECTION = "reflection"  # a shared "what changed for me" (storyhub/impact)
TARGET_TYPES = (TARGET_STORY, TARGET_COMMENT, TARGET_MEDIA, TARGET_EXCHANGE, TARGET_REFLECTION)

REASON_CHILD_DATA = "child_data"
REASON_BULLYING = "bullying"
REASON_STRANGER = "stranger"
REASON_UNSUITABLE = "unsuitable"
REASON_COPYRIGHT = "copyright"
REASON_OTHER = "other"
REASONS = (
    REASON_CHILD_DATA,
    REASON_BULLYING,
    REASON_STRANGER,
    REASON_UNSUITABLE,
    REASON_COPYRIGHT,
    REASON_OTHER,
)
# One report with these reasons hides the item until someone has reviewed it.
INSTANT_HIDE_REASONS = frozenset({REASON_CHILD_DATA, REASON_STRANGER})

REPORT_OPEN = "open"
REPORT_CLOSED = "closed"

APPEAL_OPEN = "open"
APPEAL_UPHELD = "upheld"
APPEAL_REVERSED = "reversed"


class Report(TimestampMixin, db.Model):
    """One person's report about one item; closed with the decision taken on the item."""

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column(Integer)
    # The groups concerned: their educators see the report (both sides for an exchange).
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), index=True
    )
    other_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # Who reported, for counting distinct reporters: the account, or a keyed hash of the address.
    reporter_key: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(8), default="fr")  # of the answer by mail
    status: Mapped[str] = mapped_column(String(16), default=REPORT_OPEN, index=True)
    outcome: Mapped[str] = mapped_column(String(16), default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    reporter = relationship("User", foreign_keys=[reporter_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])

    __table_args__ = (db.Index("ix_report_target", "target_type", "target_id"),)


class Appeal(TimestampMixin, db.Model):
    """An educator asks the admins to look again at a decision on their group's content."""

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column(Integer)
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), index=True
    )
    decision: Mapped[str] = mapped_column(String(32))  # the action appealed (unpublish, ...)
    text: Mapped[str] = mapped_column(Text)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default=APPEAL_OPEN, index=True)
    answer: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    requested_by = relationship("User", foreign_keys=[requested_by_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])
