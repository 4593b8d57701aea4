"""The public pages read the story table through indexes, never by scanning it (PostgreSQL).

A synthetic site of a few thousand stories is written (`flask generate-data`) and analysed, so
the planner weighs real statistics; each page is then requested for real and every statement
it sends that reads the story table is explained: a `Seq Scan on story` means an index is
missing (or a query reads the whole table), and the test names the page and the statement.
"""

import pytest
import sqlalchemy as sa

from storyhub.api.pagination import encode_cursor
from storyhub.extensions import db
from storyhub.public.queries import public_stories
from storyhub.stories.models import Story
from storyhub.synthetic.generate import generate_data

STORIES = 3000


@pytest.fixture
def postgresql(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("EXPLAIN plans are checked on PostgreSQL (pytest --db=postgresql)")


def sent_statements(client, url: str) -> list[tuple[str, object]]:
    """(SQL, parameters) of every statement a GET of url sends."""
    sent = []

    def before(conn, cursor, statement, parameters, context, executemany):
        sent.append((statement, parameters))

    sa.event.listen(db.engine, "before_cursor_execute", before)
    try:
        assert client.get(url).status_code == 200, url
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", before)
    return sent


def story_scans(statement: str, parameters, index_exists_only: bool = False) -> list[str]:
    """The plan lines scanning the story table sequentially (with index_exists_only, seq
    scans discouraged: a scan left in the plan means no index can serve the statement)."""
    with db.engine.connect() as conn:
        if index_exists_only:
            conn.exec_driver_sql("SET enable_seqscan = off")
        plan = conn.exec_driver_sql(f"EXPLAIN {statement}", parameters).scalars().all()
        conn.rollback()
    return [line for line in plan if "Seq Scan on story " in f"{line} "]


@pytest.fixture
def generated(postgresql):
    """A generated, analysed site; the newest public story that answers another one."""
    generate_data(STORIES, echo=lambda _line: None)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    return db.session.scalar(
        public_stories().where(Story.in_reply_to_id.is_not(None)).order_by(Story.id.desc())
    )


PAGES = {
    "story": lambda s: f"/stories/{s.id}",
    "replied-to story": lambda s: f"/stories/{s.in_reply_to_id}",
    "pair": lambda s: f"/rounds/{s.round_id}",
    "feed": lambda s: "/feeds/stories.atom",
    "sitemap file": lambda s: "/sitemaps/stories-0.xml",
    "home": lambda s: "/",
    "exchange": lambda s: f"/exchanges/{s.round.exchange_id}",
    "api stories": lambda s: "/api/v1/stories",
    "api deep numbered page, its anchors found": lambda s: "/api/v1/stories?per_page=100&page=20",
    "territory": lambda s: f"/places/{s.group.territory.slug}",
    "search, a common word": lambda s: "/search?q=foot",
    "search, a word and a filter": lambda s: "/search?q=%C3%A9cole&language=fr",
    "search, a rare word": lambda s: "/search?q=kaweni",
    "api stories after a cursor": lambda s: (
        f"/api/v1/stories?cursor={encode_cursor(s.published_at, s.id)}"
    ),
}


# Search walks the full-text matches newest first and stops at its window (300 stories): at
# 100 000 stories PostgreSQL does exactly that (docs/benchmarks/public-pages.md), but on this
# test's 3 000 it rightly finds reading the small table cheaper. So for search the test asks
# whether an index path exists at all. Likewise for the anchors of a deep numbered page: each
# query walks up to 1 000 rows along ix_story_status_published_at at 100 000 stories, which
# here is half the table.
SMALL_TABLE_CHOICE = ("search", "api deep numbered page")


def scans_of(client, url: str, page: str = "") -> list[tuple[str, list[str]]]:
    """(statement, plan lines) of the statements of a page that scan the story table."""
    found = []
    for statement, parameters in sent_statements(client, url):
        if " story" in statement and statement.lstrip().upper().startswith("SELECT"):
            lines = story_scans(statement, parameters, page.startswith(SMALL_TABLE_CHOICE))
            if lines:
                found.append((statement[:400], lines))
    return found


# The deep numbered API page is asked after the list's total is counted and kept (per content
# version, api/pagination.py: a count reads every row, once), so that its own statements are
# checked: the anchors it needs, found in one query along the index, and the page read after one.
COUNTED_FIRST = {"api deep numbered page, its anchors found": "/api/v1/stories?per_page=1"}


@pytest.mark.parametrize("page", PAGES)
def test_hot_pages_never_scan_the_story_table(client, generated, page):
    if page in COUNTED_FIRST:
        assert client.get(COUNTED_FIRST[page] + "&page=1").status_code == 200
    assert scans_of(client, PAGES[page](generated), page) == []


def test_territory_seeks_each_groups_latest_stories_along_their_index(client, generated):
    """The place's latest stories: each of its groups' few latest read backwards along
    ix_story_group_published (group, status, published_at, id), not the site's newest-first
    index walked until enough of the place turn up, nor every story of its groups sorted."""
    url = PAGES["territory"](generated)
    seeks = [(s, p) for s, p in sent_statements(client, url) if " LATERAL " in s]
    assert len(seeks) == 1, "the latest stories are not sought group by group"
    with db.engine.connect() as conn:
        plan = "\n".join(conn.exec_driver_sql(f"EXPLAIN {seeks[0][0]}", seeks[0][1]).scalars())
        conn.rollback()
    assert "Index Scan Backward using ix_story_group_published on story" in plan, plan
    assert "Seq Scan on story " not in f"{plan} ", plan
