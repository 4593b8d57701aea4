"""The page cache for anonymous visitors: kept per content version, never stale, never
a signed-in person's page, never a page that sets a cookie."""

import gzip

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import cache, db
from storyhub.groups.models import CONSENT_PARENTAL, Consent
from tests import factories
from tests.browse.helpers import count_queries, queries_for
from tests.conftest import login_as
from tests.stories.helpers import pair  # noqa: F401 (fixture)


@pytest.fixture
def page_cache(app, monkeypatch):
    """The page cache on (TestConfig leaves it off), empty."""
    monkeypatch.setitem(app.config, "PAGE_CACHE", True)
    cache.clear()
    yield
    cache.clear()


def test_an_anonymous_page_is_built_once_per_content_version(client, states, page_cache):
    url = f"/exchanges/{states.public.id}"
    built = queries_for(client, url)
    assert queries_for(client, url) == 1 < built  # the content version, then the kept page
    states.public.title = "Harbours, renamed"
    db.session.commit()
    assert queries_for(client, url) == built
    assert "Harbours, renamed" in client.get(url).get_data(as_text=True)


def test_hiding_takes_the_kept_page_down_at_once(client, states, page_cache):
    url = f"/stories/{states.public_story.id}"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # from the cache
    states.public_story.hidden_at = utcnow()
    db.session.commit()
    assert client.get(url).status_code == 404


def test_a_signed_in_person_never_gets_or_fills_the_cache(client, states, page_cache):
    url = f"/exchanges/{states.public.id}"
    login_as(client, states.public.inviting_group.educators[0])
    first = queries_for(client, url)
    assert queries_for(client, url) == first > 1
    client.get("/logout")
    with client.session_transaction() as session:
        session.clear()
    assert queries_for(client, url) > 1  # nothing was kept from the signed-in visits


def test_without_the_setting_nothing_is_kept(client, states):
    url = f"/exchanges/{states.public.id}"
    first = queries_for(client, url)
    assert queries_for(client, url) == first > 1


# Search, the feeds, the sitemap's files and the API lists are kept too (anonymous or not: the
# public data is the same for everyone), under a key that covers the query string.
KEPT_PLACES = {
    "search": "/search?q=Zephyrine",
    "search, another query": "/search?q=Zephyrine&language=fr",
    "stories feed": "/feeds/stories.atom",
    "sitemap file": "/sitemaps/stories-0.xml",
    "API list": "/api/v1/stories",
    "API list, filtered": "/api/v1/stories?language=fr&per_page=5",
    "map data": "/map/data.json",
}


def _publish(site, title):
    story = factories.make_story(site.round, site.a, [site.lea], status="approved", title=title)
    site.exchange.inviting_published_at = site.exchange.invited_published_at = utcnow()
    site.exchange.inviting_indexable_at = site.exchange.invited_indexable_at = utcnow()
    db.session.commit()
    return story


def _shows(client, url, story) -> bool:
    body = client.get(url).get_data(as_text=True)
    return story.title in body or f"/stories/{story.id}" in body


@pytest.mark.parametrize("place", KEPT_PLACES)
def test_a_kept_public_answer_follows_publication_and_withdrawal_at_once(
    client,
    pair,  # noqa: F811
    page_cache,
    place,
):
    url = KEPT_PLACES[place]
    first = _publish(pair, "Zephyrine square at dusk")
    built = queries_for(client, url)
    assert queries_for(client, url) == 1 < built  # the content version, then the kept answer
    assert _shows(client, url, first) or place == "map data"

    later = _publish(pair, "Zephyrine bridge at dawn")  # published: in the answer at once
    assert _shows(client, url, later) or place == "map data"
    assert queries_for(client, url) == 1

    consent = db.session.scalar(
        db.select(Consent).filter_by(user_id=pair.lea.id, kind=CONSENT_PARENTAL)
    )
    consent.granted = False  # withdrawn: both leave the answer at once
    db.session.commit()
    assert not _shows(client, url, first) and not _shows(client, url, later)


def test_the_kept_answer_is_the_compressed_one_with_its_headers(client, pair, page_cache):  # noqa: F811
    _publish(pair, "Zephyrine square at dusk")
    headers = {"Accept-Encoding": "gzip", "Accept-Language": "en"}
    built = client.get("/search?q=Zephyrine", headers=headers)
    with count_queries() as statements:
        kept = client.get("/search?q=Zephyrine", headers=headers)
    assert len(statements) == 1
    assert kept.headers["Content-Encoding"] == "gzip" == built.headers["Content-Encoding"]
    assert kept.data == built.data and "Zephyrine" in gzip.decompress(kept.data).decode()
    for name in ("ETag", "Cache-Control", "Vary", "Content-Type", "Content-Security-Policy"):
        assert kept.headers[name] == built.headers[name], name
    assert "Set-Cookie" not in kept.headers
    plain = client.get("/search?q=Zephyrine", headers={"Accept-Language": "en"})
    assert "Content-Encoding" not in plain.headers  # its own key: never gzip to who did not ask
    assert "Zephyrine" in plain.get_data(as_text=True)


def test_each_language_has_its_own_kept_page(client, pair, page_cache):  # noqa: F811
    _publish(pair, "Zephyrine square at dusk")
    url = "/search?q=Zephyrine"
    for _ in range(2):  # built, then kept
        english = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
        french = client.get(url, headers={"Accept-Language": "fr"}).get_data(as_text=True)
        assert '<html lang="en"' in english and '<html lang="fr"' in french
    client.set_cookie("locale", "en")  # a saved choice wins over the browser's
    chosen = client.get(url, headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="en"' in chosen
