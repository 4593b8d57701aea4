"""Minors' stories stay out of search engines (noindex, not in the sitemap) unless an educator
of each side of the exchange allows it; feeds and the API keep showing them."""

import re

import pytest

from tests import factories

NOINDEX = '<meta name="robots" content="noindex">'
EN = {"Accept-Language": "en"}


@pytest.fixture
def public():
    """A public exchange; a story by a young person without a band, one by an adult (18+)."""
    exchange = factories.make_exchange(public=True, title="Harbours")
    round_ = factories.make_round(exchange)
    a, b = exchange.groups
    minor = factories.make_young(a, name="Léa")
    adult = factories.make_young(b, name="Sam")
    adult.age_band = "18+"
    stories = {
        "minor": factories.make_story(round_, a, [minor], status="approved", title="Minor tale"),
        "adult": factories.make_story(round_, b, [adult], status="approved", title="Adult tale"),
    }
    return exchange, round_, stories


def signed_out(client):
    """The same client, signed out."""
    client.delete_cookie("session")
    client.delete_cookie("remember_token")
    return client


def _sitemap(client) -> str:
    """Every file the sitemap index lists, read as a crawler reads them."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and "<sitemapindex" in index.get_data(as_text=True)
    files = re.findall(r"<loc>https?://[^/]+(/sitemaps/[^<]+)</loc>", index.get_data(as_text=True))
    assert "/sitemaps/stories-0.xml" in files
    texts = [client.get(path) for path in files]
    assert all(text.status_code == 200 for text in texts)
    return "".join(text.get_data(as_text=True) for text in texts)


def test_a_minor_s_story_carries_noindex_and_stays_out_of_the_sitemap(client, public):
    _exchange, round_, stories = public
    page = client.get(f"/stories/{stories['minor'].id}")
    assert page.status_code == 200 and NOINDEX in page.get_data(as_text=True)
    assert NOINDEX in client.get(f"/rounds/{round_.id}").get_data(as_text=True)
    sitemap = _sitemap(client)
    assert f"/stories/{stories['minor'].id}<" not in sitemap
    assert f"/rounds/{round_.id}<" not in sitemap  # the pair page shows the minor's story


def test_an_adult_s_story_may_be_indexed(client, public):
    _exchange, _round, stories = public
    page = client.get(f"/stories/{stories['adult'].id}")
    assert page.status_code == 200 and NOINDEX not in page.get_data(as_text=True)
    assert f"/stories/{stories['adult'].id}<" in _sitemap(client)


def test_a_young_person_without_a_band_counts_as_a_minor(client, public):
    _exchange, _round, stories = public
    stories["adult"].authors[0].age_band = None
    assert NOINDEX in client.get(f"/stories/{stories['adult'].id}").get_data(as_text=True)
    assert f"/stories/{stories['adult'].id}<" not in _sitemap(client)


def test_both_educators_must_allow_indexing(as_user, client, public):
    exchange, round_, stories = public
    edu_a, edu_b = (g.educators[0] for g in exchange.groups)
    url = f"/stories/{stories['minor'].id}"
    response = as_user(edu_a).post(f"/exchanges/{exchange.id}/indexing", data={"allow": "1"})
    assert response.status_code == 302 and exchange.inviting_indexable_at is not None
    public_client = signed_out(client)
    assert NOINDEX in public_client.get(url).get_data(as_text=True)  # one key is not enough
    assert f"{url}<" not in _sitemap(public_client)
    response = as_user(edu_b).post(f"/exchanges/{exchange.id}/indexing", data={"allow": "1"})
    assert response.status_code == 302 and exchange.invited_indexable_at is not None
    public_client = signed_out(client)
    assert NOINDEX not in public_client.get(url).get_data(as_text=True)
    assert NOINDEX not in public_client.get(f"/rounds/{round_.id}").get_data(as_text=True)
    sitemap = _sitemap(public_client)
    assert f"{url}<" in sitemap and f"/rounds/{round_.id}<" in sitemap
    as_user(edu_a).post(f"/exchanges/{exchange.id}/indexing", data={"allow": "0"})
    assert exchange.inviting_indexable_at is None
    assert NOINDEX in signed_out(client).get(url).get_data(as_text=True)


def test_only_the_exchange_s_educators_decide_on_indexing(as_user, client, public):
    exchange, _round, _stories = public
    url = f"/exchanges/{exchange.id}/indexing"
    assert client.post(url, data={"allow": "1"}).status_code == 302  # to the sign-in page
    stranger = factories.make_educator()
    assert as_user(stranger).post(url, data={"allow": "1"}).status_code == 403
    young = factories.make_young(exchange.inviting_group)
    assert as_user(young).post(url, data={"allow": "1"}).status_code == 403
    admin = factories.make_admin()
    assert as_user(admin).post(url, data={"allow": "1"}).status_code == 403
    assert exchange.inviting_indexable_at is None and exchange.invited_indexable_at is None


def test_feeds_and_the_api_keep_showing_minors_stories(client, public):
    _exchange, _round, stories = public
    assert "Minor tale" in client.get("/feeds/stories.atom").get_data(as_text=True)
    assert "Minor tale" in client.get("/api/v1/stories").get_data(as_text=True)


def test_the_choice_is_offered_to_the_educators_and_explained(as_user, client, public):
    exchange, _round, _stories = public
    page = as_user(exchange.inviting_group.educators[0]).get(
        f"/exchanges/{exchange.id}", headers=EN
    )
    text = page.get_data(as_text=True)
    assert 'id="showcase"' in text and "Allow indexing for my group" in text
    assert "in the feeds and in the API" in text
    public_page = signed_out(client).get(f"/exchanges/{exchange.id}", headers=EN)
    assert 'id="showcase"' not in public_page.get_data(as_text=True)
