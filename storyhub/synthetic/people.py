"""Synthetic territories, groups, educators, young people and their consent records."""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from storyhub.core.confusables import name_skeleton
from storyhub.core.passwords import hash_password
from storyhub.core.text import normalize_username, slugify
from storyhub.synthetic import words

YOUNG_PER_GROUP = 8
# Every generated account: data for load tests, never real people (documented in the README).
PASSWORD = "synthetic-data-2026"  # noqa: S105
NOW = datetime(2026, 11, 1, tzinfo=UTC)


@dataclass
class SyntheticGroup:
    """What the content generator needs to know of a group."""

    id: int
    territory_id: int
    languages: list[str]
    educator_id: int
    young_ids: list[int] = field(default_factory=list)


def make_territories(writer, rng: random.Random, count: int) -> list[tuple[int, str]]:
    """Territories spread over the countries: [(id, country)]."""
    made = []
    for _ in range(count):
        tid = writer.new_id("territory")
        country, lat, lon, spread = rng.choice(words.COUNTRIES)
        name = rng.choice(words.PLACE_STEMS) + rng.choice(words.PLACE_SUFFIXES)
        writer.add(
            "territory",
            {
                "id": tid,
                "name": name,
                "slug": f"{slugify(name, 120)}-{tid}",
                "country": country,
                "kind": rng.choice(("commune", "commune", "region", "island")),
                "latitude": round(lat + rng.uniform(-spread, spread), 1),
                "longitude": round(lon + rng.uniform(-spread, spread), 1),
                "presentation": " ".join(rng.sample(words.SENTENCES, 2)),
                "status": "approved",
                "created_at": NOW,
            },
        )
        made.append((tid, country))
    return made


def make_groups(writer, rng: random.Random, territories, count: int) -> list[SyntheticGroup]:
    """Groups, each with one verified educator and young people whose consent is recorded."""
    password_hash = hash_password(PASSWORD)
    groups = []
    for _ in range(count):
        territory_id, country = rng.choice(territories)
        group = _group(writer, rng, territory_id, words.LANGUAGES_BY_COUNTRY[country])
        group.educator_id = _educator(writer, rng, group.id, password_hash)
        for _ in range(YOUNG_PER_GROUP):
            group.young_ids.append(_young(writer, rng, group, password_hash))
        groups.append(group)
    return groups


def _group(writer, rng, territory_id: int, languages: str) -> SyntheticGroup:
    gid = writer.new_id("youth_group")
    kind, pattern = rng.choice(words.GROUP_KINDS)
    name = f"{pattern.format(rng.randint(3, 6))} {rng.choice(words.PLACE_STEMS)} {gid}"
    age_min = rng.randint(11, 16)
    writer.add(
        "youth_group",
        {
            "id": gid,
            "name": name[:120],
            "name_skeleton": name_skeleton(name[:120])[:300],
            "territory_id": territory_id,
            "kind": kind,
            "age_min": age_min,
            "age_max": age_min + rng.randint(1, 3),
            "languages": languages,
            "presentation": rng.choice(words.SENTENCES),
            "join_code": None,
            "join_code_enabled": False,
            "open_to_twinning": rng.random() < 0.3,
            "created_at": NOW,
        },
    )
    return SyntheticGroup(gid, territory_id, languages.split(","), 0)


def _user_row(uid: int, role: str, name: str, password_hash: str) -> dict:
    return {
        "id": uid,
        "role": role,
        "display_name": name,
        "display_name_skeleton": _skeleton(name),
        "username": None,
        "username_skeleton": None,
        "username_key": None,
        "email": None,
        "password_hash": password_hash,
        "locale": "fr",
        "organisation": None,
        "verified_at": None,
        "group_id": None,
        "created_at": NOW,
    }


_SKELETONS: dict[str, str] = {}


def _skeleton(name: str) -> str:
    """A display name's look-alike key (the ORM keeps it; bulk rows must carry it)."""
    if name not in _SKELETONS:
        _SKELETONS[name] = name_skeleton(name)[:200]
    return _SKELETONS[name]


def _educator(writer, rng, group_id: int, password_hash: str) -> int:
    uid = writer.new_id("user")
    row = _user_row(uid, "educator", rng.choice(words.EDUCATOR_NAMES), password_hash)
    row.update(email=f"educator{uid}@synthetic.example", verified_at=NOW, organisation="Synthetic")
    writer.add("user", row)
    writer.add("group_educator", {"group_id": group_id, "user_id": uid, "added_at": NOW})
    return uid


def _young(writer, rng, group: SyntheticGroup, password_hash: str) -> int:
    uid = writer.new_id("user")
    first = rng.choice(words.FIRST_NAMES)
    username = f"{slugify(first)}.{uid}"
    row = _user_row(uid, "young", first, password_hash)
    row.update(
        username=username,
        username_key=normalize_username(username),
        username_skeleton=name_skeleton(username)[:200],
        group_id=group.id,
    )
    writer.add("user", row)
    for kind in ("parental", "image"):
        writer.add(
            "consent",
            {
                "id": writer.new_id("consent"),
                "user_id": uid,
                "kind": kind,
                "granted": True,
                "given_on": date(2025, 9, 15),
                "recorded_at": NOW,
                "recorded_by_id": group.educator_id,
            },
        )
    return uid
