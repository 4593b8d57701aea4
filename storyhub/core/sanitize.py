"""The only place that cleans user HTML (bleach); every rich-text field passes here on the way in."""

import bleach
from bleach.linkifier import Linker

ALLOWED_TAGS = [
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "h2",
    "h3",
]
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = ["http", "https", "mailto"]


def _link_rel(attrs, new=False):
    """Force rel="nofollow ugc noopener" on every link."""
    attrs[(None, "rel")] = "nofollow ugc noopener"
    return attrs


_linker = Linker(callbacks=[_link_rel], skip_tags=["pre"])


def clean_html(html: str) -> str:
    """Return the allowed subset of html, links marked nofollow ugc noopener."""
    cleaned = bleach.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    return _linker.linkify(cleaned).strip()


def clean_text(text: str) -> str:
    """Plain text: strip every tag, keep the words."""
    return bleach.clean(text or "", tags=[], strip=True).strip()
