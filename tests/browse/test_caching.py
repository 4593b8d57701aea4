"""HTTP caching of the public pages: ETag, 304, public for visitors, private when signed in."""

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from tests import factories
from tests.browse.helpers import count_queries

PAGES = ["/", "/explore", "/explore?theme=living-together", "/map", "/map/data.json"]


def _urls(states):
    here = states.public.inviting_group.territory
    return [*PAGES, f"/places/{here.slug}", f"/exchanges/{states.public.id}"]


def test_anonymous_pages_carry_an_etag_and_public_caching(client, states):
    for url in _urls(states):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["ETag"], url
        assert response.headers["Last-Modified"], url
        # kept by caches but checked before each use: a withdrawal reaches them at once
        assert response.headers["Cache-Control"] == "public, no-cache", url
        assert "Accept-Language" in response.headers["Vary"], url


def test_the_same_etag_earns_a_304_without_a_body(client, states):
    for url in _urls(states):
        etag = client.get(url).headers["ETag"]
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304, url
        assert again.get_data() == b""
        assert again.headers["ETag"] == etag


@pytest.mark.parametrize(
    "change",
    ["unpublish_story", "publish_story", "make_private", "feature", "new_round", "rename_place"],
)
def test_publishing_or_unpublishing_changes_the_etag_at_once(client, states, change):
    urls = _urls(states)
    before = {url: client.get(url).headers["ETag"] for url in urls}
    story, exchange = states.public_story, states.public
    if change == "unpublish_story":
        story.status = "unpublished"
    elif change == "publish_story":
        states.hidden_stories["submitted"].status = "approved"
        states.hidden_stories["submitted"].published_at = utcnow()
    elif change == "make_private":
        exchange.invited_published_at = None
    elif change == "feature":
        exchange.featured_at = utcnow()
    elif change == "new_round":
        factories.make_round(exchange, question="New?")
    else:
        exchange.inviting_group.territory.presentation = "Changed words."
    db.session.commit()
    for url in urls:
        response = client.get(url, headers={"If-None-Match": before[url]})
        assert response.status_code in (200, 404), url  # the page itself may be gone
        if response.status_code == 200:
            assert response.headers["ETag"] != before[url], (change, url)


def test_the_etag_follows_the_language(client, states):
    french = client.get("/explore", headers={"Accept-Language": "fr"}).headers["ETag"]
    english = client.get("/explore", headers={"Accept-Language": "en"}).headers["ETag"]
    assert french != english
    response = client.get("/explore", headers={"Accept-Language": "en", "If-None-Match": french})
    assert response.status_code == 200


def test_signed_in_pages_are_private_and_never_304(as_user, states):
    client = as_user(factories.make_young(states.public.inviting_group))
    response = client.get("/")
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert "ETag" not in response.headers
    assert client.get("/", headers={"If-None-Match": "*"}).status_code == 200


def test_a_page_with_a_message_waiting_is_not_cached(client, states):
    with client.session_transaction() as session:
        session["_flashes"] = [("success", "Hello")]
    response = client.get("/")
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert "ETag" not in response.headers


def test_errors_are_not_cached_as_public(client):
    response = client.get("/places/nowhere")
    assert response.status_code == 404
    assert "public" not in response.headers.get("Cache-Control", "")


def test_a_304_costs_a_single_query(client, states):
    etag = client.get("/explore").headers["ETag"]
    db.session.expire_all()
    with count_queries() as statements:
        assert client.get("/explore", headers={"If-None-Match": etag}).status_code == 304
    assert len(statements) == 1
