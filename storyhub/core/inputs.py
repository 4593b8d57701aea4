"""Numbers read from URLs and forms: ASCII digits only, bounded before any use."""

import re

MAX_DB_INTEGER = 2**31 - 1  # the largest id a database column holds
_DIGITS = re.compile(r"[0-9]{1,10}")


def bounded_int(raw, low: int = 1, high: int = MAX_DB_INTEGER, default: int | None = None):
    """The whole number in raw when it lies in [low, high], else default.

    Only ASCII digits count: '²' or '١' pass str.isdigit() but are no page number, and a
    5,000-digit value never reaches int() (Python refuses it) nor the database (overflow).
    """
    text = raw.strip() if isinstance(raw, str) else ("" if raw is None else str(raw))
    if not _DIGITS.fullmatch(text):
        return default
    number = int(text)
    return number if low <= number <= high else default
