"""Does a group's public name tell the school or the class? A warning, not a refusal.

A first name plus "4e B, Collège Jean Moulin" plus the town is enough to find a child. The
check looks for school words and class labels (French and English) in the name, accents and
case ignored, and returns what it found so the educator sees why.
"""

import re
import unicodedata

SCHOOL_WORDS = (
    "college",
    "lycee",
    "ecole",
    "groupe scolaire",
    "institut",
    "externat",
    "internat",
    "segpa",
    "ulis",
    "bts",
    "bac pro",
    "classe",
    "school",
    "academy",
    "primary",
    "secondary",
    "sixth form",
    "high school",
    "middle school",
    "grammar school",
)
CLASS_LABELS = (
    r"\d{1,2}\s?(?:e|eme|em|de|nde|re|ere|er)\b(?:\s?[a-h]\b)?",  # 4e, 3eme B, 2nde, 1ere
    r"\d{1,2}\s?[a-h]\b",  # 4B, 10 C
    r"(?:cp|ce1|ce2|cm1|cm2|tle|terminale|seconde|premiere|sixieme|cinquieme|quatrieme|troisieme)\b",
    r"(?:year|grade|form|class|classe|y)\s?\d{1,2}\b",  # Year 8, Grade 7, Y9
)
_WORDS = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in SCHOOL_WORDS) + r")\b")
_LABELS = re.compile(r"(?<![\w])(?:" + "|".join(CLASS_LABELS) + r")")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def school_hints(name: str) -> list[str]:
    """The parts of the name that look like a school or a class ([] when none)."""
    plain = _plain(name or "")
    found = [m.group(0).strip() for m in _WORDS.finditer(plain)]
    found += [m.group(0).strip() for m in _LABELS.finditer(plain)]
    return list(dict.fromkeys(found))
