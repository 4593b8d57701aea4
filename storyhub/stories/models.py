"""Story, its authors and themes, and its blocks (text, quote, image, sound, video, panorama)."""

from datetime import datetime

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    inspect,
)
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

from storyhub.core.models import TimestampMixin, utcnow
from storyhub.core.versions import unseen_by_public
from storyhub.exchanges.models import story_theme
from storyhub.extensions import db

STATUS_DRAFT = "draft"
STATUS_SUBMITTED = "submitted"
STATUS_CHANGES_REQUESTED = "changes_requested"
STATUS_APPROVED = "approved"
STATUS_REJECTED = "rejected"
STATUS_UNPUBLISHED = "unpublished"
STORY_STATUSES = (
    STATUS_DRAFT,
    STATUS_SUBMITTED,
    STATUS_CHANGES_REQUESTED,
    STATUS_APPROVED,
    STATUS_REJECTED,
    STATUS_UNPUBLISHED,
)
EDITABLE_STATUSES = (STATUS_DRAFT, STATUS_CHANGES_REQUESTED)

BLOCK_TEXT = "text"
BLOCK_QUOTE = "quote"
BLOCK_IMAGE = "image"
BLOCK_AUDIO = "audio"
BLOCK_VIDEO = "video"
BLOCK_PANORAMA = "panorama"
BLOCK_KINDS = (BLOCK_TEXT, BLOCK_QUOTE, BLOCK_IMAGE, BLOCK_AUDIO, BLOCK_VIDEO, BLOCK_PANORAMA)

story_author = Table(
    "story_author",
    db.metadata,
    Column("story_id", Integer, ForeignKey("story.id", ondelete="CASCADE"), primary_key=True),
    # Reverse lookups (a person's stories, the consent rule) need user_id first.
    Column(
        "user_id", Integer, ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class Story(TimestampMixin, db.Model):
    """A group's answer to a round, written by one or several young people of that group."""

    # "The latest public stories" (home, feeds, API) read the first index backwards; a
    # group's latest (the territory page, one seek per group of the place) the second.
    __table_args__ = (
        Index("ix_story_status_published_at", "status", "published_at", "id"),
        Index("ix_story_group_published", "group_id", "status", "published_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), index=True
    )
    in_reply_to_id: Mapped[int | None] = mapped_column(
        ForeignKey("story.id", ondelete="SET NULL"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="fr")
    # active_history: a change keeps the value it replaces, even when that was not loaded
    # (unseen_story below must know whether the story was public before the write).
    status: Mapped[str] = mapped_column(
        String(20), default=STATUS_DRAFT, index=True, active_history=True
    )
    feedback: Mapped[str] = mapped_column(
        Text, default=""
    )  # latest educator feedback, for the authors
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Set while reports wait for review (storyhub/reports): out of every public surface.
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Counts the editor's saves: a save names the revision it started from and is refused when
    # another tab or co-author saved since (services.save_story, a compare-and-set).
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    round = relationship("Round")
    group = relationship("Group")
    created_by = relationship("User", foreign_keys=[created_by_id])
    in_reply_to = relationship("Story", remote_side=[id])
    authors = relationship("User", secondary=story_author, order_by="User.display_name")
    themes = relationship("Theme", secondary=story_theme, order_by="Theme.slug")
    blocks = relationship(
        "Block",
        back_populates="story",
        order_by="Block.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @property
    def is_editable(self) -> bool:
        """Authors may edit drafts and stories sent back for changes."""
        return self.status in EDITABLE_STATUSES

    @property
    def is_published(self) -> bool:
        """Approved by an educator and not withdrawn."""
        return self.status == STATUS_APPROVED and self.hidden_at is None

    def __repr__(self) -> str:
        return f"<Story {self.id} {self.status}>"


class Block(db.Model):
    """One piece of a story, in order: text, quote, or a media item (photo, sound, video, 360°).

    `media_id` is SET NULL when its media item is deleted: the block stays (with nothing to
    show, so it counts as empty and is dropped at the next submission) rather than silently
    vanishing from under its authors, and the story's text never goes with a file.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(16))
    body_html: Mapped[str] = mapped_column(Text, default="")  # text blocks, sanitized on the way in
    text: Mapped[str] = mapped_column(Text, default="")  # quote text, or a media caption
    attribution: Mapped[str] = mapped_column(String(200), default="")  # who is quoted
    media_id: Mapped[int | None] = mapped_column(
        ForeignKey("media_item.id", ondelete="SET NULL"), index=True
    )

    story = relationship("Story", back_populates="blocks")
    media = relationship("MediaItem", lazy="joined")  # one query for a story's blocks and files

    def __repr__(self) -> str:
        return f"<Block {self.id} {self.kind} #{self.position}>"


class StoryVersion(TimestampMixin, db.Model):
    """What a story said each time it was sent for review, so the educator who reviews it
    again sees what changed since they last read it (storyhub/stories/versions.py).

    `content` is the title and blocks as plain values (`versions.content_of`); deleted with
    the story.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict] = mapped_column(JSON, default=dict)

    def __repr__(self) -> str:
        return f"<StoryVersion {self.story_id}#{self.number}>"


TRANSLATION_SUBMITTED = "submitted"
TRANSLATION_APPROVED = "approved"
TRANSLATION_REJECTED = "rejected"
TRANSLATION_UNPUBLISHED = "unpublished"


class StoryTranslation(TimestampMixin, db.Model):
    """A story put into another language by a young person or educator of the twin group.

    Reviewed by the translator's own educators (storyhub/stories/translating.py) before anyone
    else reads it. `texts` holds {"<block id>": "plain text"} for the story's text and quote
    blocks; text is kept plain (paragraphs by blank lines), so there is no markup to clean.
    """

    __tablename__ = "story_translation"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), index=True
    )  # the translator's group: its educators review it
    translator_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(200))
    texts: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default=TRANSLATION_SUBMITTED, index=True)
    feedback: Mapped[str] = mapped_column(Text, default="")  # the reviewer's reason, for them
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    story = relationship("Story")
    group = relationship("Group")
    translator = relationship("User")

    def text_for(self, block_id: int) -> str:
        """The translated words of one block ('' when it was left as it is)."""
        return (self.texts or {}).get(str(block_id), "")


# What the public never sees, so that writing it leaves the public pages' version (and the page
# cache) alone: the public reads only approved stories (visible_story_clause), so a story that
# was not approved before a write and is not after it changes no public page — nor do its
# blocks and review versions. Approving, withdrawing, sending back a published story, hiding or
# deleting one: its status was or becomes approved, and the version moves.


@unseen_by_public("story")
def unseen_story(story: Story) -> bool:
    """Not approved before this write (the replaced status) nor after it."""
    history = inspect(story).attrs.status.history
    if history.added and not history.deleted and inspect(story).persistent:
        return False  # the replaced status is unknown: assume it was approved
    before_and_after = {*history.deleted, story.status or STATUS_DRAFT}
    return STATUS_APPROVED not in before_and_after


def _unseen_story_part(row) -> bool:
    """A row of a story (block, review version): every story it belonged to or belongs to is
    unseen by the public."""
    session = object_session(row)
    history = inspect(row).attrs.story_id.history
    story_ids = {*history.deleted, row.story_id} - {None}
    stories = [session.get(Story, story_id) for story_id in story_ids] if session else []
    parent = getattr(row, "story", None)  # a new block's story may be known only this way
    if parent is not None:
        stories.append(parent)
    return bool(stories) and all(s is not None and unseen_story(s) for s in stories)


unseen_by_public("block")(_unseen_story_part)
unseen_by_public("story_version")(_unseen_story_part)
