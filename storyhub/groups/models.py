"""Group, its educators, and consent records of its young people."""

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship, validates

from storyhub.core import confusables
from storyhub.core.models import TimestampMixin, utcnow
from storyhub.extensions import db

KINDS = ("class", "club", "association")
CONSENT_PARENTAL = "parental"
CONSENT_IMAGE = "image"
CONSENT_KINDS = (CONSENT_PARENTAL, CONSENT_IMAGE)
SCOPE_EXCHANGE = "exchange"  # published inside the exchange only (both groups)
SCOPE_PUBLIC = "public"  # published on the public site too
CONSENT_SCOPES = (SCOPE_EXCHANGE, SCOPE_PUBLIC)

group_educator = Table(
    "group_educator",
    db.metadata,
    Column("group_id", Integer, ForeignKey("youth_group.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "user_id", Integer, ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
    Column("added_at", DateTime(timezone=True), default=utcnow),
)


class Group(TimestampMixin, db.Model):
    """A youth group of one territory, led by one or more educators."""

    __tablename__ = "youth_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    # `name` is the public name (pages, credits, feeds, API); `internal_name` (the school and
    # class, say) is seen by the group's educators only.
    name: Mapped[str] = mapped_column(String(120))
    # The name's TS #39 skeleton, kept with it: look-alike names are one indexed lookup.
    name_skeleton: Mapped[str | None] = mapped_column(String(300), index=True)
    internal_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    territory_id: Mapped[int] = mapped_column(ForeignKey("territory.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    age_min: Mapped[int] = mapped_column(Integer)
    age_max: Mapped[int] = mapped_column(Integer)
    languages: Mapped[str] = mapped_column(String(64), default="fr")
    presentation: Mapped[str] = mapped_column(Text, default="")
    join_code: Mapped[str | None] = mapped_column(String(16), unique=True)
    join_code_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # A code works for JOIN_CODE_DAYS after it was made (storyhub/privacy/settings.py).
    join_code_created_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )
    open_to_twinning: Mapped[bool] = mapped_column(Boolean, default=False)
    # The lead among its educators (groups/membership.lead_id_of is the one rule that reads it):
    # they invite and remove co-educators and hand the lead over.
    lead_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL", use_alter=True)
    )
    # A practice group of a new educator's sandbox (storyhub/sandbox): fictitious young people,
    # no code, no twinning with real groups, never counted or shown outside the sandbox.
    is_sandbox: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    territory = relationship("Territory", back_populates="groups")
    educators = relationship("User", secondary=group_educator, order_by="User.display_name")
    members = relationship(
        "User", foreign_keys="User.group_id", back_populates="group", order_by="User.display_name"
    )

    @validates("name")
    def _keep_skeleton(self, _key, name: str | None) -> str | None:
        self.name_skeleton = confusables.name_skeleton(name)[:300] if name else None
        return name

    @property
    def language_codes(self) -> list[str]:
        """The group's languages as a list of codes."""
        return [code for code in self.languages.split(",") if code]

    def __repr__(self) -> str:
        return f"<Group {self.id} {self.name!r}>"


class Consent(db.Model):
    """Parental or image consent of one young person, as recorded by an educator.

    `granted` with a `scope`: inside the exchange only, or on the public site too; the date the
    form was signed, who recorded it and when, and the reference of the signed form.
    """

    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    granted: Mapped[bool] = mapped_column(Boolean)
    scope: Mapped[str] = mapped_column(String(16), default=SCOPE_PUBLIC, server_default="public")
    given_on: Mapped[date | None] = mapped_column(Date)
    form_reference: Mapped[str] = mapped_column(String(120), default="", server_default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    user = relationship(
        "User",
        foreign_keys=[user_id],
        backref=backref("consents", cascade="all, delete-orphan", passive_deletes=True),
    )
    recorded_by = relationship("User", foreign_keys=[recorded_by_id])

    def covers(self, public: bool) -> bool:
        """Granted, for the public site when `public` (else inside the exchange is enough)."""
        return self.granted and (self.scope == SCOPE_PUBLIC or not public)


class JoinRequest(db.Model):
    """A young person who joined with the code, waiting for an educator of the group to approve.

    Until approved the account belongs to no group (user.group_id is NULL): every rule built on
    membership refuses them the group's pages, roster, exchanges and stories.
    """

    __tablename__ = "join_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    group = relationship(
        "Group",
        backref=backref(
            "join_requests",
            cascade="all, delete-orphan",
            passive_deletes=True,
            order_by="JoinRequest.created_at",
        ),
    )
    user = relationship(
        "User",
        backref=backref(
            "join_request", uselist=False, cascade="all, delete-orphan", passive_deletes=True
        ),
    )


class ConsentEvent(db.Model):
    """One recording of a consent, kept for good: the history of what was signed and withdrawn
    (the `Consent` row holds only the current state the visibility rules read)."""

    __tablename__ = "consent_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    granted: Mapped[bool] = mapped_column(Boolean)
    scope: Mapped[str] = mapped_column(String(16), default=SCOPE_PUBLIC)
    given_on: Mapped[date | None] = mapped_column(Date)
    form_reference: Mapped[str] = mapped_column(String(120), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # What it took out of public view (or back), in words, for the history and the educator.
    effect: Mapped[str] = mapped_column(Text, default="")

    recorded_by = relationship("User", foreign_keys=[recorded_by_id])
