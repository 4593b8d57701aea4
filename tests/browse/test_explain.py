"""The public pages read the story table through indexes, never by scanning it (PostgreSQL).

A synthetic site of a few thousand stories is written (`flask generate-data`) and analysed, so
the planner weighs real statistics; each page is then requested for real and every statement
it sends that reads the story table is explained: a `Seq Scan on story` means an index is
missing (or a query reads the whole table), and the test names the page and the statement.
"""

import pytest
import sqlalchemy as sa

from storyhub.extensions import db
from storyhub.search.public import public_stories
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


def story_scans(statement: str, parameters) -> list[str]:
    """The plan lines scanning the story table sequentially, seq scans being disabled."""
    with db.engine.connect() as conn:
        plan = conn.exec_driver_sql(f"EXPLAIN {statement}", parameters).scalars().all()
    return [line for line in plan if "Seq Scan on story " in f"{line} "]


def test_hot_pages_never_scan_the_story_table(postgresql, client):
    generate_data(STORIES, echo=lambda _line: None)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    story = db.session.scalar(
        public_stories().where(Story.in_reply_to_id.is_not(None)).order_by(Story.id.desc())
    )
    pages = {
        "home": "/",
        "story": f"/stories/{story.id}",
        "replied-to story": f"/stories/{story.in_reply_to_id}",
        "pair": f"/rounds/{story.round_id}",
        "exchange": f"/exchanges/{story.round.exchange_id}",
        "feed": "/feeds/stories.atom",
        "api stories": "/api/v1/stories",
    }
    scanning = {}
    for name, url in pages.items():
        for statement, parameters in sent_statements(client, url):
            if " story" in statement and statement.lstrip().upper().startswith("SELECT"):
                lines = story_scans(statement, parameters)
                if lines:
                    scanning.setdefault(name, []).append((statement[:400], lines))
    report = "\n".join(
        f"{page}: {sql[:240]!r} {lines}" for page, found in scanning.items() for sql, lines in found
    )
    assert scanning == {}, report
