"""Time zones: the reader's zone (from their browser, kept on their account), instants written
with their offset, and the instants a day starts and ends in a given zone.

Anonymous visitors get UTC from the server (their pages are cached for everyone); the browser
rewrites those times in its own zone (static/js/local-time.js).
"""

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from babel.dates import get_timezone_location
from flask import has_request_context
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

DEFAULT_ZONE = "UTC"
END_OF_DAY = time(23, 59, 59)


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def valid_zone(name: str | None) -> str | None:
    """The IANA zone name if it is a real one ('Indian/Mayotte'), else None."""
    name = (name or "").strip()
    return name if name == DEFAULT_ZONE or name in _known_zones() else None


def zone_of(user) -> str:
    """The zone kept on this person's account, UTC when none is known."""
    return valid_zone(getattr(user, "time_zone", None)) or DEFAULT_ZONE


def reader_zone() -> str:
    """The zone times are shown in for this request: the signed-in reader's, else UTC."""
    if has_request_context() and current_user.is_authenticated:
        return zone_of(current_user)
    return DEFAULT_ZONE


def aware(moment: datetime) -> datetime:
    """An aware datetime (SQLite hands back naive UTC values)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def in_reader_zone(moment: datetime) -> datetime:
    """The instant in the reader's zone."""
    return aware(moment).astimezone(ZoneInfo(reader_zone()))


def iso_instant(moment: datetime) -> str:
    """'2026-12-06T09:37:00+03:00': an instant for <time datetime>, with its offset ('Z' in UTC)."""
    local = in_reader_zone(moment).replace(microsecond=0)
    if local.utcoffset() == timedelta(0):
        return local.strftime("%Y-%m-%dT%H:%M:%SZ")
    return local.isoformat()


# Offered first in the account's choice: where StoryHub's groups are (France and its overseas
# territories, the francophone and anglophone countries it twins with).
COMMON_ZONES = (
    "Europe/Paris", "Indian/Mayotte", "Indian/Reunion", "America/Martinique",
    "America/Guadeloupe", "America/Cayenne", "America/Miquelon", "Pacific/Noumea",
    "Pacific/Tahiti", "Pacific/Wallis", "Africa/Dakar", "Africa/Abidjan", "Africa/Casablanca",
    "Europe/Brussels", "Europe/Zurich", "Europe/Dublin", "Europe/London", "America/Toronto",
    "America/Montreal", "UTC",
)  # fmt: skip
REGIONS = {
    "Africa": _l("Africa"),
    "America": _l("Americas"),
    "Antarctica": _l("Antarctica"),
    "Asia": _l("Asia"),
    "Atlantic": _l("Atlantic Ocean"),
    "Australia": _l("Australia"),
    "Europe": _l("Europe"),
    "Indian": _l("Indian Ocean"),
    "Pacific": _l("Pacific Ocean"),
}


def _zone_name(zone: str) -> str:
    return zone.split("/", 1)[-1].replace("_", " ").replace("/", " – ")


def zone_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """The zones a reader may choose in their account, grouped: the common ones first (named
    with their place in the interface language), then each region's, A to Z. Each zone once."""
    common = [(zone, _zone_choice_label(zone)) for zone in COMMON_ZONES if valid_zone(zone)]
    groups = [(str(_("Common")), common)]
    by_region: dict[str, list[tuple[str, str]]] = {}
    for zone in sorted(_known_zones()):
        region = zone.split("/", 1)[0]
        if region in REGIONS and "/" in zone and zone not in COMMON_ZONES:
            by_region.setdefault(region, []).append((zone, _zone_name(zone)))
    groups += [
        (str(label), by_region[region]) for region, label in REGIONS.items() if region in by_region
    ]
    return groups


def _zone_choice_label(zone: str) -> str:
    if zone == DEFAULT_ZONE:
        return "UTC"
    return f"{zone_label(zone)} ({zone})"


def zone_label(zone: str | None = None) -> str:
    """The zone named in words: 'Mayotte time', 'Paris time', 'UTC'."""
    zone = valid_zone(zone) or reader_zone()
    if zone == DEFAULT_ZONE or "/" not in zone:
        return "UTC"
    city = get_timezone_location(ZoneInfo(zone), locale=str(get_locale()), return_city=True)
    return _("%(city)s time", city=city)


def start_of_day(day: date, zone: str) -> datetime:
    """The instant (UTC) a calendar day begins in zone."""
    return datetime.combine(day, time(0, 0), ZoneInfo(zone)).astimezone(UTC)


def end_of_day(day: date, zone: str) -> datetime:
    """The instant (UTC) of 23:59:59 on a calendar day in zone: a deadline 'on that day'."""
    return datetime.combine(day, END_OF_DAY, ZoneInfo(zone)).astimezone(UTC)


def today_in(zone: str, now: datetime | None = None) -> date:
    """The calendar day it is in zone."""
    return aware(now or datetime.now(UTC)).astimezone(ZoneInfo(zone)).date()
