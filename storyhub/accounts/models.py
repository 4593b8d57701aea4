"""The User model: one table for every role."""

from datetime import datetime

from flask_login import AnonymousUserMixin, UserMixin
from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from storyhub.core.confusables import name_skeleton
from storyhub.core.models import TimestampMixin
from storyhub.extensions import db

ROLE_ADMIN = "admin"
ROLE_EDUCATOR = "educator"
ROLE_YOUNG = "young"
ROLES = (ROLE_ADMIN, ROLE_EDUCATOR, ROLE_YOUNG)
# Age bands of young people, recorded by their educator (storyhub/groups/ages.py).
AGE_BAND_ADULT = "18+"
AGE_BANDS = ("11-12", "13-14", "15-17", AGE_BAND_ADULT)


class User(UserMixin, TimestampMixin, db.Model):
    """A person with an account. Young people have a username and no email; adults an email."""

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(16), index=True)
    display_name: Mapped[str] = mapped_column(String(80))
    # Its TS #39 skeleton, kept with it: look-alike names are found by one indexed lookup.
    display_name_skeleton: Mapped[str | None] = mapped_column(String(200), index=True)
    username: Mapped[str | None] = mapped_column(String(40))
    username_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    # Unicode TS #39 skeleton: a new username whose skeleton is taken is a look-alike, refused.
    username_skeleton: Mapped[str | None] = mapped_column(String(200), index=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(8))
    # The IANA zone of the person's browser ('Indian/Mayotte'), sent by the browser itself.
    time_zone: Mapped[str | None] = mapped_column(String(64))
    # Chosen by hand in the account (readers without JavaScript): the browser no longer replaces it.
    time_zone_chosen: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    organisation: Mapped[str | None] = mapped_column(String(160))
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), index=True
    )
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Set by an admin's report decision: the account can no longer sign in.
    suspended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    email_digest: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # {kind of event: "app" | "email" | "digest"} (storyhub/notifications/channels.py)
    notification_channels: Mapped[dict | None] = mapped_column(JSON)
    # Bumped to end every sign-in of this account (storyhub/accounts/sessions.py).
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # One of AGE_BANDS, recorded by an educator; None: not recorded yet (treated as a minor).
    age_band: Mapped[str | None] = mapped_column(String(8))
    # When the educators were told this unused account will be deleted (`flask purge`);
    # a sign-in clears it.
    inactivity_notice_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Rights (storyhub/rights): a young person's request to delete their account or to change
    # their display name, waiting for their educator; their own "yes" to being published.
    deletion_requested_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    requested_name: Mapped[str | None] = mapped_column(String(80))
    own_agreement_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    group = relationship("Group", foreign_keys=[group_id], back_populates="members")

    @validates("username")
    def _keep_skeleton(self, _key, username: str | None) -> str | None:
        self.username_skeleton = name_skeleton(username)[:200] if username else None
        return username

    @validates("display_name")
    def _keep_name_skeleton(self, _key, display_name: str | None) -> str | None:
        self.display_name_skeleton = name_skeleton(display_name)[:200] if display_name else None
        return display_name

    def get_id(self) -> str:
        """The sign-in token (id, session version, issue time), not the bare id."""
        from storyhub.accounts.sessions import session_token

        return session_token(self)

    @property
    def is_active(self) -> bool:
        """Suspended accounts (after a report decision) cannot sign in."""
        return self.suspended_at is None

    @property
    def is_admin(self) -> bool:
        """Platform admin."""
        return self.role == ROLE_ADMIN

    @property
    def is_educator(self) -> bool:
        """Educator, verified or not."""
        return self.role == ROLE_EDUCATOR

    @property
    def is_young(self) -> bool:
        """Young person (member of one group)."""
        return self.role == ROLE_YOUNG

    @property
    def is_minor(self) -> bool:
        """A young person not recorded as 18 or over: the rules for minors apply."""
        return self.is_young and self.age_band != AGE_BAND_ADULT

    @property
    def is_verified(self) -> bool:
        """Admins, young people and verified educators."""
        return self.role != ROLE_EDUCATOR or self.verified_at is not None

    @property
    def is_pending(self) -> bool:
        """An educator still waiting for an admin's verification."""
        return self.role == ROLE_EDUCATOR and self.verified_at is None

    @property
    def public_name(self) -> str:
        """How a person appears publicly: 'display name, group' for young people."""
        if self.is_young and self.group is not None:
            return f"{self.display_name}, {self.group.name}"
        return self.display_name

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role} {self.display_name!r}>"


class AnonymousUser(AnonymousUserMixin):
    """The public visitor: answers the same role questions as User, always no."""

    id = None
    role = None
    group_id = None
    locale = None
    is_admin = is_educator = is_young = is_minor = is_verified = is_pending = False
