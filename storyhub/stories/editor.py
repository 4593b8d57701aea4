"""Reading the story editor's form: its blocks, and the buttons that work without JavaScript
(add a block, move it up or down, remove it). Nothing here saves: services do."""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import gettext as _

from storyhub.core.inputs import bounded_int
from storyhub.stories import blocks as block_kinds
from storyhub.stories.blocks import BlockDraft
from storyhub.stories.content import StoryInput
from storyhub.stories.models import Story

_KIND_FIELD = re.compile(r"^block-(\d{1,4})-kind$")
_OP = re.compile(r"^(save|submit|add|up|down|remove)(?::([a-z]{1,16}|\d{1,4}))?$")


@dataclass
class Op:
    """What the pressed button asks: save, submit, or change the list of blocks."""

    name: str = "save"
    arg: str = ""

    @property
    def index(self) -> int:
        """The block the button belongs to (for up, down, remove)."""
        return bounded_int(self.arg, 0, 10_000, default=-1)


def read_op(value: str | None) -> Op:
    """Parse the op button's value; anything unknown is a plain save."""
    match = _OP.match(value or "")
    return Op(match.group(1), match.group(2) or "") if match else Op()


def _int(value: str | None) -> int | None:
    return bounded_int(value, 0, 999_999_999)


def read_blocks(form: Mapping, files: Mapping | None = None) -> list[BlockDraft]:
    """The blocks as typed (and files sent with them), in the order of their numbers;
    unknown kinds are dropped."""
    numbers = sorted({int(m.group(1)) for key in form if (m := _KIND_FIELD.match(key))})
    drafts = []
    for number in numbers[: block_kinds.MAX_BLOCKS + 1]:  # one more: the service refuses it
        prefix = f"block-{number}-"
        kind = block_kinds.kind_of(form.get(prefix + "kind", ""))
        if kind is None:
            continue
        draft = kind.read(form, prefix)
        draft.id = _int(form.get(prefix + "id"))
        if files:
            kind.read_files(files, prefix, draft)
        drafts.append(draft)
    return drafts


def saved_blocks(story: Story | None) -> list[BlockDraft]:
    """The editor's view of a saved story; a new story starts with one empty text block."""
    if story is None:
        return [BlockDraft(kind="text")]
    drafts = []
    for block in story.blocks:
        kind = block_kinds.kind_of(block.kind)
        if kind is not None:
            drafts.append(kind.to_draft(block))
    return drafts


def apply_op(drafts: list[BlockDraft], op: Op) -> int | None:
    """Add, move or remove a block in place; returns the block to bring into view."""
    i = op.index
    if op.name == "add":
        kind = block_kinds.kind_of(op.arg)
        if kind is None or not kind.addable or len(drafts) >= block_kinds.MAX_BLOCKS:
            return None
        drafts.append(BlockDraft(kind=kind.kind))
        return len(drafts) - 1
    if not 0 <= i < len(drafts):
        return None
    if op.name == "remove":
        drafts.pop(i)
        return min(i, len(drafts) - 1) if drafts else None
    j = i - 1 if op.name == "up" else i + 1 if op.name == "down" else i
    if 0 <= j < len(drafts) and j != i:
        drafts[i], drafts[j] = drafts[j], drafts[i]
        return j
    return i


def check_blocks(drafts: list[BlockDraft]) -> list[str]:
    """Check every block (errors are kept on each, with those found while preparing it);
    returns the messages for the summary."""
    messages = []
    if len(drafts) > block_kinds.MAX_BLOCKS:
        messages.append(_("A story has at most %(max)d blocks.", max=block_kinds.MAX_BLOCKS))
    for number, draft in enumerate(drafts, start=1):
        block_kinds.kind_of(draft.kind).check(draft)
        for message in draft.errors.values():
            messages.append(_("Block %(number)d: %(message)s", number=number, message=message))
    return messages


def needs_of(drafts: list[BlockDraft], as_errors: bool = False) -> list[tuple[int, str, str]]:
    """(index, field, message) of what blocks still need before sending (alt text, transcript);
    as_errors also marks them on the drafts, after a refused submission."""
    found = []
    for index, draft in enumerate(drafts):
        for field, message in block_kinds.kind_of(draft.kind).needs(draft).items():
            found.append((index, field, message))
            if as_errors:
                draft.errors.setdefault(field, message)
    return found


def story_input(form, drafts: list[BlockDraft]) -> StoryInput:
    """Gather the checked form into what the services take."""
    return StoryInput(
        title=form.title.data or "",
        language=form.language.data or "",
        theme_ids=list(form.theme_ids.data or []),
        author_ids=list(form.author_ids.data or []),
        in_reply_to_id=form.in_reply_to_id.data or None,
        blocks=drafts,
        note=form.note.data or "",
    )
