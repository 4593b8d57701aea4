"""Text helpers: username normalization and slugs."""

import re
import unicodedata

USERNAME_RE = re.compile(r"^[\w.\-]{3,40}$")


def normalize_username(name: str) -> str:
    """Return the key that makes usernames unique: NFKC, case-folded, trimmed."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


def slugify(text: str) -> str:
    """Return an ASCII slug for URLs."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "item"
