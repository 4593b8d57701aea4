"""ISO 3166-1 country codes with names in the interface language (from Babel's CLDR data)."""

from babel import Locale
from flask_babel import get_locale


def country_names(locale: str | None = None) -> dict[str, str]:
    """{code: name} for every two-letter country code, sorted by name."""
    data = Locale.parse(locale or str(get_locale())).territories
    pairs = [(code, name) for code, name in data.items() if len(code) == 2 and code.isalpha()]
    return dict(sorted(pairs, key=lambda pair: pair[1]))


def country_name(code: str) -> str:
    """The name of a country in the interface language, or the code itself."""
    return country_names().get(code, code)


def is_country_code(code: str) -> bool:
    """True for a known ISO 3166-1 alpha-2 code."""
    return code in Locale.parse("en").territories and len(code) == 2 and code.isalpha()
