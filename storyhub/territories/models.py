"""The Territory model."""

from sqlalchemy import Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from storyhub.core.models import TimestampMixin
from storyhub.extensions import db

KINDS = ("commune", "region", "island", "country")
STATUS_APPROVED = "approved"
STATUS_PROPOSED = "proposed"
# 0.1 degree is about 11 km: a town, never a street or a school. Kept that coarse in the database,
# whatever path writes it (form, admin, demo, import).
COORDINATE_DECIMALS = 1


def coarse(value: float) -> float:
    """A coordinate rounded to 0.1 degree (city level)."""
    return round(float(value), COORDINATE_DECIMALS)


class Territory(TimestampMixin, db.Model):
    """A place with coarse coordinates (0.1 degree, city level) and a short presentation."""

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

    @validates("latitude", "longitude")
    def _coarse(self, _key, value):
        """Never store a coordinate finer than the city."""
        return None if value is None else coarse(value)

    @property
    def is_approved(self) -> bool:
        """Approved territories can hold groups."""
        return self.status == STATUS_APPROVED

    def __repr__(self) -> str:
        return f"<Territory {self.slug}>"
