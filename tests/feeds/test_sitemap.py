"""The sitemap (an index and its files) and robots.txt: valid, every public URL, nothing else."""

from xml.etree import ElementTree as ET

import pytest

from storyhub.core.models import utcnow
from storyhub.exchanges.models import Exchange
from storyhub.extensions import db
from storyhub.public.queries import (
    public_exchanges,
    public_rounds,
    public_stories,
    public_territories,
)
from storyhub.search.links import public_url
from storyhub.stories.models import Story
from tests import factories
from tests.search.helpers import count_queries, one_of_each_state, seed_stories

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# The index: the highest id of each of the 4 kinds, and the content version of its ETag.
INDEX_QUERIES = 5
# A file: the highest id of its kind, its rows, the content version.
FILE_QUERIES = 3


def allow_indexing() -> None:
    """Both educators of every exchange let search engines index the minors' stories."""
    db.session.execute(
        db.update(Exchange).values(inviting_indexable_at=utcnow(), invited_indexable_at=utcnow())
    )
    db.session.commit()


def document(client, url: str, tag: str):
    """The parsed XML at url (relative or absolute), checked to be a `tag` document."""
    response = client.get(url.removeprefix("http://localhost"))
    assert response.status_code == 200, url
    assert response.mimetype == "application/xml"
    root = ET.fromstring(response.data)  # noqa: S314 (our own output) raises on invalid XML
    assert root.tag == f"{{http://www.sitemaps.org/schemas/sitemap/0.9}}{tag}"
    return root


def sitemap_files(client) -> list[str]:
    """The URLs of the files the index lists."""
    index = document(client, "/sitemap.xml", "sitemapindex")
    return [entry.findtext("s:loc", namespaces=NS) for entry in index.findall("s:sitemap", NS)]


def file_urls(client, url: str) -> list[str]:
    root = document(client, url, "urlset")
    return [entry.findtext("s:loc", namespaces=NS) for entry in root.findall("s:url", NS)]


def locations(client) -> set[str]:
    """Every URL of every file of the sitemap."""
    return {loc for url in sitemap_files(client) for loc in file_urls(client, url)}


def test_sitemap_lists_only_public_pages(client):
    public, others = one_of_each_state()
    lonely = factories.make_territory()  # no group in a public exchange
    exchange = public.round.exchange
    allow_indexing()
    found = locations(client)
    assert f"http://localhost/stories/{public.id}" in found
    assert f"http://localhost/rounds/{public.round_id}" in found
    assert f"http://localhost/exchanges/{exchange.id}" in found
    for group in exchange.groups:
        assert f"http://localhost/places/{group.territory.slug}" in found
    for story in others.values():
        assert f"http://localhost/stories/{story.id}" not in found
    private = others["private exchange"].round
    assert f"http://localhost/rounds/{private.id}" not in found
    assert f"http://localhost/exchanges/{private.exchange_id}" not in found
    for group in private.exchange.groups:
        assert f"http://localhost/places/{group.territory.slug}" not in found
    assert f"http://localhost/places/{lonely.slug}" not in found


def test_story_urls_carry_their_publication_date(client):
    public, _ = one_of_each_state()
    allow_indexing()
    root = document(client, "/sitemaps/stories-0.xml", "urlset")
    for url in root.findall("s:url", NS):
        if url.findtext("s:loc", namespaces=NS).endswith(f"/stories/{public.id}"):
            assert (
                url.findtext("s:lastmod", namespaces=NS) == public.published_at.date().isoformat()
            )
            break
    else:
        pytest.fail("the public story is missing")


def test_sitemap_is_cacheable(client):
    one_of_each_state()
    for url in ["/sitemap.xml", *sitemap_files(client)]:
        url = url.removeprefix("http://localhost")
        first = client.get(url)
        assert "public" in first.headers["Cache-Control"], url
        with count_queries() as statements:
            again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304, url
        assert len(statements) <= 1, url


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert "User-agent: *" in text
    assert "Sitemap: http://localhost/sitemap.xml" in text


@pytest.mark.parametrize("stories", [5, 200])
def test_sitemap_runs_a_fixed_number_of_queries(client, stories):
    seed_stories(stories)
    allow_indexing()
    with count_queries() as index:
        files = sitemap_files(client)
    with count_queries() as one_file:
        assert len(file_urls(client, "/sitemaps/stories-0.xml")) == stories
    assert len(index) == INDEX_QUERIES, index
    assert len(one_file) == FILE_QUERIES, one_file
    assert len(files) == 5  # the home page's file and one file of each kind


def expected_urls() -> set[str]:
    """Every public page, read from the database with the visibility rules."""
    found = {
        public_url("story", i)
        for i in db.session.scalars(public_stories().with_only_columns(Story.id))
    }
    found |= {public_url("exchange", e.id) for e in db.session.scalars(public_exchanges())}
    found |= {public_url("round", r.id) for r in db.session.scalars(public_rounds())}
    found |= {public_url("territory", t.slug) for t in db.session.scalars(public_territories())}
    return found | {"http://localhost/"}


def test_every_public_page_is_listed_across_files_of_bounded_size(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "SITEMAP_MAX_URLS", 3)
    seed_stories(14)
    one_of_each_state()  # and stories, rounds, exchanges that must stay out
    allow_indexing()
    files = sitemap_files(client)
    listed = []
    for url in files:
        urls = file_urls(client, url)
        assert len(urls) <= 3, url
        listed += urls
    with app.test_request_context():
        expected = expected_urls()
    assert len(listed) == len(set(listed))  # each page once
    assert set(listed) == expected
    assert sum("/stories/" in url for url in listed) >= 15
    assert sum("/sitemaps/stories-" in url for url in files) >= 5


def test_a_file_beyond_the_last_is_not_found(client):
    seed_stories(2)
    assert client.get("/sitemaps/stories-1.xml").status_code == 404
    assert client.get("/sitemaps/nothing-0.xml").status_code == 404


def test_a_withdrawn_story_leaves_its_sitemap_file_at_once(client):
    public, _ = one_of_each_state()
    allow_indexing()
    url = f"http://localhost/stories/{public.id}"
    assert url in file_urls(client, "/sitemaps/stories-0.xml")  # built and kept
    public.hidden_at = public.published_at
    db.session.commit()
    assert url not in file_urls(client, "/sitemaps/stories-0.xml")
