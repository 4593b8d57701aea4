"""The page cache for anonymous visitors: kept per content version, never stale, never
a signed-in person's page, never a page that sets a cookie."""

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import cache, db
from tests.browse.helpers import queries_for
from tests.conftest import login_as


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
