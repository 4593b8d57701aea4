"""The Territory model."""

from sqlalchemy import Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storyhub.core.models import TimestampMixin
from storyhub.extensions import db

KINDS = ("commune", "region", "island", "country")
STATUS_APPROVED = "approved"
STATUS_PROPOSED = "proposed"


class Territory(TimestampMixin, db.Model):
    """A place with coarse coordinates (about 1 km) and a short presentation."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(140), unique=True)
    country: Mapped[str] = mapped_column(String(2), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    presentation: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=STATUS_APPROVED, index=True)
    proposed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL", use_alter=True)
    )

    proposed_by = relationship("User", foreign_keys=[proposed_by_id])
    groups = relationship("Group", back_populates="territory")

    @property
    def is_approved(self) -> bool:
        """Approved territories can hold groups."""
        return self.status == STATUS_APPROVED

    def __repr__(self) -> str:
        return f"<Territory {self.slug}>"
