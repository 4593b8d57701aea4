"""A media item (image, sound, video, 360° panorama), its renditions, and who appears in it."""

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storyhub.core.models import TimestampMixin
from storyhub.extensions import db

KIND_IMAGE = "image"
KIND_AUDIO = "audio"
KIND_VIDEO = "video"
KIND_PANORAMA = "panorama"
MEDIA_KINDS = (KIND_IMAGE, KIND_AUDIO, KIND_VIDEO, KIND_PANORAMA)
PICTURE_KINDS = (KIND_IMAGE, KIND_PANORAMA)

STATUS_PROCESSING = "processing"
STATUS_READY = "ready"
STATUS_FAILED = "failed"
MEDIA_STATUSES = (STATUS_PROCESSING, STATUS_READY, STATUS_FAILED)

media_person = Table(
    "media_person",
    db.metadata,
    Column("media_id", Integer, ForeignKey("media_item.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "user_id", Integer, ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class MediaItem(TimestampMixin, db.Model):
    """One uploaded file, once processed: clean renditions only, never the original."""

    __tablename__ = "media_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default=STATUS_PROCESSING, index=True)
    uploader_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    group_id: Mapped[int] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), index=True
    )
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("story.id", ondelete="SET NULL"), index=True
    )
    storage_key: Mapped[str] = mapped_column(String(64), unique=True)  # generated, never the name
    source_key: Mapped[str | None] = mapped_column(String(160))  # the upload, until processed
    master_key: Mapped[str | None] = mapped_column(String(160))  # private clean copy, for re-blur
    poster_key: Mapped[str | None] = mapped_column(String(160))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    duration: Mapped[float | None] = mapped_column(Float)  # seconds
    waveform: Mapped[list | None] = mapped_column(JSON)  # a sound's bar heights, 0–100
    alt_text: Mapped[str] = mapped_column(Text, default="")
    caption: Mapped[str] = mapped_column(Text, default="")
    transcript: Mapped[str] = mapped_column(Text, default="")
    captions_vtt: Mapped[str] = mapped_column(Text, default="")
    renditions: Mapped[list] = mapped_column(JSON, default=list)
    blur_regions: Mapped[list] = mapped_column(JSON, default=list)
    failure: Mapped[dict | None] = mapped_column(JSON)  # {"code": ..., params} when refused
    # Faces a detector suggests blurring (relative rectangles); None: not looked for yet.
    # Suggestions only: the educator accepts each one, nothing is blurred automatically.
    face_regions: Mapped[list | None] = mapped_column(JSON)
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The educator's explicit "no one can be recognised in it" (instead of ticking who appears).
    nobody_recognisable: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=sa_false()
    )
    # Set while reports wait for review (storyhub/reports), or after an "unpublish" decision.
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    uploader = relationship("User", foreign_keys=[uploader_id])
    group = relationship("Group")
    story = relationship("Story")
    # The blocks of its own story that show it (none for a file uploaded but never placed):
    # the SQL of "shown in a block" (`shown_media_clause`) without this package importing stories.
    placements = relationship(
        "Block",
        primaryjoin="and_(foreign(Block.media_id) == MediaItem.id, "
        "foreign(Block.story_id) == MediaItem.story_id)",
        viewonly=True,
        lazy="raise",
    )
    # Who appears, and their image consent records: loaded in one query each for all the items
    # of a page, so the visibility rule (storyhub/media/permissions.py) costs no query per item.
    people = relationship(
        "User", secondary=media_person, order_by="User.display_name", lazy="selectin"
    )
    people_image_consents = relationship(
        "Consent",
        secondary=media_person,
        primaryjoin=lambda: MediaItem.id == media_person.c.media_id,
        secondaryjoin="and_(Consent.user_id == media_person.c.user_id, Consent.kind == 'image')",
        viewonly=True,
        lazy="selectin",
    )

    @property
    def is_ready(self) -> bool:
        """Processed and servable."""
        return self.status == STATUS_READY

    @property
    def is_processing(self) -> bool:
        """Still being checked, cleaned and re-encoded (templates ask this, not the string)."""
        return self.status == STATUS_PROCESSING

    @property
    def has_failed(self) -> bool:
        """Refused while processing: it will never be served."""
        return self.status == STATUS_FAILED

    def rendition(self, name: str) -> dict | None:
        """The rendition called name, or None."""
        return next((r for r in self.renditions or () if r.get("name") == name), None)

    def renditions_with(self, role: str) -> list[dict]:
        """Renditions of one role (image, fallback, poster, audio, video, phone, full), by width."""
        found = [r for r in self.renditions or () if r.get("role") == role]
        return sorted(found, key=lambda r: r.get("width") or 0)

    def __repr__(self) -> str:
        return f"<MediaItem {self.id} {self.kind} {self.status}>"


class PanoramaPortal(TimestampMixin, db.Model):
    """A door between two 360° panoramas of the two sides of an exchange ("the market here ↔
    the market over there"), walked both ways: each view shows it at its own direction (`yaw_a`
    in `media_a`, `yaw_b` in `media_b`, degrees). A panorama has at most one portal (the service
    keeps it so). Shown only when the reader may see both panoramas (storyhub/media_pages/portals.py)."""

    __tablename__ = "panorama_portal"

    id: Mapped[int] = mapped_column(primary_key=True)
    media_a_id: Mapped[int] = mapped_column(
        ForeignKey("media_item.id", ondelete="CASCADE"), unique=True
    )
    media_b_id: Mapped[int] = mapped_column(
        ForeignKey("media_item.id", ondelete="CASCADE"), unique=True
    )
    yaw_a: Mapped[float] = mapped_column(Float, default=0.0)
    yaw_b: Mapped[float] = mapped_column(Float, default=0.0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    media_a = relationship("MediaItem", foreign_keys=[media_a_id])
    media_b = relationship("MediaItem", foreign_keys=[media_b_id])

    def ends(self, media_id: int) -> tuple[MediaItem, float, MediaItem, float]:
        """(this end, its direction, the other end, its direction) seen from media_id."""
        if media_id == self.media_a_id:
            return self.media_a, self.yaw_a, self.media_b, self.yaw_b
        return self.media_b, self.yaw_b, self.media_a, self.yaw_a
