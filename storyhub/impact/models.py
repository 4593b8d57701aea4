"""Statements of an exchange, each young person's before/after answers, reflections
("what changed for me"), most-significant-change selections and educators' observations."""

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storyhub.core.models import TimestampMixin, utcnow
from storyhub.extensions import db

PHASE_BEFORE = "before"
PHASE_AFTER = "after"
PHASES = (PHASE_BEFORE, PHASE_AFTER)
MOMENT_BEFORE = "before"
MOMENT_FINAL = "final"  # the after set answered when the exchange closes

REFLECTION_PRIVATE = "private"
REFLECTION_SUBMITTED = "submitted"
REFLECTION_APPROVED = "approved"
REFLECTION_REJECTED = "rejected"
REFLECTION_STATUSES = (
    REFLECTION_PRIVATE,
    REFLECTION_SUBMITTED,
    REFLECTION_APPROVED,
    REFLECTION_REJECTED,
)
CHANGE_KINDS = ("knowledge", "view_of_other", "relationships", "engagement", "skills", "confidence")
SCALE_MIN, SCALE_MAX = 1, 5


class Statement(db.Model):
    """One 1–5 scale statement of an exchange. `key` names a default one (its words are
    translated at display); an educator's own wording has no key."""

    __tablename__ = "impact_statement"

    id: Mapped[int] = mapped_column(primary_key=True)
    exchange_id: Mapped[int] = mapped_column(
        ForeignKey("exchange.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    key: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(String(200), default="")


class Participant(db.Model):
    """A young person taking part in an exchange's before/after: their stable random code
    (the only name the CSV export knows)."""

    __tablename__ = "impact_participant"
    __table_args__ = (UniqueConstraint("exchange_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    exchange_id: Mapped[int] = mapped_column(
        ForeignKey("exchange.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("youth_group.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(16), unique=True)


class AnswerSet(TimestampMixin, db.Model):
    """A young person's before set, or an after set (at the end of a round, or the final one).

    `moment` is "before", "round-<id>" or "final": one set per person and moment, so answering
    again updates it.
    """

    __tablename__ = "impact_answer_set"
    __table_args__ = (UniqueConstraint("exchange_id", "user_id", "moment"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    exchange_id: Mapped[int] = mapped_column(
        ForeignKey("exchange.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), index=True
    )
    phase: Mapped[str] = mapped_column(String(8))
    moment: Mapped[str] = mapped_column(String(24))
    round_id: Mapped[int | None] = mapped_column(ForeignKey("round.id", ondelete="SET NULL"))
    # Before: "What do I imagine about life over there?"; after: "Now I think…".
    thoughts: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    user = relationship("User")
    exchange = relationship("Exchange")
    round = relationship("Round")
    answers = relationship(
        "ScaleAnswer", cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )
    reflection = relationship("Reflection", back_populates="answer_set", uselist=False)


class ScaleAnswer(db.Model):
    """One 1–5 answer to one statement, inside an answer set."""

    __tablename__ = "impact_scale_answer"
    __table_args__ = (
        UniqueConstraint("answer_set_id", "statement_id"),
        CheckConstraint("value >= 1 AND value <= 5", name="value_1_to_5"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_set_id: Mapped[int] = mapped_column(
        ForeignKey("impact_answer_set.id", ondelete="CASCADE"), index=True
    )
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("impact_statement.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[int] = mapped_column(Integer)


class Reflection(TimestampMixin, db.Model):
    """ "What changed for me", written with an after set. Private until its writer shares it;
    a shared one is read by their own educators (approve / reject) like a story.

    An educator of the writer's group may select it as a most significant change, with a
    one-sentence reason and a kind of change.
    """

    __tablename__ = "impact_reflection"

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_set_id: Mapped[int] = mapped_column(
        ForeignKey("impact_answer_set.id", ondelete="CASCADE"), unique=True
    )
    exchange_id: Mapped[int] = mapped_column(
        ForeignKey("exchange.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=REFLECTION_PRIVATE, index=True)
    feedback: Mapped[str] = mapped_column(Text, default="")  # why it was not published
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    selected_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    selected_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    selection_reason: Mapped[str] = mapped_column(String(300), default="")
    change_kind: Mapped[str | None] = mapped_column(String(20))
    # Set while reports wait for review (storyhub/reports): off the impact page until decided.
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    answer_set = relationship("AnswerSet", back_populates="reflection")
    exchange = relationship("Exchange")
    author = relationship("User", foreign_keys=[author_id])
    group = relationship("Group")
    selected_by = relationship("User", foreign_keys=[selected_by_id])


class Observation(TimestampMixin, db.Model):
    """A dated note by an educator on what they saw change in their group; private (the
    exchange's educators) or public (the impact page)."""

    __tablename__ = "impact_observation"

    id: Mapped[int] = mapped_column(primary_key=True)
    exchange_id: Mapped[int] = mapped_column(
        ForeignKey("exchange.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[int] = mapped_column(ForeignKey("youth_group.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    observed_on: Mapped[date] = mapped_column(Date)
    body: Mapped[str] = mapped_column(Text)
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)

    group = relationship("Group")
    author = relationship("User")
