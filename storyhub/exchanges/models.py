"""Theme, Exchange (two groups twinned) and Round (a question both sides answer)."""

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    and_,
    false,
    text,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storyhub.core.models import TimestampMixin, utcnow
from storyhub.core.timezones import aware, end_of_day, start_of_day
from storyhub.extensions import db

STATUS_INVITED = "invited"
STATUS_ACTIVE = "active"
STATUS_CLOSED = "closed"
STATUS_DECLINED = "declined"
STATUS_WITHDRAWN = "withdrawn"  # the inviting side took its invitation back before an answer
EXCHANGE_STATUSES = (
    STATUS_INVITED, STATUS_ACTIVE, STATUS_CLOSED, STATUS_DECLINED, STATUS_WITHDRAWN,
)  # fmt: skip
PUBLIC_STATUSES = (STATUS_ACTIVE, STATUS_CLOSED)  # an exchange that took place

exchange_theme = Table(
    "exchange_theme",
    db.metadata,
    Column("exchange_id", Integer, ForeignKey("exchange.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "theme_id",
        Integer,
        ForeignKey("theme.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

# Themes a group would like to explore with a twin: the twin finder filters on them.
group_theme = Table(
    "group_theme",
    db.metadata,
    Column("group_id", Integer, ForeignKey("youth_group.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", Integer, ForeignKey("theme.id", ondelete="CASCADE"), primary_key=True),
)

# A story's themes: with the theme's other links (stories sit above exchanges and import it).
story_theme = Table(
    "story_theme",
    db.metadata,
    Column("story_id", Integer, ForeignKey("story.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "theme_id",
        Integer,
        ForeignKey("theme.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


class Theme(db.Model):
    """A curated theme, named in French and English."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name_fr: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(80))

    def name(self, locale: str) -> str:
        """The theme's name in the interface language."""
        return self.name_fr if locale == "fr" else self.name_en

    def copy(self) -> "Theme":
        """The same theme in no session: safe to keep beyond the request (kept_for_version),
        where a session's object expires at its next commit and cannot be read once detached."""
        return Theme(id=self.id, slug=self.slug, name_fr=self.name_fr, name_en=self.name_en)

    def __repr__(self) -> str:
        return f"<Theme {self.slug}>"


PUBLISHED_KEYS = (
    "inviting_published_at IS NOT NULL AND invited_published_at IS NOT NULL AND hidden_at IS NULL"
)


class Exchange(TimestampMixin, db.Model):
    """Two groups of different territories twinned for a period; private until both sides publish."""

    # Territory pictures start from the chosen covers (few), never from every story.
    __table_args__ = (
        Index(
            "ix_exchange_cover_media_id",
            "cover_media_id",
            postgresql_where=text("cover_media_id IS NOT NULL"),
            sqlite_where=text("cover_media_id IS NOT NULL"),
        ),
        # Public exchanges newest first (directory, home, territory): migration 0028.
        Index(
            "ix_exchange_public_order",
            text("coalesce(invited_published_at, created_at) DESC"),
            text("id DESC"),
            postgresql_where=text(PUBLISHED_KEYS),
            sqlite_where=text(PUBLISHED_KEYS),
        ),
        # The API's exchanges list, newest created first: migration 0034.
        Index(
            "ix_exchange_public_created",  # read backwards: newest first
            "created_at",
            "id",
            postgresql_where=text(PUBLISHED_KEYS),
            sqlite_where=text(PUBLISHED_KEYS),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")
    languages: Mapped[str] = mapped_column(String(64), default="fr")
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=STATUS_INVITED, index=True)
    inviting_group_id: Mapped[int] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), index=True
    )
    invited_group_id: Mapped[int] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), index=True
    )
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    invitation_message: Mapped[str] = mapped_column(Text, default="")
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The two keys: public only when an educator of each side has published.
    inviting_published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    inviting_published_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    invited_published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    invited_published_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    # When an educator of each side confirmed twinning groups whose ages are far apart
    # (storyhub/exchanges/ages.py); None when no confirmation was needed.
    age_gap_inviting_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    age_gap_invited_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The photo that illustrates the exchange (and its territories), chosen by an educator
    # (storyhub/media_pages/covers.py); never picked automatically from a child's story.
    cover_media_id: Mapped[int | None] = mapped_column(
        ForeignKey("media_item.id", ondelete="SET NULL", use_alter=True)
    )
    # Each side's educator lets search engines index the minors' stories (both needed):
    # storyhub/stories/indexing.py.
    inviting_indexable_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    invited_indexable_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Chosen by an admin for the home page (storyhub/browse); only public exchanges show there.
    featured_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    # Set while reports wait for review (storyhub/reports): out of public view, members keep it.
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # A new educator's practice exchange (storyhub/sandbox): never public, whatever its keys.
    is_sandbox: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    inviting_group = relationship("Group", foreign_keys=[inviting_group_id])
    invited_group = relationship("Group", foreign_keys=[invited_group_id])
    invited_by = relationship("User", foreign_keys=[invited_by_id])
    cover_media = relationship("MediaItem", foreign_keys=[cover_media_id])
    themes = relationship("Theme", secondary=exchange_theme, order_by="Theme.slug")
    rounds = relationship(
        "Round",
        back_populates="exchange",
        order_by="Round.opens_on, Round.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @property
    def groups(self) -> tuple:
        """(side A, side B): the inviting group first."""
        return (self.inviting_group, self.invited_group)

    @property
    def group_ids(self) -> tuple[int, int]:
        """Ids of both sides."""
        return (self.inviting_group_id, self.invited_group_id)

    # Exchange publicity, defined once: in Python on an exchange, and (the same rule) as SQL
    # in a query, `Exchange.is_public` (exchanges.permissions.public_exchange_clause).
    @hybrid_property
    def is_public(self) -> bool:
        """Both keys turned (each side's educators), the exchange took place (active or
        closed), it is not hidden after reports, and it is not a practice exchange (sandbox)."""
        return (
            not self.is_sandbox
            and self.status in PUBLIC_STATUSES
            and self.inviting_published_at is not None
            and self.invited_published_at is not None
            and self.hidden_at is None
        )

    @is_public.inplace.expression
    @classmethod
    def _is_public_sql(cls):
        return and_(
            cls.is_sandbox.is_(False),
            cls.status.in_(PUBLIC_STATUSES),
            cls.inviting_published_at.is_not(None),
            cls.invited_published_at.is_not(None),
            cls.hidden_at.is_(None),
        )

    def twin_of(self, group_id: int):
        """The other side's group."""
        return self.invited_group if group_id == self.inviting_group_id else self.inviting_group

    def __repr__(self) -> str:
        return f"<Exchange {self.id} {self.status}>"


class Round(TimestampMixin, db.Model):
    """A question both sides of an exchange answer, with opening and closing dates."""

    id: Mapped[int] = mapped_column(primary_key=True)
    exchange_id: Mapped[int] = mapped_column(
        ForeignKey("exchange.id", ondelete="CASCADE"), index=True
    )
    question: Mapped[str] = mapped_column(String(300))
    guidance: Mapped[str] = mapped_column(Text, default="")
    # The calendar days the educator chose, in the zone they chose them in (`time_zone`)...
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    # ...and the instants they mean, which every rule compares with: from 00:00 on the opening
    # day to 23:59:59 on the closing day, there (set_dates keeps both in step).
    opens_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closes_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # When its young people were told that the round is over and asked what changed for them
    # (storyhub/impact/turns.py): once per round.
    after_asked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # When both groups were told the round is open, and reminded it is about to close (once
    # each: storyhub/exchanges/round_notices.py).
    opening_told_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closing_reminded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    exchange = relationship("Exchange", back_populates="rounds")
    proposed_by = relationship("User")

    def __init__(self, **kwargs):
        """Given its days (and the zone, UTC by default), the round works out its instants."""
        days = kwargs.pop("opens_on", None), kwargs.pop("closes_on", None)
        zone = kwargs.pop("time_zone", "UTC")
        super().__init__(**kwargs)
        if all(days):
            self.set_dates(*days, zone)

    def set_dates(self, opens_on: date, closes_on: date, zone: str) -> None:
        """The round runs from the start of opens_on to the end of closes_on in zone."""
        self.opens_on, self.closes_on, self.time_zone = opens_on, closes_on, zone
        self.opens_at = start_of_day(opens_on, zone)
        self.closes_at = end_of_day(closes_on, zone)

    def has_opened(self, now: datetime | None = None) -> bool:
        """The opening instant has come (by now, or at this instant)."""
        return aware(self.opens_at) <= aware(now or utcnow())

    def is_over(self, now: datetime | None = None) -> bool:
        """The deadline has passed."""
        return aware(self.closes_at) < aware(now or utcnow())

    def is_open(self, now: datetime | None = None) -> bool:
        """True from the opening instant to the deadline, both included."""
        now = now or utcnow()
        return self.has_opened(now) and not self.is_over(now)

    def __repr__(self) -> str:
        return f"<Round {self.id} of exchange {self.exchange_id}>"
