"""Finding a person's name in texts, to take it out (deletion) or change it (rectification).

A name is matched as a whole word, in any letter case: the display name, each of its words of
three letters or more when it has several, and the username. Over-matching (another "Léa" in the
same exchange) is the accepted error: a name too many taken out is better than one left.
"""

import re

from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import escape

from storyhub.accounts.models import User

MIN_WORD = 3


def name_forms(person: User) -> list[str]:
    """The forms of a person's name to look for, longest first."""
    name = (person.display_name or "").strip()
    forms = {name, (person.username or "").strip()}
    words = name.split()
    if len(words) > 1:
        forms |= {word for word in words if len(word) >= MIN_WORD}
    return sorted((f for f in forms if f), key=len, reverse=True)


def pattern_for(forms: list[str], html: bool = False) -> re.Pattern | None:
    """One regular expression matching any of the forms as a whole word."""
    if not forms:
        return None
    variants = {str(escape(f)) if html else f for f in forms}
    alternatives = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def replace_in(text: str | None, pattern: re.Pattern | None, replacement: str) -> str:
    """text with every match replaced (text unchanged when nothing matches)."""
    if not text or pattern is None:
        return text or ""
    return pattern.sub(lambda _match: replacement, text)


def placeholder(person: User, language: str) -> str:
    """What stands for a deleted person, in the language of the text it goes into."""
    group = person.group.name if person.group is not None else ""
    with force_locale(language if language in ("fr", "en") else "en"):
        if person.is_young and group:
            return _("a young person of %(group)s", group=group)
        if person.is_young:
            return _("a young person")
        return _("a former member of StoryHub")
