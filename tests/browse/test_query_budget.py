"""The public pages make a fixed, small number of SQL queries per anonymous request, the same
on a small site and on a site ten times larger (scripts/benchmark.py checks the same target,
MAX_QUERIES, over HTTP at 10 000 and 100 000 stories).

Each scale is a generated site (`flask generate-data`); every page is asked about the newest
public story that answers another one and shows a photo (its page then loads the most: blocks,
media, the people in them and their consents, the story it answers, its twins and replies), and
the pages around it. A query per story, per block, per person or per round fails the test.
"""

import pytest
import sqlalchemy as sa

from storyhub.exchanges.models import Round
from storyhub.extensions import db
from storyhub.public.queries import public_stories
from storyhub.stories.models import Block, Story
from storyhub.synthetic.generate import generate_data
from tests.conftest import _empty_tables
from tests.sql import count_queries

MAX_QUERIES = 12  # scripts/benchmark.py MAX_QUERIES
SCALES = (60, 600)

PAGES = {
    "story": lambda s: f"/stories/{s.id}",
    "replied-to story": lambda s: f"/stories/{s.in_reply_to_id}",
    "pair (round)": lambda s: f"/rounds/{s.round_id}",
    "pair, read side by side": lambda s: f"/rounds/{s.round_id}/read",
    "exchange": lambda s: f"/exchanges/{s.round.exchange_id}",
    "home": lambda s: "/",
    "directory": lambda s: "/explore",
}


def newest_full_story() -> Story:
    """The newest public story that answers another one and has a photo in a block."""
    with_photo = sa.exists().where(Block.story_id == Story.id, Block.media_id.is_not(None))
    story = db.session.scalar(
        public_stories()
        .where(Story.in_reply_to_id.is_not(None), with_photo)
        .order_by(Story.id.desc())
        .limit(1)
    )
    assert story is not None, "the generated site has no public reply with a photo"
    return story


def page_queries(client, url: str) -> int:
    """The statements one anonymous GET of url sends, as in a request of its own (nothing
    already loaded in the session), after a first visit as the benchmark does (what a page
    keeps per content version, such as the directory's facet counts, is then kept)."""
    assert client.get(url).status_code == 200, url
    db.session.expunge_all()
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(statements)


def counts_at(client, stories: int) -> dict[str, int]:
    _empty_tables()
    generate_data(stories, echo=lambda _line: None)
    story = newest_full_story()
    urls = {page: make(story) for page, make in PAGES.items()}
    assert db.session.get(Round, story.round_id) is not None
    return {page: page_queries(client, url) for page, url in urls.items()}


@pytest.fixture
def counts(client):
    """{stories: {page: queries}} at both scales."""
    return {size: counts_at(client, size) for size in SCALES}


def test_public_pages_make_at_most_twelve_queries_at_both_scales(counts):
    for size, pages in counts.items():
        over = {page: n for page, n in pages.items() if n > MAX_QUERIES}
        assert not over, (size, over)
    small, large = (counts[size] for size in SCALES)
    assert small == large, counts
