"""Anonymous visitors are sent to sign in, then brought back; public pages stay open."""

from urllib.parse import quote

import pytest

PROTECTED = [
    ("get", "/dashboard"),
    ("get", "/account/password"),
    ("post", "/account/password"),
    ("post", "/logout"),
    ("get", "/admin/"),
    ("post", "/admin/educators/{e}/verify"),
    ("get", "/groups/"),
    ("get", "/groups/new"),
    ("post", "/groups/new"),
    ("get", "/groups/{g}"),
    ("get", "/groups/{g}/edit"),
    ("post", "/groups/{g}/code/regenerate"),
    ("post", "/groups/{g}/code/disable"),
    ("post", "/groups/{g}/educators"),
    ("get", "/groups/{g}/members/new"),
    ("get", "/groups/{g}/members/{m}/consent"),
    ("post", "/groups/{g}/members/{m}/password"),
    ("post", "/groups/{g}/members/{m}/remove"),
    ("get", "/territories/"),
    ("get", "/territories/new"),
    ("get", "/territories/{t}/edit"),
    ("post", "/territories/{t}/approve"),
]


@pytest.mark.parametrize("method, url", PROTECTED)
def test_anonymous_visitors_are_sent_to_sign_in(
    client, pending_educator, group, young, method, url
):
    path = url.format(e=pending_educator.id, g=group.id, m=young.id, t=group.territory_id)
    response = getattr(client, method)(path)
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/login?next=")
    if method == "get":
        assert location == "/login?next=" + quote(path, safe="")
    assert len(group.members) == 1 and pending_educator.is_pending


@pytest.mark.parametrize("url", ["/", "/login", "/signup", "/join", "/password/forgot"])
def test_public_pages_are_open(client, url):
    assert client.get(url).status_code == 200


def test_the_sign_in_page_explains_why(client):
    page = client.get("/groups/", headers={"Accept-Language": "en"}, follow_redirects=True)
    assert b"Please sign in to see this page." in page.data


def test_the_home_page_offers_the_ways_in_or_my_space(client, as_user, educator):
    page = client.get("/", headers={"Accept-Language": "en"})
    assert b'href="/join"' in page.data and b'href="/signup"' in page.data
    page = as_user(educator).get("/", headers={"Accept-Language": "en"})
    assert b"Go to my space" in page.data and b'href="/signup"' not in page.data
