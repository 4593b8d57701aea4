"""sitemap.xml and robots.txt: valid, public URLs only, fast."""

from xml.etree import ElementTree as ET

import pytest

from storyhub.core.models import utcnow
from storyhub.exchanges.models import Exchange
from storyhub.extensions import db
from tests import factories
from tests.search.helpers import count_queries, one_of_each_state, seed_stories

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# exchanges, rounds, stories, territories: one query each.
SITEMAP_QUERIES = 4


def allow_indexing() -> None:
    """Both educators of every exchange let search engines index the minors' stories."""
    db.session.execute(
        db.update(Exchange).values(inviting_indexable_at=utcnow(), invited_indexable_at=utcnow())
    )
    db.session.commit()


def locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    root = ET.fromstring(response.data)  # noqa: S314 (our own output) raises on invalid XML
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return {url.findtext("s:loc", namespaces=NS) for url in root.findall("s:url", NS)}


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
    root = ET.fromstring(client.get("/sitemap.xml").data)  # noqa: S314 (our own output)
    for url in root.findall("s:url", NS):
        if url.findtext("s:loc", namespaces=NS).endswith(f"/stories/{public.id}"):
            assert (
                url.findtext("s:lastmod", namespaces=NS) == public.published_at.date().isoformat()
            )
            break
    else:
        pytest.fail("the public story is missing")


def test_sitemap_is_cacheable(client):
    first = client.get("/sitemap.xml")
    assert "public" in first.headers["Cache-Control"]
    again = client.get("/sitemap.xml", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


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
    with count_queries() as statements:
        assert len(locations(client)) > stories
    assert len(statements) == SITEMAP_QUERIES, statements
