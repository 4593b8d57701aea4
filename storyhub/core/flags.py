"""Flags before approval: contact data, handles, addresses and watch words found in a text.

`find_flags(text)` never blocks or rewrites anything: what it finds is highlighted for the
educator (queue, review page). The one refusal built on it is a display name holding a phone
number, an e-mail address or an @handle (`contact_in_name`).
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from storyhub.core.confusables import NAME_INVISIBLE, shows_nothing

FLAG_PHONE = "phone"
FLAG_EMAIL = "email"
FLAG_HANDLE = "handle"
FLAG_ADDRESS = "address"
FLAG_WATCHWORD = "watchword"
FLAG_KINDS = (FLAG_PHONE, FLAG_EMAIL, FLAG_HANDLE, FLAG_ADDRESS, FLAG_WATCHWORD)
DATA = Path(__file__).parent / "data"

EMAIL = re.compile(r"[\w.+-]+\s?(?:@|\(at\)|\[at\])\s?[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A run of digits with spaces, dots, dashes or brackets; kept when it has 9 to 15 digits and
# starts like a phone number (+, 00 or 0): French 06 12 34 56 78, +33 6…, +44 20 7946 0958.
PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d\s.\-()/]{6,20}\d(?!\w)")
MESSAGING = (
    r"snap(?:chat)?|insta(?:gram)?|tik\s?tok|whats\s?app|telegram|discord|signal|"
    r"messenger|kik|wechat|facebook|fb"
)
HANDLE = re.compile(
    r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}"
    r"|(?:https?://)?(?:www\.)?(?:snapchat\.com|instagram\.com|tiktok\.com|wa\.me|t\.me|"
    r"telegram\.me|discord\.gg|discord\.com|facebook\.com|m\.me)/\S*"
    rf"|\b(?:{MESSAGING})\b",
    re.IGNORECASE,
)
STREET_FR = (
    r"rue|avenue|av\.|boulevard|bd|chemin|impasse|all[ée]e|place|route|quai|cours|"
    r"r[ée]sidence|lotissement|lieu-dit"
)
STREET_EN = r"street|st\.|road|rd\.|avenue|ave\.|lane|drive|close|crescent|terrace|way"
ADDRESS = re.compile(
    rf"\b\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+(?:{STREET_FR})\s+[\w'’ -]{{2,40}}"
    rf"|\b\d{{1,5}}\s+(?:[A-Za-z'’-]+\s+){{1,3}}(?:{STREET_EN})\b"
    r"|\b\d{5}\s+[A-Z][\w'’-]{2,}",
    re.IGNORECASE | re.UNICODE,
)


@dataclass(frozen=True)
class Flag:
    """Something found in a text: its kind and where it is."""

    kind: str
    start: int
    end: int
    text: str


def _fold(text: str) -> str:
    """Lower case without accents, the same length as the text (for matching watch words)."""
    folded = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[0].lower()
        folded.append(base if len(base) == 1 else char)
    return "".join(folded).replace("’", "'")


@lru_cache(maxsize=8)
def _seeded_words(extra: tuple[str, ...]) -> re.Pattern | None:
    words = set()
    for path in sorted(DATA.glob("watchwords_*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                words.add(_fold(line))
    words |= {_fold(w.strip()) for w in extra if w.strip()}
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def watch_words_pattern() -> re.Pattern | None:
    """The seeded French and English lists plus the platform's own (WATCH_WORDS)."""
    extra = current_app.config.get("WATCH_WORDS", ()) if has_app_context() else ()
    return _seeded_words(tuple(extra))


def _phones(text: str):
    for match in PHONE.finditer(text):
        candidate = match.group().strip(" .-/")
        digits = re.sub(r"\D", "", candidate)
        if 9 <= len(digits) <= 15 and candidate.lstrip("(")[0] in "+0":
            yield Flag(FLAG_PHONE, match.start(), match.start() + len(candidate), candidate)


def find_flags(text: str | None) -> list[Flag]:
    """Every phone number, e-mail, handle, street address and watch word in the text, in order."""
    if not text:
        return []
    found = [Flag(FLAG_EMAIL, m.start(), m.end(), m.group()) for m in EMAIL.finditer(text)]
    found += list(_phones(text))
    found += [Flag(FLAG_HANDLE, m.start(), m.end(), m.group()) for m in HANDLE.finditer(text)]
    for m in ADDRESS.finditer(text):
        words = m.group().rstrip(" -'’")
        found.append(Flag(FLAG_ADDRESS, m.start(), m.start() + len(words), words))
    pattern = watch_words_pattern()
    if pattern is not None:
        found += [
            Flag(FLAG_WATCHWORD, m.start(), m.end(), text[m.start() : m.end()])
            for m in pattern.finditer(_fold(text))
        ]
    return _without_overlaps(found)


def _without_overlaps(found: list[Flag]) -> list[Flag]:
    """Earliest first; of overlapping flags, the first kind in FLAG_KINDS order wins."""
    order = {kind: i for i, kind in enumerate(FLAG_KINDS)}
    kept: list[Flag] = []
    for flag in sorted(found, key=lambda f: (f.start, order[f.kind], -f.end)):
        if kept and flag.start < kept[-1].end:
            continue
        kept.append(flag)
    return kept


def highlight(text: str | None) -> Markup:
    """The text, escaped, with each flag in a <mark> naming its kind."""
    text = text or ""
    parts, last = [], 0
    for flag in find_flags(text):
        parts.append(escape(text[last : flag.start]))
        parts.append(
            Markup('<mark class="flag flag--{0}" data-flag="{0}">{1}</mark>').format(
                flag.kind, text[flag.start : flag.end]
            )
        )
        last = flag.end
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


NAME_REFUSED = _l(
    "A name cannot hold a phone number, an e-mail address or an @handle: "
    "keep to a first name or a nickname."
)


NAME_INVISIBLE_REFUSED = _l(
    "A name needs visible letters: no blank filler signs or invisible characters."
)


def contact_in_name(name: str | None) -> str | None:
    """The kind of contact data a display name holds (phone, e-mail, @handle), or None."""
    for flag in find_flags(name):
        if flag.kind == FLAG_EMAIL or flag.kind == FLAG_PHONE:
            return flag.kind
        if flag.kind == FLAG_HANDLE and flag.text.startswith("@"):
            return flag.kind
    return None


def invisible_in_name(name: str | None) -> bool:
    """True when a name shows nothing, or hides filler or zero-width characters between letters."""
    return bool(name) and (bool(NAME_INVISIBLE.search(name)) or shows_nothing(name))


def check_display_name(name: str | None) -> None:
    """Refuse (DomainError) a display name holding contact data or invisible characters."""
    from storyhub.core.errors import DomainError

    if contact_in_name(name):
        raise DomainError(str(NAME_REFUSED))
    if invisible_in_name(name):
        raise DomainError(str(NAME_INVISIBLE_REFUSED))


class DisplayNameRule:
    """WTForms validator: a display name holds no phone number, e-mail or @handle."""

    def __call__(self, form, field):
        from wtforms.validators import ValidationError

        for line in (field.data or "").splitlines() or [""]:
            if contact_in_name(line):
                raise ValidationError(str(NAME_REFUSED))
            if invisible_in_name(line):
                raise ValidationError(str(NAME_INVISIBLE_REFUSED))
