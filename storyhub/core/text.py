"""Text helpers: hostile characters out, username normalization and slugs."""

import re
import unicodedata

USERNAME_RE = re.compile(r"[\w.\-]{3,40}")
USERNAME_KEY_MAX = 80  # the column holding the normalized key

# Never part of what a person types, and each one breaks something: C0 controls but tab and line
# breaks (invalid in XML, so in the Atom feeds; header injection in mails), DEL and C1 controls,
# bidi embeddings, overrides and isolates (they turn the text around them: "txt.exe" shown as
# "exe.txt"), noncharacters and lone surrogates. NUL is refused earlier with a 400.
HOSTILE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
    "\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
)
LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029]+")


def clean_block(text: str | None) -> str:
    """Text that may hold several lines: hostile characters removed, line ends as \\n."""
    if not text:
        return ""
    return HOSTILE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_line(text: str | None) -> str:
    """One line: hostile characters removed, tabs and line breaks become one space."""
    return LINE_BREAKS.sub(" ", clean_block(text))


def nfkc(text: str) -> str:
    """Unicode NFKC form, trimmed: 'ｌéa' and 'léa' become the same."""
    return unicodedata.normalize("NFKC", text or "").strip()


def normalize_username(name: str) -> str:
    """Return the key that makes usernames unique: NFKC, case-folded, trimmed."""
    return nfkc(nfkc(name).casefold())


def slugify(text: str, max_length: int = 100) -> str:
    """Return an ASCII slug for URLs, at most max_length characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].strip("-") or "item"
