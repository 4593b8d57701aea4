"""The map: its data (public only, twin lines), the list alternative, tiles from the config."""

from storyhub.core.security import tile_origin
from tests.browse.helpers import assert_only_public, queries_for, seed_stories

MAP_QUERIES = 2  # fingerprint, public exchanges with both sides' territories


def test_map_data_lists_only_territories_with_a_public_exchange(client, states):
    data = client.get("/map/data.json").get_json()
    names = {p["name"] for p in data["places"]}
    assert names == {"Sunhaven", "Tidemouth"}
    sunhaven = next(p for p in data["places"] if p["name"] == "Sunhaven")
    assert sunhaven["url"].endswith(f"/places/{states.public.inviting_group.territory.slug}")
    assert [e["title"] for e in sunhaven["exchanges"]] == ["Open Harbours"]
    assert len(data["links"]) == 1 and data["links"][0]["exchanges"] == ["Open Harbours"]
    assert "Confidential" not in str(data)


def test_map_page_lists_the_territories_by_country_without_script(english_client, states):
    page = english_client.get("/map").get_data(as_text=True)
    assert_only_public(page, states)
    assert ">France <" in page and ">Senegal <" in page
    here = states.public.inviting_group.territory
    assert f'href="/places/{here.slug}"' in page
    assert 'id="map" hidden' in page  # shown by map.js only: without script, the list
    assert "<script>" not in page and " style=" not in page


def test_tiles_come_from_the_configuration(app, client, monkeypatch):
    page = client.get("/map").get_data(as_text=True)
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in page
    csp = client.get("/map").headers["Content-Security-Policy"]
    assert "img-src 'self' data: blob: https://tile.openstreetmap.org;" in csp
    monkeypatch.setitem(
        app.config, "MAP_TILE_URL", "https://{s}.tiles.example.org:8443/{z}/{x}/{y}.png"
    )
    monkeypatch.setitem(app.config, "MAP_TILE_ATTRIBUTION", "© Example tiles")
    response = client.get("/map")
    assert "https://*.tiles.example.org:8443" in response.headers["Content-Security-Policy"]
    assert "© Example tiles" in response.get_data(as_text=True)


def test_without_a_tile_server_the_csp_allows_no_other_image_host(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "MAP_TILE_URL", "")
    response = client.get("/map")
    assert 'data-tile-url=""' in response.get_data(as_text=True)
    assert "img-src 'self' data: blob:;" in response.headers["Content-Security-Policy"]


def test_a_hostile_tile_url_is_never_copied_into_the_csp():
    assert tile_origin("https://evil.example; script-src *") == ""
    assert tile_origin("javascript:alert(1)") == ""
    assert tile_origin("https://a.example:99999/{z}") == ""
    assert tile_origin("http://tiles.local/{z}/{x}/{y}.png") == "http://tiles.local"


def test_map_runs_the_same_small_number_of_queries_with_5_or_200_stories(client):
    seed_stories(5)
    page, data = queries_for(client, "/map"), queries_for(client, "/map/data.json")
    seed_stories(195)
    assert queries_for(client, "/map") == page
    assert queries_for(client, "/map/data.json") == data
    assert page <= MAP_QUERIES and data <= MAP_QUERIES, (page, data)
