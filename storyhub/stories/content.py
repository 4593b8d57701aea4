"""Applying what the editor sends to a story (checked, cleaned), without committing.

The services call these; they raise DomainError with a message for the writer.
"""

from dataclasses import dataclass, field

from flask_babel import format_date, format_time
from flask_babel import gettext as _

from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.core.languages import CONTENT_LANGUAGES
from storyhub.core.models import utcnow
from storyhub.core.timezones import zone_label
from storyhub.exchanges.models import STATUS_ACTIVE, Round, Theme
from storyhub.extensions import db
from storyhub.stories import blocks as block_kinds
from storyhub.stories.blocks import BlockDraft
from storyhub.stories.models import STATUS_APPROVED, Block, Story
from storyhub.stories.permissions import round_accepts_stories

MAX_TITLE = 150


@dataclass
class StoryInput:
    """Everything the editor sends, already read from the form."""

    title: str = ""
    language: str = "fr"
    theme_ids: list[int] = field(default_factory=list)
    author_ids: list[int] = field(default_factory=list)
    in_reply_to_id: int | None = None
    blocks: list[BlockDraft] = field(default_factory=list)
    note: str = ""  # an educator says what they fixed in a submitted story


def check_round_open(round_: Round) -> None:
    """Refuse, with the date, a round that does not take stories at this instant."""
    now = utcnow()
    if round_accepts_stories(round_, now):
        return
    if round_.exchange.status != STATUS_ACTIVE:
        raise DomainError(_("This exchange is not under way: no new story can be written."))
    if not round_.has_opened(now):
        raise DomainError(_("This round opens on %(date)s.", date=format_date(round_.opens_at)))
    raise DomainError(
        _(
            "This round closed on %(date)s at %(time)s (%(zone)s): it no longer takes stories.",
            date=format_date(round_.closes_at),
            time=format_time(round_.closes_at, "short"),
            zone=zone_label(),
        )
    )


def apply_input(story: Story, actor: User, data: StoryInput) -> set[int]:
    """Check and copy the editor's content onto the story (the caller commits).

    Returns the ids of the media items its blocks showed before, to find those removed."""
    title = " ".join((data.title or "").split())
    if len(title) > MAX_TITLE:
        raise DomainError(_("The title is too long: at most %(max)d characters.", max=MAX_TITLE))
    if data.language not in CONTENT_LANGUAGES:
        raise DomainError(_("Choose the language of the story from the list."))
    story.title, story.language = title, data.language
    story.themes = _themes(story, data.theme_ids)
    story.authors = _authors(story, actor, data.author_ids)
    story.in_reply_to = _reply_target(story, data.in_reply_to_id)
    before = {b.media_id for b in story.blocks if b.media_id}
    _sync_blocks(story, actor, data.blocks)
    return before


def _themes(story: Story, theme_ids: list[int]) -> list[Theme]:
    allowed = story.round.exchange.themes or db.session.scalars(db.select(Theme)).all()
    chosen = [t for t in allowed if t.id in set(theme_ids)]
    if len(chosen) != len(set(theme_ids)):
        raise DomainError(_("Choose the themes from the list."))
    return chosen


def _authors(story: Story, actor: User, author_ids: list[int]) -> list[User]:
    members = {u.id: u for u in story_group_members(story.group_id)}
    if not set(author_ids) <= set(members):
        raise DomainError(_("Co-authors must be members of your group."))
    # The young person writing, and the one who started the story, always stay authors.
    kept = {actor.id, story.created_by.id if story.created_by else None} & set(members)
    return [members[i] for i in sorted(set(author_ids) | kept)]


def story_group_members(group_id: int) -> list[User]:
    """The young people of a group, who may be co-authors of its stories."""
    query = db.select(User).filter_by(group_id=group_id, role="young")
    return list(db.session.scalars(query.order_by(User.display_name)))


def _reply_target(story: Story, story_id: int | None) -> Story | None:
    if not story_id:
        return None
    target = db.session.get(Story, story_id)
    if (
        target is None
        or target.round_id != story.round_id
        or target.status != STATUS_APPROVED
        or target.id == story.id
    ):
        raise DomainError(_("A story can only answer a published story of the same round."))
    return target


def _sync_blocks(story: Story, actor: User, drafts: list[BlockDraft]) -> None:
    if len(drafts) > block_kinds.MAX_BLOCKS:
        raise DomainError(_("A story has at most %(max)d blocks.", max=block_kinds.MAX_BLOCKS))
    existing = {b.id: b for b in story.blocks if b.id is not None}
    kept = []
    for position, draft in enumerate(drafts):
        kind = block_kinds.kind_of(draft.kind)
        if kind is None:
            raise DomainError(_("Unknown kind of block."))
        kind.prepare(draft, story.group_id, story.id, actor)
        kind.check(draft)
        if draft.errors:
            field, message = next(iter(draft.errors.items()))
            raise block_kinds.BlockProblem(
                _("Block %(number)d: %(message)s", number=position + 1, message=message),
                position,
                field,
            )
        block = existing.pop(draft.id, None) if draft.id else None
        if block is None or block.kind != draft.kind:
            block = Block(kind=draft.kind)
        kind.save(block, draft)
        block.position = position
        if block.media is not None:
            block.media.story = story  # the file now follows the story's visibility
        kept.append(block)
    story.blocks = kept


def snapshot(story: Story) -> dict:
    """What an edit may change, to tell afterwards what changed."""
    return {
        "title": story.title,
        "language": story.language,
        "themes": sorted(t.id for t in story.themes),
        "authors": sorted(a.id for a in story.authors),
        "reply": story.in_reply_to.id if story.in_reply_to is not None else None,
        "blocks": [
            (b.kind, b.body_html, b.text, b.attribution, _media_words(b)) for b in story.blocks
        ],
    }


def _media_words(block: Block) -> tuple:
    """What an edit may change of a block's media item: the file, its words, who appears."""
    media = block.media
    if media is None:
        return ()
    people = tuple(sorted(p.id for p in media.people))
    return (media.id, media.alt_text, media.caption, media.transcript, media.captions_vtt, people)


def changes(before: dict, after: dict) -> list[str]:
    """Names of the parts that differ between two snapshots."""
    names = {
        "title": _("title"),
        "language": _("language"),
        "themes": _("themes"),
        "authors": _("authors"),
        "reply": _("in reply to"),
    }
    changed = [str(label) for key, label in names.items() if before[key] != after[key]]
    old, new = before["blocks"], after["blocks"]
    for index in range(max(len(old), len(new))):
        if index >= len(old) or index >= len(new) or old[index] != new[index]:
            changed.append(_("block %(number)d", number=index + 1))
    return changed
