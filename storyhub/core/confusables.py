"""Look-alike names: the confusable skeleton of Unicode TS #39, and characters that show nothing.

skeleton("аdmin") == skeleton("admin") (Cyrillic а): two names with the same skeleton look the
same on screen. The data is Unicode's confusables.txt (core/data, Unicode licence).
"""

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "confusables.txt"

# Letters that draw nothing (Hangul fillers, Braille blank) and marks that only stretch or vary a
# letter: a name made of them, or hiding one between two letters, looks like another name.
FILLERS = "\u115f\u1160\u3164\uffa0\u2800"
NAME_INVISIBLE = re.compile(
    f"[{FILLERS}\u034f\u17b4\u17b5\u180b-\u180f\u200b-\u200d\u2060-\u2064\ufeff\U000e0000-\U000e007f]"
)
USERNAME_INVISIBLE = re.compile(f"{NAME_INVISIBLE.pattern}|[\u0640\ufe00-\ufe0f]")  # + tatweel


@lru_cache(maxsize=1)
def _prototypes() -> dict[str, str]:
    table = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            source, target = line.split(";")[:2]
            table[chr(int(source, 16))] = "".join(chr(int(cp, 16)) for cp in target.split())
    return table


def skeleton(text: str) -> str:
    """TS #39 skeleton: NFD, each character replaced by its prototype, NFD again."""
    table = _prototypes()
    mapped = "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFD", text or ""))
    return unicodedata.normalize("NFD", mapped)


def name_skeleton(text: str) -> str:
    """The skeleton that compares names whatever their case ('I' and 'l' look alike too)."""
    plain = unicodedata.normalize("NFKC", text or "").strip()
    return skeleton(skeleton(plain).casefold())


def shows_nothing(text: str) -> bool:
    """True when text has no visible letter, digit or sign (only spaces, marks, fillers)."""
    return not any(
        unicodedata.category(ch)[0] in "LNPS" and ch not in FILLERS and ch != "\u0640"
        for ch in text or ""
    )
