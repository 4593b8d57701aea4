"""The map: its data (public only, twin lines), the list alternative, tiles from the config."""

from unittest.mock import ANY

from storyhub.browse.mapdata import PLACE_EXCHANGES
from storyhub.core.security import tile_origin
from storyhub.extensions import db
from tests import factories
from tests.browse.helpers import assert_only_public, place, queries_for, seed_stories, side

MAP_QUERIES = 2  # content version, public exchanges' places (once per version)


def test_map_data_lists_only_territories_with_a_public_exchange(client, states):
    data = client.get("/map/data.json").get_json()
    names = {p["name"] for p in data["places"]}
    assert names == {"Sunhaven", "Tidemouth"}
    sunhaven = next(p for p in data["places"] if p["name"] == "Sunhaven")
    assert sunhaven["url"].endswith(f"/places/{states.public.inviting_group.territory.slug}")
    assert [e["title"] for e in sunhaven["exchanges"]] == ["Open Harbours"]
    assert sunhaven["exchange_count"] == 1
    assert data["links"] == [{"from": ANY, "to": ANY, "count": 1}]
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


def test_a_busy_place_shows_its_count_and_latest_exchanges_only(english_client):
    hub = place("Hubville", "FR", 44.8, -0.6)
    for n in range(PLACE_EXCHANGES + 2):
        twin = place(f"Twin {n}", "SN", 14.7, -17.4 + n)
        factories.make_exchange(
            side(f"Hub {n}", hub), side(f"Twin {n}", twin), title=f"Hub talk {n}", public=True
        )
    data = english_client.get("/map/data.json").get_json()
    [busy] = [p for p in data["places"] if p["name"] == "Hubville"]
    assert busy["exchange_count"] == PLACE_EXCHANGES + 2
    assert len(busy["exchanges"]) == PLACE_EXCHANGES
    assert len(data["links"]) == PLACE_EXCHANGES + 2
    page = english_client.get("/map").get_data(as_text=True)
    assert f"All {PLACE_EXCHANGES + 2} public exchanges" in page
    assert page.count("Hub talk") == 1 + (PLACE_EXCHANGES + 2)  # the hub its latest, each twin 1


def test_map_follows_the_content_version_at_once(client, states):
    assert "Open Harbours" in client.get("/map/data.json").get_data(as_text=True)
    states.public.hidden_at = states.public.created_at  # hidden after reports
    db.session.commit()
    assert "Open Harbours" not in client.get("/map/data.json").get_data(as_text=True)
    assert "Open Harbours" not in client.get("/map").get_data(as_text=True)


def test_map_data_is_kept_per_language(client):
    """The payload is kept per content version and language: a French visitor never gets the
    country names an English visitor's request made, nor the other way round."""
    hub = place("Hubville", "FR", 44.8, -0.6)
    factories.make_exchange(
        side("Hub", hub), side("Twin", place("Dakar", "SN", 14.7, -17.4)), public=True
    )
    english = client.get("/map/data.json", headers={"Accept-Language": "en"}).get_json()
    french = client.get("/map/data.json", headers={"Accept-Language": "fr"}).get_json()
    assert {p["country"] for p in english["places"]} == {"France", "Senegal"}
    assert {p["country"] for p in french["places"]} == {"France", "Sénégal"}
    assert client.get("/map/data.json", headers={"Accept-Language": "en"}).get_json() == english
    for language, name in (("en", "Senegal"), ("fr", "Sénégal"), ("en", "Senegal")):
        page = client.get("/map", headers={"Accept-Language": language}).get_data(as_text=True)
        assert f'<h3 id="country-SN">{name} <span' in page and "Hubville" in page
