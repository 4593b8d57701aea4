"""Languages a group or a story can use, with their writing direction."""

from flask_babel import lazy_gettext as _l

CONTENT_LANGUAGES = {
    "fr": _l("French"),
    "en": _l("English"),
    "es": _l("Spanish"),
    "pt": _l("Portuguese"),
    "de": _l("German"),
    "it": _l("Italian"),
    "ar": _l("Arabic"),
    "he": _l("Hebrew"),
    "wo": _l("Wolof"),
    "swb": _l("Shimaore"),
    "mg": _l("Malagasy"),
    "ht": _l("Haitian Creole"),
}
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur"})


def direction(code: str) -> str:
    """'rtl' or 'ltr' for a language code."""
    return "rtl" if code in RTL_LANGUAGES else "ltr"


def language_choices() -> list[tuple[str, str]]:
    """(code, name) pairs for select fields."""
    return [(code, str(name)) for code, name in CONTENT_LANGUAGES.items()]
