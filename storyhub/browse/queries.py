"""Reading the public pages: home, territory, map. Each runs a fixed number of queries.

Everything shown comes through the one visibility rule of each kind of content:
`public_exchange_clause()` for exchanges, `visible_story_clause(...)` for stories.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select, true, union_all
from sqlalchemy.orm import joinedload, selectinload

from storyhub.accounts.models import AnonymousUser
from storyhub.core.versions import kept_for_version
from storyhub.exchanges.models import Exchange, Round, Theme, exchange_theme
from storyhub.exchanges.permissions import public_exchange_clause
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.stories.models import Story
from storyhub.stories.permissions import visible_story_clause
from storyhub.territories.models import STATUS_APPROVED, Territory

HOME_EXCHANGES = 3
HOME_PAIRS = 4
TERRITORY_STORIES = 6
TERRITORY_EXCHANGES = 12  # the latest; the directory filtered by the place lists them all
TERRITORY_TWINS = 24  # the latest twinned (at least those of the exchanges shown); same link
PAIR_CANDIDATES = 50


def _with_sides(query):
    """Load both groups and their territories with the exchanges, in the same query."""
    return query.options(
        joinedload(Exchange.inviting_group).joinedload(Group.territory),
        joinedload(Exchange.invited_group).joinedload(Group.territory),
    )


def published_order():
    """Most recently made public first (the second key is turned last)."""
    return func.coalesce(Exchange.invited_published_at, Exchange.created_at).desc()


def public_stories():
    """SELECT the stories the public may read (joined to their round and exchange)."""
    return (
        select(Story)
        .join(Round, Story.round_id == Round.id)
        .join(Exchange, Round.exchange_id == Exchange.id)
        .where(visible_story_clause(AnonymousUser()))
    )


def home_exchanges(limit: int = HOME_EXCHANGES) -> list[Exchange]:
    """The featured public exchanges, newest choice first, completed by the latest public ones.

    The candidates are read along two indexes (the latest featured, the latest published:
    `limit` of each), never by sorting every public exchange."""
    featured = (
        select(Exchange.id)
        .where(public_exchange_clause(), Exchange.featured_at.is_not(None))
        .order_by(Exchange.featured_at.desc())
        .limit(limit)
    )
    latest = (
        select(Exchange.id)
        .where(public_exchange_clause())
        .order_by(published_order(), Exchange.id.desc())
        .limit(limit)
    )
    # One IN over the union of both (at most 2 × limit ids): with `id IN (…) OR id IN (…)`
    # PostgreSQL read every exchange to test the OR (155 ms at a million stories).
    featured, latest = featured.subquery(), latest.subquery()
    candidates = select(featured.c.id).union(select(latest.c.id))
    query = _with_sides(select(Exchange).where(Exchange.id.in_(candidates)))
    query = query.options(selectinload(Exchange.themes)).order_by(
        Exchange.featured_at.is_(None), Exchange.featured_at.desc(), published_order()
    )
    return list(db.session.scalars(query.limit(limit)).unique())


@dataclass
class Pair:
    """A round answered by both sides: its latest published story on each side."""

    round: Round
    stories: list[Story] = field(default_factory=list)  # side A, then side B

    @property
    def published_at(self):
        """When the pair was completed (its latest story)."""
        return max(story.published_at for story in self.stories)


def latest_pairs(limit: int = HOME_PAIRS) -> list[Pair]:
    """The rounds most recently answered on both sides, each with one story per side, among
    the rounds of the PAIR_CANDIDATES latest public stories (exact unless fewer than `limit`
    of those rounds are answered on both sides)."""
    # Candidates: the rounds of the latest public stories, read by walking the
    # (status, published_at, id) index backwards; then only those rounds are grouped (by
    # their ids, so the planner reads them through story.round_id, never every story).
    latest = (
        public_stories()
        .with_only_columns(Story.round_id)
        .order_by(Story.published_at.desc(), Story.id.desc())
        .limit(PAIR_CANDIDATES)
    )
    candidates = sorted(set(db.session.scalars(latest)))
    if not candidates:
        return []
    both_sides = (
        public_stories()
        .where(Story.round_id.in_(candidates))
        .with_only_columns(Story.round_id)
        .group_by(Story.round_id)
        .having(func.count(Story.group_id.distinct()) >= 2)
        .order_by(func.max(Story.published_at).desc())
        .limit(limit)
    )
    rank = func.row_number().over(
        partition_by=(Story.round_id, Story.group_id),
        order_by=(Story.published_at.desc(), Story.id.desc()),
    )
    ranked = (
        public_stories()
        .where(Story.round_id.in_(candidates), Story.round_id.in_(both_sides))
        .with_only_columns(Story.id, rank.label("rank"))
        .subquery()
    )
    query = (
        select(Story)
        .join(ranked, ranked.c.id == Story.id)
        .where(ranked.c.rank == 1)
        .options(
            joinedload(Story.round).joinedload(Round.exchange),
            joinedload(Story.group).joinedload(Group.territory),
            selectinload(Story.blocks),
        )
    )
    pairs: dict[int, Pair] = {}
    for story in db.session.scalars(query).unique():
        pairs.setdefault(story.round_id, Pair(story.round)).stories.append(story)
    for pair in pairs.values():
        first = pair.round.exchange.inviting_group_id
        pair.stories.sort(key=lambda story: story.group_id != first)
    return sorted(pairs.values(), key=lambda pair: pair.published_at, reverse=True)


def theme_counts() -> list[tuple[Theme, int]]:
    """Every theme with its number of public exchanges (counted over every public exchange:
    once per content version)."""
    return kept_for_version("home theme counts", None, _theme_counts)


def _theme_counts() -> list[tuple[Theme, int]]:
    public_ids = select(Exchange.id).where(public_exchange_clause())
    count = (
        select(func.count())
        .where(
            exchange_theme.c.theme_id == Theme.id,
            exchange_theme.c.exchange_id.in_(public_ids),
        )
        .scalar_subquery()
    )
    query = select(Theme, count).order_by(Theme.slug)
    return [(theme.copy(), n) for theme, n in db.session.execute(query)]


def public_territory(slug: str) -> Territory | None:
    """An approved territory by its slug."""
    query = select(Territory).where(Territory.slug == slug, Territory.status == STATUS_APPROVED)
    return db.session.scalar(query)


def _territory_of(group_id):
    """SQL: the territory of the group of this column (one lookup by key per row)."""
    return select(Group.territory_id).where(Group.id == group_id).scalar_subquery()


def territory_sides(territory: Territory) -> list:
    """(id, inviting_group_id, invited_group_id, inviting_territory_id, invited_territory_id)
    of the public exchanges one of whose sides is in this territory, newest first: plain
    columns, so the page loads only what it shows.
    Found from the territory's groups through the index of each side (the union of two
    index lookups): joining both sides' groups read every public exchange (11 s at a million
    stories on SQLite), and an OR of the two made PostgreSQL read them all (139 ms). Each
    side's territory is looked up by key per row, for the same reason."""
    groups = select(Group.id).where(Group.territory_id == territory.id)
    candidates = select(Exchange.id).where(Exchange.inviting_group_id.in_(groups))
    candidates = candidates.union(select(Exchange.id).where(Exchange.invited_group_id.in_(groups)))
    query = (
        select(
            Exchange.id,
            Exchange.inviting_group_id,
            Exchange.invited_group_id,
            _territory_of(Exchange.inviting_group_id).label("inviting_territory_id"),
            _territory_of(Exchange.invited_group_id).label("invited_territory_id"),
        )
        .where(public_exchange_clause(), Exchange.id.in_(candidates))
        .order_by(published_order(), Exchange.id.desc())
    )
    return db.session.execute(query).all()


def exchanges_by_id(ids: list[int]) -> list[Exchange]:
    """These exchanges with both sides and their themes, in the order of ids."""
    if not ids:
        return []
    query = _with_sides(select(Exchange).where(Exchange.id.in_(ids)))
    found = {e.id: e for e in db.session.scalars(query.options(selectinload(Exchange.themes)))}
    return [found[i] for i in ids if i in found]


def groups_and_twins(territory: Territory, sides: list):
    """The territory's groups taking part in these exchanges, the territories twinned with it
    (the TERRITORY_TWINS latest twinned, so that the page keeps its size however many places
    the site holds: a place had 23 twins at 10 000 stories, 119 at 100 000) and how many
    there are. One query: its groups and one group of each twin shown, with territories."""
    own, shown, every_twin = set(), {}, set()
    for side in sides:
        pairs = (
            (side.inviting_group_id, side.inviting_territory_id),
            (side.invited_group_id, side.invited_territory_id),
        )
        for group_id, territory_id in pairs:
            if territory_id == territory.id:
                own.add(group_id)
                continue
            every_twin.add(territory_id)
            if len(shown) < TERRITORY_TWINS:
                shown.setdefault(territory_id, group_id)
    if not own and not shown:
        return [], [], 0
    query = select(Group).where(Group.id.in_(own | set(shown.values())))
    groups, twins = [], []
    for group in db.session.scalars(query.options(joinedload(Group.territory))):
        if group.id in own:
            groups.append(group)
        if shown.get(group.territory_id) == group.id:
            twins.append(group.territory)
    ordered_groups = sorted(groups, key=lambda g: g.name.casefold())
    ordered_twins = sorted(twins, key=lambda t: t.name.casefold())
    return ordered_groups, ordered_twins, len(every_twin)


def territory_stories(group_ids, limit: int = TERRITORY_STORIES) -> list[Story]:
    """The latest public stories written by these groups (a place's groups in its public
    exchanges: a public story is its side's, in a public exchange), newest first.

    Each group's `limit` latest are sought along ix_story_group_published, then the newest
    `limit` of those kept: walking the site's newest-first index until enough of the place
    turned up, or reading every story of its groups, grew with the site (about 500 stories
    at a million, each checked against the public rule: 23 ms on PostgreSQL)."""
    if not group_ids:
        return []
    latest = _latest_of_each(sorted(group_ids), limit)
    query = (
        select(Story)
        .join(latest, latest.c.id == Story.id)
        .order_by(latest.c.published_at.desc(), latest.c.id.desc())
        .options(joinedload(Story.round), joinedload(Story.group))
        .limit(limit)
    )
    return list(db.session.scalars(query).unique())


def _latest_of_each(group_ids: list[int], limit: int):
    """Subquery (id, published_at): the `limit` latest public stories of each group.

    PostgreSQL seeks them in a LATERAL subquery, planned once (a UNION of one seek per group
    took 25 ms to plan for a place's 14 groups); SQLite, without LATERAL, unites the seeks."""

    def seek(group_id):
        return (
            public_stories()
            .with_only_columns(Story.id, Story.published_at)
            .where(Story.group_id == group_id)
            .order_by(Story.published_at.desc(), Story.id.desc())
            .limit(limit)
        )

    if db.engine.dialect.name == "postgresql":
        groups = select(Group.id).where(Group.id.in_(group_ids)).subquery()
        each = seek(groups.c.id).lateral()
        latest = select(each.c.id, each.c.published_at).select_from(groups).join(each, true())
        return latest.subquery()
    seeks = (seek(group_id).subquery() for group_id in group_ids)
    return union_all(*(select(one.c.id, one.c.published_at) for one in seeks)).subquery()


def story_counts(exchange_ids) -> dict[int, int]:
    """{exchange id: number of public stories} for these exchanges, in one query."""
    if not exchange_ids:
        return {}
    query = (
        public_stories()
        .with_only_columns(Round.exchange_id, func.count(Story.id))
        .where(Round.exchange_id.in_(exchange_ids))
        .group_by(Round.exchange_id)
    )
    return dict(db.session.execute(query).all())


def round_pairs(exchange: Exchange, user) -> dict[int, dict[int, list[Story]]]:
    """{round id: {group id: stories this user may read}} for an exchange, in one query."""
    query = (
        select(Story)
        .join(Round, Story.round_id == Round.id)
        .join(Exchange, Round.exchange_id == Exchange.id)
        .where(
            Round.exchange_id == exchange.id,
            visible_story_clause(user),
            Story.status == "approved",
        )
        .order_by(Story.published_at, Story.id)
    )
    found: dict[int, dict[int, list[Story]]] = defaultdict(lambda: defaultdict(list))
    for story in db.session.scalars(query):
        found[story.round_id][story.group_id].append(story)
    return found
