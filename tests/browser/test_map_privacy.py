"""The map sends nothing to a third party until the visitor asks for the detailed map."""

from urllib.parse import urlsplit

import pytest

from tests import factories

pytestmark = pytest.mark.browser

TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


@pytest.fixture
def public_places(app, monkeypatch):
    """Two twinned territories with a public exchange; the default tile server configured."""
    monkeypatch.setitem(app.config, "MAP_TILE_URL", TILES)
    factories.make_exchange(public=True, title="Le lagon et la Garonne")


def test_map_makes_no_third_party_request_until_the_visitor_chooses(
    live_server, new_page, public_places
):
    page = new_page("en-GB")
    hosts = []
    page.on("request", lambda request: hosts.append(urlsplit(request.url).hostname))
    # Never reach the real tile server from a test: answer tiles with an empty 204.
    page.route("https://tile.openstreetmap.org/**", lambda route: route.fulfill(status=204))

    page.goto(f"{live_server}/map")
    page.locator(".bx-pin, .marker-cluster").first.wait_for()
    page.locator(".bx-map__land").first.wait_for()
    page.wait_for_load_state("networkidle")
    print(f"\nrequest hosts on /map by default: {sorted(set(hosts))}")
    assert set(hosts) == {"127.0.0.1"}
    assert "tile.openstreetmap.org" in page.locator(".bx-map__tiles").inner_text()

    button = page.get_by_role("button", name="Show the detailed map")
    with page.expect_request(lambda request: "tile.openstreetmap.org" in request.url):
        button.click()
    page.locator("#map[data-tiles='on']").wait_for()
    print(f"request hosts after 'Show the detailed map': {sorted(set(hosts))}")
    assert "tile.openstreetmap.org" in hosts
