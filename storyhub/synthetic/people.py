"""Synthetic territories, groups, educators, young people and their consent records."""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from storyhub.core.confusables import name_skeleton
from storyhub.core.passwords import hash_password
from storyhub.core.text import normalize_username, slugify
from storyhub.synthetic import words
from storyhub.synthetic.bulk import Clock

YOUNG_PER_GROUP = 8
# Every generated account: data for load tests, never real people (documented in the README).
PASSWORD = "synthetic-data-2026"  # noqa: S105
NOW = datetime(2026, 11, 1, tzinfo=UTC)
CONSENT_DAY = date(2025, 9, 15)


@dataclass
class SyntheticGroup:
    """What the content generator needs to know of a group."""

    id: int
    territory_id: int
    languages: list[str]
    educator_id: int
    young_ids: list[int] = field(default_factory=list)


TERRITORY = "id name slug country kind latitude longitude presentation status created_at"
YOUTH_GROUP = (
    "id name name_skeleton territory_id kind age_min age_max languages presentation join_code"
    " join_code_enabled open_to_twinning created_at"
)
USER = (
    "id role display_name display_name_skeleton username username_skeleton username_key email"
    " password_hash locale organisation verified_at group_id created_at"
)
CONSENT = "id user_id kind granted given_on recorded_at recorded_by_id"


def make_territories(writer, rng: random.Random, count: int) -> list[tuple[int, str]]:
    """Territories spread over the countries: [(id, country)]."""
    rows = writer.table("territory", TERRITORY)
    now = Clock(writer.dialect).text(NOW)
    made = []
    for _ in range(count):
        tid = writer.new_id("territory")
        country, lat, lon, spread = rng.choice(words.COUNTRIES)
        name = rng.choice(words.PLACE_STEMS) + rng.choice(words.PLACE_SUFFIXES)
        rows.append(
            (
                tid,
                name,
                f"{slugify(name, 120)}-{tid}",
                country,
                rng.choice(("commune", "commune", "region", "island")),
                round(lat + rng.uniform(-spread, spread), 1),
                round(lon + rng.uniform(-spread, spread), 1),
                " ".join(rng.sample(words.SENTENCES, 2)),
                "approved",
                now,
            )
        )
        made.append((tid, country))
    return made


class _PeopleMaker:
    """Groups, their educator and young people, and the young people's consent records."""

    def __init__(self, writer, rng: random.Random):
        self.writer, self.rng = writer, rng
        clock = Clock(writer.dialect)
        self.now, self.consent_day = clock.text(NOW), clock.day(clock.number(CONSENT_DAY))
        self.password_hash = hash_password(PASSWORD)
        self.groups = writer.table("youth_group", YOUTH_GROUP)
        self.users = writer.table("user", USER)
        self.group_educators = writer.table("group_educator", "group_id user_id added_at")
        self.consents = writer.table("consent", CONSENT)

    def group(self, territory_id: int, languages: str) -> SyntheticGroup:
        rng = self.rng
        gid = self.writer.new_id("youth_group")
        kind, pattern = rng.choice(words.GROUP_KINDS)
        name = f"{pattern.format(rng.randint(3, 6))} {rng.choice(words.PLACE_STEMS)} {gid}"[:120]
        age_min = rng.randint(11, 16)
        self.groups.append(
            (
                gid,
                name,
                name_skeleton(name)[:300],
                territory_id,
                kind,
                age_min,
                age_min + rng.randint(1, 3),
                languages,
                rng.choice(words.SENTENCES),
                None,
                False,
                rng.random() < 0.3,
                self.now,
            )
        )
        return SyntheticGroup(gid, territory_id, languages.split(","), 0)

    def educator(self, group_id: int) -> int:
        uid = self.writer.new_id("user")
        name = self.rng.choice(words.EDUCATOR_NAMES)
        email = f"educator{uid}@synthetic.example"
        self.users.append(self._user(uid, "educator", name, None, email, "Synthetic", self.now))
        self.group_educators.append((group_id, uid, self.now))
        return uid

    def young(self, group: SyntheticGroup) -> int:
        uid = self.writer.new_id("user")
        first = self.rng.choice(words.FIRST_NAMES)
        row = self._user(uid, "young", first, f"{_slug(first)}.{uid}", None, None, None)
        self.users.append(row + (group.id, self.now))
        for kind in ("parental", "image"):
            consent_id = self.writer.new_id("consent")
            self.consents.append(
                (consent_id, uid, kind, True, self.consent_day, self.now, group.educator_id)
            )
        return uid

    def _user(self, uid, role, name, username, email, organisation, verified_at) -> tuple:
        """A user row up to verified_at (young people add their group and creation time)."""
        row = (
            uid,
            role,
            name,
            _skeleton(name),
            username,
            name_skeleton(username)[:200] if username else None,
            normalize_username(username) if username else None,
            email,
            self.password_hash,
            "fr",
            organisation,
            verified_at,
        )
        return row if role == "young" else row + (None, self.now)


def make_groups(writer, rng: random.Random, territories, count: int) -> list[SyntheticGroup]:
    """Groups, each with one verified educator and young people whose consent is recorded."""
    maker = _PeopleMaker(writer, rng)
    groups = []
    for _ in range(count):
        territory_id, country = rng.choice(territories)
        group = maker.group(territory_id, words.LANGUAGES_BY_COUNTRY[country])
        group.educator_id = maker.educator(group.id)
        for _ in range(YOUNG_PER_GROUP):
            group.young_ids.append(maker.young(group))
        groups.append(group)
    return groups


_SKELETONS: dict[str, str] = {}
_SLUGS: dict[str, str] = {}


def _skeleton(name: str) -> str:
    """A display name's look-alike key (the ORM keeps it; bulk rows must carry it)."""
    if name not in _SKELETONS:
        _SKELETONS[name] = name_skeleton(name)[:200]
    return _SKELETONS[name]


def _slug(name: str) -> str:
    if name not in _SLUGS:
        _SLUGS[name] = slugify(name)
    return _SLUGS[name]
