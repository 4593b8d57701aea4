"""A territory's picture, chosen by an admin: clean renditions only, never the upload."""

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from storyhub.core.models import TimestampMixin
from storyhub.extensions import db


class TerritoryPicture(TimestampMixin, db.Model):
    """The picture of a territory: WebP and JPEG renditions at several widths, with alt text."""

    __tablename__ = "territory_picture"

    id: Mapped[int] = mapped_column(primary_key=True)
    territory_id: Mapped[int] = mapped_column(
        ForeignKey("territory.id", ondelete="CASCADE"), unique=True
    )
    storage_key: Mapped[str] = mapped_column(String(64), unique=True)  # generated, never a name
    alt_text: Mapped[str] = mapped_column(Text)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    renditions: Mapped[list] = mapped_column(JSON, default=list)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    territory = relationship(
        "Territory",
        backref=backref(
            "picture", uselist=False, cascade="all, delete-orphan", passive_deletes=True
        ),
    )
    uploaded_by = relationship("User")

    def renditions_with(self, role: str) -> list[dict]:
        """Renditions of one role (image: WebP, fallback: JPEG), narrowest first."""
        found = [r for r in self.renditions or () if r.get("role") == role]
        return sorted(found, key=lambda r: r.get("width") or 0)

    def rendition(self, name: str) -> dict | None:
        """The rendition called name, or None."""
        return next((r for r in self.renditions or () if r.get("name") == name), None)

    def __repr__(self) -> str:
        return f"<TerritoryPicture {self.id} of territory {self.territory_id}>"
