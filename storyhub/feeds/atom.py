"""Writing Atom 1.0 documents (RFC 4287) with ElementTree, which escapes every value."""

import html
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from flask import url_for
from markupsafe import escape

from storyhub.core.http import as_utc, rfc3339
from storyhub.core.text import clean_block, clean_line
from storyhub.media.permissions import shown_media
from storyhub.search.links import translation_url
from storyhub.search.text import html_to_text
from storyhub.stories.models import BLOCK_QUOTE, BLOCK_TEXT, Story

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SUMMARY_CHARS = 280
ONE_LINE_TAGS = ("title", "name")  # a feed reader shows them on one line
PICTURE_WIDTH = 960  # the rendition closest to this width goes in the feed
ET.register_namespace("", ATOM)


@dataclass
class FeedInfo:
    """What describes a feed: its title, its own URL and the page it mirrors."""

    title: str
    subtitle: str
    self_url: str
    page_url: str
    language: str


def _add(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    # ElementTree escapes but writes control characters as they are: one \x01 in a title stored
    # before text was cleaned on the way in would make the whole feed invalid XML.
    values = {k: clean_block(v) for k, v in attrs.items() if v}
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", values)
    if text is not None:
        element.text = clean_line(text).strip() if tag in ONE_LINE_TAGS else clean_block(text)
    return element


def _picture(item) -> str:
    """An <img> of a picture's mid-size rendition (feed readers show it), or nothing."""
    pictures = [r for r in item.renditions or () if r.get("role") in ("image", "fallback")]
    if item.kind not in ("image", "panorama") or not pictures:
        return ""
    best = min(pictures, key=lambda r: abs((r.get("width") or 0) - PICTURE_WIDTH))
    src = url_for("media.file", media_id=item.id, name=best["name"], _external=True)
    # html.escape writes &quot; (markupsafe's &#34; trips some feed readers' sanitisers).
    return f'<p><img src="{html.escape(src)}" alt="{html.escape(item.alt_text)}"></p>'


def story_html(story: Story) -> str:
    """The story as HTML for feed readers: sanitised text, escaped quotes, pictures, captions."""
    shown = {item.id: item for item in shown_media(story)}
    parts = []
    for block in story.blocks:
        if block.kind == BLOCK_TEXT:
            parts.append(block.body_html)  # cleaned by core.sanitize on the way in
        elif block.kind == BLOCK_QUOTE:
            cite = f"<p>— {escape(block.attribution)}</p>" if block.attribution else ""
            parts.append(f"<blockquote><p>{escape(block.text)}</p>{cite}</blockquote>")
        else:
            item = shown.get(getattr(block, "media_id", None))
            parts.append(_picture(item) if item is not None else "")
            parts.append(f"<p><em>{escape(block.text)}</em></p>" if block.text else "")
    return "\n".join(part for part in parts if part)


def summary(story: Story) -> str:
    """The first words of the story, as plain text."""
    text = " ".join(
        html_to_text(b.body_html) if b.kind == BLOCK_TEXT else (b.text or "") for b in story.blocks
    ).strip()
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rstrip() + "…"


def author_names(story: Story) -> list[str]:
    """How the authors appear publicly: 'display name, group' (co-authors share the group)."""
    names = [f"{author.display_name}, {story.group.name}" for author in story.authors]
    return names or [story.group.name]


def build_feed(
    info: FeedInfo, stories: list[Story], story_url, theme_names: dict, translations=None
) -> bytes:
    """The Atom document for these stories (newest first); `translations`: {story id: its
    public translations}, each linked as an alternate in its language."""
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: info.language})
    _add(feed, "id", info.self_url)
    _add(feed, "title", info.title)
    _add(feed, "subtitle", info.subtitle)
    _add(feed, "link", rel="self", type="application/atom+xml", href=info.self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=info.page_url)
    _add(feed, "updated", rfc3339(max((s.published_at for s in stories), default=None, key=as_utc)))
    _add(_add(feed, "author"), "name", "StoryHub")
    _add(feed, "generator", "StoryHub")
    for story in stories:
        entry = _entry(feed, story, story_url(story.id), theme_names)
        for item in (translations or {}).get(story.id, ()):
            _add(
                entry,
                "link",
                rel="alternate",
                type="text/html",
                hreflang=item.language,
                title=item.title,
                href=translation_url(story.id, item.id),
            )
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _entry(feed, story: Story, url: str, theme_names: dict) -> ET.Element:
    entry = _add(feed, "entry", **{XML_LANG: story.language})
    _add(entry, "id", url)
    _add(entry, "title", story.title, type="text")
    _add(entry, "link", rel="alternate", type="text/html", href=url)
    _add(entry, "published", rfc3339(story.published_at))
    _add(entry, "updated", rfc3339(story.published_at))
    for name in author_names(story):
        _add(_add(entry, "author"), "name", name)
    for theme in story.themes:
        _add(entry, "category", term=theme.slug, label=theme_names.get(theme.slug, theme.slug))
    _add(entry, "summary", summary(story), type="text")
    _add(entry, "content", story_html(story), type="html")
    return entry
