"""Text helpers: username normalization and slugs."""

import re
import unicodedata

USERNAME_RE = re.compile(r"[\w.\-]{3,40}")
USERNAME_KEY_MAX = 80  # the column holding the normalized key


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
