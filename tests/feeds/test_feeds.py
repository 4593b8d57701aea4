"""Atom feeds: valid for feed readers, public stories only, cacheable, fast."""

import feedparser
import pytest

from storyhub.extensions import db
from tests import factories
from tests.search.helpers import (
    add_media,
    count_queries,
    one_of_each_state,
    published,
    seed_stories,
)

# themes (names), stories (with group and territory joined), then their blocks, authors and
# themes, each in one SELECT … IN, and their public translations (one query). The exchange
# feed first checks the exchange is public.
SITE_FEED_QUERIES = 7  # with the content version of the ETag
EXCHANGE_FEED_QUERIES = 8  # with the content version of the ETag


def parse(response):
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def entry_links(feed):
    return {entry.link for entry in feed.entries}


@pytest.fixture
def states():
    return one_of_each_state("lighthouse")


def test_site_feed_is_valid_atom_with_absolute_links(client):
    round_ = factories.make_round(factories.make_exchange(public=True))
    young = factories.make_young(round_.exchange.inviting_group, name="Lina")
    story = published(
        round_,
        title="Fish & <chips>",
        text="<p>Le <strong>port</strong> au matin.</p>",
        authors=[young],
    )
    story.themes.append(factories.make_theme("environment"))
    db.session.commit()
    feed = parse(client.get("/feeds/stories.atom"))
    assert feed.feed.title
    assert feed.feed.links[0].href.startswith("http://localhost/")
    [entry] = feed.entries
    assert entry.title == "Fish & <chips>"
    assert entry.link == f"http://localhost/stories/{story.id}"
    assert entry.id == entry.link
    assert entry.author == f"Lina, {round_.exchange.inviting_group.name}"
    assert "<strong>port</strong>" in entry.content[0].value
    assert entry.summary == "Le port au matin."
    assert entry.tags[0].term == "environment"
    assert entry.published_parsed is not None


def test_an_empty_feed_is_still_valid(client):
    feed = parse(client.get("/feeds/stories.atom"))
    assert feed.entries == []


def test_site_feed_lists_only_public_stories(client, states):
    public, others = states
    links = entry_links(parse(client.get("/feeds/stories.atom")))
    assert links == {f"http://localhost/stories/{public.id}"}


def test_exchange_feed_lists_only_public_stories_of_a_public_exchange(client, states):
    public, others = states
    feed = parse(client.get(f"/feeds/exchanges/{public.round.exchange_id}.atom"))
    assert entry_links(feed) == {f"http://localhost/stories/{public.id}"}


def test_a_private_exchange_has_no_feed(client, states):
    _, others = states
    private = others["private exchange"].round.exchange_id
    assert client.get(f"/feeds/exchanges/{private}.atom").status_code == 404
    assert client.get("/feeds/exchanges/999999.atom").status_code == 404


def test_theme_feed_lists_only_public_stories(client, states):
    public, _ = states
    feed = parse(client.get("/feeds/themes/living-together.atom"))
    assert entry_links(feed) == {f"http://localhost/stories/{public.id}"}
    assert parse(client.get("/feeds/themes/environment.atom")).entries == []
    assert client.get("/feeds/themes/no-such-theme.atom").status_code == 404


def test_territory_feed_lists_only_public_stories(client, states):
    public, others = states
    slug = public.group.territory.slug
    feed = parse(client.get(f"/feeds/territories/{slug}.atom"))
    assert entry_links(feed) == {f"http://localhost/stories/{public.id}"}


def test_a_territory_without_public_exchange_has_no_feed(client, states):
    _, others = states
    private_slug = others["private exchange"].group.territory.slug
    assert client.get(f"/feeds/territories/{private_slug}.atom").status_code == 404
    assert client.get("/feeds/territories/nowhere.atom").status_code == 404


def test_feeds_are_cacheable_and_answer_304(client, states):
    first = client.get("/feeds/stories.atom")
    etag = first.headers["ETag"]
    assert "public" in first.headers["Cache-Control"]
    assert "no-cache" in first.headers["Cache-Control"]  # a withdrawn entry leaves at once
    assert first.headers["Last-Modified"]
    again = client.get("/feeds/stories.atom", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag


def test_unpublishing_changes_the_feed_at_once(client, states):
    public, _ = states
    etag = client.get("/feeds/stories.atom").headers["ETag"]
    public.status = "unpublished"
    db.session.commit()
    response = client.get("/feeds/stories.atom", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert parse(response).entries == []


def test_if_modified_since_alone_never_serves_a_stale_feed(client, states):
    response = client.get(
        "/feeds/stories.atom", headers={"If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("stories", [5, 200])
def test_feeds_run_a_fixed_number_of_queries(client, stories):
    exchange_id = seed_stories(stories)[0].exchange_id
    with count_queries() as site:
        assert len(parse(client.get("/feeds/stories.atom")).entries) == min(30, stories)
    with count_queries() as one_exchange:
        parse(client.get(f"/feeds/exchanges/{exchange_id}.atom"))
    assert len(site) == SITE_FEED_QUERIES, site
    assert len(one_exchange) == EXCHANGE_FEED_QUERIES, one_exchange


def test_pictures_the_story_shows_are_in_the_feed_with_their_alt_text(client):
    round_ = factories.make_round(factories.make_exchange(public=True))
    story = published(round_)
    renditions = [
        {"name": f"w{w}.webp", "role": "image", "format": "webp", "width": w, "height": w // 2}
        for w in (480, 960, 1600)
    ]
    add_media(story, alt_text='Le "phare" <rouge>', renditions=renditions)
    add_media(story, placed=False, alt_text="Hidden", renditions=renditions)
    response = client.get("/feeds/stories.atom")
    [entry] = parse(response).entries
    html = entry.content[0].value
    assert '<img alt="Le &quot;phare&quot; &lt;rouge&gt;" src="http://localhost/media/' in html
    assert "/w960.webp" in html
    assert b"Hidden" not in response.data
