"""The moderation log: who did what, when and why, to which piece; never edited."""

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storyhub.core.models import TimestampMixin
from storyhub.extensions import db

TARGET_STORY = "story"
TARGET_COMMENT = "comment"
TARGET_MEDIA = "media"
TARGET_REFLECTION = "reflection"  # a "what changed for me" (storyhub/impact)


class ModerationEntry(TimestampMixin, db.Model):
    """One transition of a story, comment, media item or reflection."""

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column(Integer)
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str] = mapped_column(String(20), default="")
    to_status: Mapped[str] = mapped_column(String(20), default="")
    reason: Mapped[str] = mapped_column(Text, default="")

    actor = relationship("User")

    __table_args__ = (db.Index("ix_moderation_entry_target", "target_type", "target_id"),)
