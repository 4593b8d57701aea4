"""Reaction (a fixed, positive set) and Comment (moderated like stories)."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storyhub.core.models import TimestampMixin
from storyhub.extensions import db

REACTION_KINDS = ("learned", "same_here", "thank_you", "question")

COMMENT_SUBMITTED = "submitted"
COMMENT_APPROVED = "approved"
COMMENT_REJECTED = "rejected"
COMMENT_HIDDEN = "hidden"  # taken down by the story's educators or an admin, with a reason
COMMENT_STATUSES = (COMMENT_SUBMITTED, COMMENT_APPROVED, COMMENT_REJECTED, COMMENT_HIDDEN)


class Reaction(TimestampMixin, db.Model):
    """One kind reaction of one person to a story (one of each kind per person)."""

    __table_args__ = (UniqueConstraint("story_id", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))


class Comment(TimestampMixin, db.Model):
    """A short comment or question on a story, reviewed by the children's side before it shows.

    `group_id` is the writer's side; `review_group_id` the side whose educators must look at it
    now (the writer's own educators first for a young person, then the story's group), None
    once no one has to any more.
    """

    # A comment's answers, by lookup (migration 0038); partial, so that the many top-level
    # comments (parent_id IS NULL) are never read through it.
    __table_args__ = (
        Index(
            "ix_comment_parent_id",
            "parent_id",
            postgresql_where=text("parent_id IS NOT NULL"),
            sqlite_where=text("parent_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[int] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), index=True
    )
    review_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comment.id", ondelete="CASCADE")
    )  # indexed for answers only: ix_comment_parent_id above
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=COMMENT_SUBMITTED, index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    moderated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    moderated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Set while reports wait for review (storyhub/reports).
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    story = relationship("Story")
    author = relationship("User", foreign_keys=[author_id])
    group = relationship("Group", foreign_keys=[group_id])
    review_group = relationship("Group", foreign_keys=[review_group_id])
    parent = relationship("Comment", remote_side=[id], backref="answers")
