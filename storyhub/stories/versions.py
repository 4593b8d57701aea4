"""Versions of a story: what it said each time it was sent for review, and what changed since
the version its educators last read (shown, server-rendered, on the review page)."""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from flask_babel import gettext as _
from markupsafe import Markup, escape

from storyhub.extensions import db
from storyhub.stories.blocks import plain_text
from storyhub.stories.models import Story, StoryVersion

# Where a text block's paragraphs end: each becomes a line of the compared text.
_PARAGRAPH_END = re.compile(r"</\s*(?:p|li|h2|h3|blockquote)\s*>|<\s*br\s*/?\s*>", re.IGNORECASE)
_WORD = re.compile(r"\n|[^\s]+")


def content_of(story: Story) -> dict:
    """The title and blocks of a story as plain values, as kept in a version."""
    return {
        "title": story.title,
        "blocks": [_block_content(block) for block in story.blocks],
    }


def _block_content(block) -> dict:
    media = block.media
    return {
        "id": block.id,
        "kind": block.kind,
        "text": _block_words(block),
        "media_id": media.id if media is not None else None,
        "media_words": " · ".join(w for w in (media.caption, media.alt_text) if w) if media else "",
    }


def _block_words(block) -> str:
    """A block's words, one line per paragraph (its attribution after a quote)."""
    if block.kind == "text":
        lines = (plain_text(part).strip() for part in _PARAGRAPH_END.split(block.body_html or ""))
        return "\n".join(line for line in lines if line)
    words = block.text or ""
    return f"{words}\n— {block.attribution}" if block.attribution else words


def record_version(story: Story) -> StoryVersion:
    """Keep what the story says now (at each sending for review); committed by the caller."""
    db.session.flush()  # new blocks get their ids, by which versions are compared
    count = db.session.scalar(
        db.select(db.func.count(StoryVersion.id)).where(StoryVersion.story_id == story.id)
    )
    version = StoryVersion(story_id=story.id, number=count + 1, content=content_of(story))
    db.session.add(version)
    return version


def last_seen_version(story: Story) -> StoryVersion | None:
    """The version sent before the latest one: what the educators read before they asked for
    changes. None for a story sent only once."""
    return db.session.scalars(
        db.select(StoryVersion)
        .where(StoryVersion.story_id == story.id)
        .order_by(StoryVersion.number.desc())
        .offset(1)
        .limit(1)
    ).first()


@dataclass
class BlockChange:
    """One block of the comparison: `state` is same, changed, added or removed."""

    state: str
    kind: str
    number: int | None  # its place in the story now (None when removed)
    words: Markup = field(default_factory=Markup)
    media_id: int | None = None
    replaced: bool = False  # a media block whose file changed


@dataclass
class StoryDiff:
    """What changed between two versions' contents, block by block."""

    title: Markup | None
    blocks: list[BlockChange]

    @property
    def changed(self) -> bool:
        return self.title is not None or any(b.state != "same" for b in self.blocks)


def compare(old: dict, new: dict) -> StoryDiff:
    """The differences from old to new: blocks matched by identity, words within a block."""
    title = None if old["title"] == new["title"] else word_diff(old["title"], new["title"])
    before, after = old["blocks"], new["blocks"]
    matcher = SequenceMatcher(None, [_key(b) for b in before], [_key(b) for b in after], False)
    blocks: list[BlockChange] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            blocks += [
                _pair(before[i], after[j], j + 1)
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            ]
            continue
        blocks += [_alone("removed", before[i], None) for i in range(i1, i2)]
        blocks += [_alone("added", after[j], j + 1) for j in range(j1, j2)]
    return StoryDiff(title=title, blocks=blocks)


def _key(block: dict):
    return block["id"] or ("media", block["media_id"])


def _pair(old: dict, new: dict, number: int) -> BlockChange:
    same = old["text"] == new["text"] and old["media_id"] == new["media_id"]
    if same and old["media_words"] == new["media_words"]:
        return BlockChange("same", new["kind"], number, media_id=new["media_id"])
    words = word_diff(_shown(old), _shown(new))
    replaced = old["media_id"] != new["media_id"]
    return BlockChange("changed", new["kind"], number, words, new["media_id"], replaced)


def _alone(state: str, block: dict, number: int | None) -> BlockChange:
    tag = "ins" if state == "added" else "del"
    words = _marked(tag, _tokens(_shown(block))) if _shown(block) else Markup()
    return BlockChange(state, block["kind"], number, words, media_id=block["media_id"])


def _shown(block: dict) -> str:
    return "\n".join(part for part in (block["text"], block["media_words"]) if part)


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text or "")


def word_diff(old: str, new: str) -> Markup:
    """new's words, with words added in <ins> and words removed in <del>, each with a label
    for screen readers; a line break stays a line break."""
    a, b = _tokens(old), _tokens(new)
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, False).get_opcodes():
        if op == "equal":
            out.append(_plain(b[j1:j2]))
            continue
        if i2 > i1:
            out.append(_marked("del", a[i1:i2]))
        if j2 > j1:
            out.append(_marked("ins", b[j1:j2]))
    return Markup(" ").join(part for part in out if part)


def _plain(tokens: list[str]) -> Markup:
    return Markup(" ").join(Markup("<br>") if t == "\n" else escape(t) for t in tokens)


def _marked(tag: str, tokens: list[str]) -> Markup:
    template = (
        Markup('<ins><span class="visually-hidden">{0} </span>{1}</ins>')
        if tag == "ins"
        else Markup('<del><span class="visually-hidden">{0} </span>{1}</del>')
    )
    return template.format(_("added:") if tag == "ins" else _("removed:"), _plain(tokens))


def changes_since_last_seen(story: Story) -> tuple[StoryVersion, StoryDiff] | None:
    """For the review page: the version the educators read before, and what changed since
    (to the story as it is now); None when there is nothing to compare."""
    seen = last_seen_version(story)
    if seen is None:
        return None
    return seen, compare(seen.content, content_of(story))
