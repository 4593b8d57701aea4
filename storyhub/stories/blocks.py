"""Block kinds: how each kind is read from the editor, checked, saved and shown.

Text and quote are built here; the media kinds (image, audio, video, panorama) in
`media_blocks.py`, the same way: subclass `BlockKind`, call `register_kind(...)`, and add the
two partials `templates/stories/blocks/_edit_<kind>.html` and `_show_<kind>.html`. The editor,
the services and the story page only ever talk to this registry.
"""

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from storyhub.core.errors import DomainError
from storyhub.core.sanitize import clean_html, clean_text
from storyhub.core.text import clean_line
from storyhub.stories.models import BLOCK_QUOTE, BLOCK_TEXT, Block

MAX_BLOCKS = 40
MAX_TEXT_CHARS = 10_000  # visible characters of one text block
MAX_TEXT_HTML = 60_000  # the same block with its formatting tags
MAX_QUOTE_CHARS = 1_000
MAX_ATTRIBUTION_CHARS = 120

_BLOCK_TAG = re.compile(r"<\s*(p|ul|ol|li|h2|h3|blockquote|br)\b", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n\s*\n")


def plain_text(value: str) -> str:
    """The words of value without tags, entities decoded (templates escape them once)."""
    return html.unescape(clean_text(value))


@dataclass
class BlockDraft:
    """A block as typed in the editor: kept whole so a refused form shows it again."""

    kind: str
    id: int | None = None
    body: str = ""  # text: the HTML (or plain paragraphs) as typed
    text: str = ""  # quote text, or a media caption
    attribution: str = ""
    extra: dict = field(default_factory=dict)  # what media kinds need (file id, alt text...)
    errors: dict[str, str] = field(default_factory=dict)


class BlockProblem(DomainError):
    """A refusal about one block: `index` (from 0) and `field` let the editor point at it."""

    def __init__(self, message: str, index: int, field: str = ""):
        super().__init__(message)
        self.index, self.field = index, field


def paragraphs_to_html(raw: str) -> str:
    """Plain paragraphs (blank line between them) become <p>; HTML input is left as it is."""
    raw = (raw or "").replace("\r\n", "\n").strip()
    if not raw or _BLOCK_TAG.search(raw):
        return raw
    parts = [p.strip().replace("\n", "<br>") for p in _BLANK_LINE.split(raw) if p.strip()]
    return "".join(f"<p>{p}</p>" for p in parts)


def _too_long(value: str, limit: int) -> str | None:
    if len(value) > limit:
        return _(
            "Too long: at most %(max)d characters (this has %(count)d).",
            max=limit,
            count=len(value),
        )
    return None


class BlockKind:
    """One kind of block; subclasses say how to read, check, save and test emptiness."""

    kind = ""
    label = _l("Block")
    add_label = _l("Add a block")
    addable = True  # offered by the "add a block" buttons

    def read(self, form: Mapping, prefix: str) -> BlockDraft:
        """Read this block's fields from the submitted form."""
        return BlockDraft(kind=self.kind)

    def read_files(self, files: Mapping, prefix: str, draft: BlockDraft) -> None:
        """Read this block's uploaded files (a plain form post), if it takes any."""

    def prepare(self, draft: BlockDraft, group_id: int, story_id: int | None, actor) -> None:
        """Resolve what the draft points to (a media item of the group); fill draft.errors."""

    def check(self, draft: BlockDraft) -> None:
        """Fill draft.errors (field name -> message) when a value is refused."""

    def needs(self, draft: BlockDraft) -> dict[str, str]:
        """{field: message} of what must be added before sending (alt text...); {} if nothing."""
        return {}

    def save(self, block: Block, draft: BlockDraft) -> None:
        """Copy the checked values onto the model, cleaned."""

    def to_draft(self, block: Block) -> BlockDraft:
        """The editor's view of a saved block."""
        return BlockDraft(kind=block.kind, id=block.id)

    def is_empty(self, block: Block) -> bool:
        """True when the block shows nothing."""
        return True

    def summary(self, block: Block) -> str:
        """A few plain words to preview the block in lists."""
        return ""


class TextKind(BlockKind):
    """Formatted text: paragraphs, bold, italic, lists, links, quotes, h2/h3."""

    kind = BLOCK_TEXT
    label = _l("Text")
    add_label = _l("Add text")

    def read(self, form, prefix):
        return BlockDraft(kind=self.kind, body=form.get(f"{prefix}body", ""))

    def check(self, draft):
        html_error = _too_long(draft.body, MAX_TEXT_HTML)
        words = clean_text(paragraphs_to_html(draft.body)) if not html_error else ""
        error = _too_long(words, MAX_TEXT_CHARS) or html_error
        if error:
            draft.errors["body"] = error

    def save(self, block, draft):
        block.body_html = clean_html(paragraphs_to_html(draft.body))
        block.text, block.attribution = "", ""

    def to_draft(self, block):
        return BlockDraft(kind=self.kind, id=block.id, body=block.body_html)

    def is_empty(self, block):
        return not clean_text(block.body_html)

    def summary(self, block):
        return " ".join(plain_text(re.sub(r"<", " <", block.body_html)).split())


class QuoteKind(BlockKind):
    """A sentence someone said, set apart, with who said it."""

    kind = BLOCK_QUOTE
    label = _l("Quote")
    add_label = _l("Add a quote")

    def read(self, form, prefix):
        return BlockDraft(
            kind=self.kind,
            text=form.get(f"{prefix}text", ""),
            attribution=clean_line(form.get(f"{prefix}attribution", "")),  # a one-line input
        )

    def check(self, draft):
        for name, value, limit in (
            ("text", draft.text, MAX_QUOTE_CHARS),
            ("attribution", draft.attribution, MAX_ATTRIBUTION_CHARS),
        ):
            error = _too_long(value.strip(), limit)
            if error:
                draft.errors[name] = error

    def save(self, block, draft):
        block.text = plain_text(draft.text)
        block.attribution = plain_text(draft.attribution)
        block.body_html = ""

    def to_draft(self, block):
        return BlockDraft(
            kind=self.kind, id=block.id, text=block.text, attribution=block.attribution
        )

    def is_empty(self, block):
        return not block.text.strip()

    def summary(self, block):
        return block.text


KINDS: dict[str, BlockKind] = {}


def register_kind(kind: BlockKind) -> None:
    """Make a block kind available to the editor, the services and the story page."""
    KINDS[kind.kind] = kind


def kind_of(name: str) -> BlockKind | None:
    """The registered kind of this name, or None."""
    return KINDS.get(name)


def is_empty_block(block: Block) -> bool:
    """True when a saved block shows nothing (a kind not registered counts as content)."""
    kind = KINDS.get(block.kind)
    return kind is not None and kind.is_empty(block)


def block_summary(block: Block) -> str:
    """A few plain words from a saved block, for previews."""
    kind = KINDS.get(block.kind)
    return kind.summary(block) if kind else ""


def addable_kinds() -> list[BlockKind]:
    """The kinds the editor offers to add, in order of registration."""
    return [k for k in KINDS.values() if k.addable]


register_kind(TextKind())
register_kind(QuoteKind())
