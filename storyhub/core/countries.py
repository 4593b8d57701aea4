"""ISO 3166-1 country codes with names in the interface language (from Babel's CLDR data)."""

import unicodedata
from functools import lru_cache

from babel import Locale
from flask_babel import get_locale

# CLDR also names regions that are not countries (Europe, United Nations, unknown...).
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})


def _is_code(code: str) -> bool:
    return len(code) == 2 and code.isascii() and code.isalpha() and code not in NOT_COUNTRIES


def country_names(locale: str | None = None) -> dict[str, str]:
    """{code: name} for every two-letter country code, sorted by name (a fresh copy)."""
    return dict(_country_names(locale or str(get_locale())))


@lru_cache(maxsize=16)
def _country_names(locale: str) -> dict[str, str]:
    """Built once per locale: reading and sorting CLDR's names took ~25 ms per call."""
    data = Locale.parse(locale).territories
    pairs = [(code, name) for code, name in data.items() if _is_code(code)]
    return dict(sorted(pairs, key=lambda pair: _sort_key(pair[1])))


def _sort_key(name: str) -> str:
    """Sort 'Égypte' with the E, not after Z."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def country_name(code: str) -> str:
    """The name of a country in the interface language, or the code itself."""
    return _country_names(str(get_locale())).get(code, code)


def is_country_code(code: str) -> bool:
    """True for a known ISO 3166-1 alpha-2 code."""
    return _is_code(code) and code in Locale.parse("en").territories
