"""Public discovery in Chromium: an anonymous visitor filters the directory, opens an exchange,
reads a pair, searches with and without accents, and follows a territory from the map's list.
axe-core finds no serious or critical violation on home, directory, exchange and search."""

import re
from types import SimpleNamespace

import pytest

from storyhub.extensions import db
from storyhub.search.services import reindex_all
from tests import factories
from tests.browser.axe import serious_violations

pytestmark = pytest.mark.browser


def _place(name, country, lat, lng):
    territory = factories.make_territory(name, country)
    territory.latitude, territory.longitude = lat, lng
    return territory


def _exchange(title, here, there, theme, **extra):
    group_a = factories.make_group(factories.make_educator(), here, name=f"Collège de {here.name}")
    group_b = factories.make_group(
        factories.make_educator(), there, name=f"Club de {there.name}", kind="club"
    )
    exchange = factories.make_exchange(group_a, group_b, public=True, title=title, **extra)
    exchange.themes = [factories.make_theme(theme)]
    db.session.commit()
    return exchange


@pytest.fixture
def discovery(app, monkeypatch):
    """Three public exchanges, one private; a pair about a school by the lagoon; no tile server."""
    monkeypatch.setitem(app.config, "MAP_TILE_URL", "")  # no network here: land shapes only
    bordeaux = _place("Bordeaux", "FR", 44.84, -0.58)
    mamoudzou = _place("Mamoudzou", "YT", -12.78, 45.23)
    dakar = _place("Dakar", "SN", 14.69, -17.44)
    cork = _place("Cork", "IE", 51.9, -8.47)
    lagoon = _exchange("Le lagon et la Garonne", bordeaux, mamoudzou, "environment")
    _exchange("Deux fleuves", dakar, bordeaux, "living-together")
    _exchange("Green pitches", cork, dakar, "environment", languages="en")
    private = factories.make_exchange(title="Échange privé", public=False)
    round_ = factories.make_round(lagoon, question="Où apprenez-vous ?")
    stories = [
        factories.make_story(
            round_,
            group,
            status="approved",
            title=title,
            text=f"<p>{text}</p>",
        )
        for group, title, text in (
            (lagoon.inviting_group, "Notre école sur les quais", "Notre école regarde le fleuve."),
            (lagoon.invited_group, "L'école du lagon", "Les écoles de Mamoudzou voient la mer."),
        )
    ]
    reindex_all()
    return SimpleNamespace(
        lagoon=lagoon, private=private, round=round_, stories=stories, mamoudzou=mamoudzou
    )


def test_anonymous_visitor_discovers_exchanges_pairs_and_places(
    live_server, new_page, shoot, discovery
):
    page = new_page("en-GB")
    page.goto(live_server + "/")
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_text("Le lagon et la Garonne").first.is_visible()
    assert "Échange privé" not in page.content()
    assert serious_violations(page) == []
    shoot(page, "discovery-home")

    # The directory, filtered by a theme and a country: the filters land in the URL.
    page.get_by_role("link", name="Explore the exchanges").click()
    page.wait_for_url(re.compile(r"/explore$"))
    assert page.get_by_role("heading", name="3 exchanges").is_visible()
    assert serious_violations(page) == []
    page.get_by_label("Theme", exact=True).select_option("environment")
    page.get_by_label("Country", exact=True).select_option("YT")
    with page.expect_navigation():
        page.get_by_role("button", name="Show the exchanges").click()
    assert "theme=environment" in page.url and "country=YT" in page.url
    assert page.get_by_role("heading", name="1 exchange").is_visible()
    assert page.locator(".bx-card__title").all_inner_texts() == ["Le lagon et la Garonne"]
    shoot(page, "discovery-directory")

    # The exchange: the two territories face to face, the route, the round and its pair.
    page.get_by_role("link", name="Le lagon et la Garonne").click()
    page.wait_for_url(re.compile(rf"/exchanges/{discovery.lagoon.id}$"))
    assert page.get_by_role("heading", name="Bordeaux").is_visible()
    assert page.get_by_role("heading", name="Mamoudzou").is_visible()
    assert page.get_by_role("img", name="Map joining Bordeaux and Mamoudzou").is_visible()
    assert serious_violations(page) == []
    shoot(page, "discovery-exchange")

    page.get_by_role("link", name="Read the pair side by side").click()
    page.wait_for_url(re.compile(rf"/rounds/{discovery.round.id}/read$"))
    assert page.get_by_role("heading", name="Notre école sur les quais").is_visible()
    assert page.get_by_role("heading", name="L'école du lagon").is_visible()
    shoot(page, "discovery-pair")

    # Search, with and without the accent.
    for word in ("école", "ecole"):
        page.goto(f"{live_server}/search")
        page.get_by_label("Words to look for").fill(word)
        with page.expect_navigation():
            page.get_by_role("button", name="Search", exact=True).click()
        titles = page.locator(".search-hit__title").all_inner_texts()
        assert set(titles) == {"Notre école sur les quais", "L'école du lagon"}, (word, titles)
    assert serious_violations(page) == []
    shoot(page, "discovery-search")

    # The map: markers draw without tiles; the list alternative leads to a territory by keyboard.
    page.goto(f"{live_server}/map")
    page.locator(".bx-pin, .marker-cluster").first.wait_for()
    assert page.locator("#map").is_visible()
    assert page.locator(".bx-map__land").count() > 0  # the land shapes, since there are no tiles
    shoot(page, "discovery-map")
    link = page.locator("#places").get_by_role("link", name="Mamoudzou", exact=True)
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/places/{discovery.mamoudzou.slug}")
    assert page.get_by_role("heading", level=1, name="Mamoudzou").is_visible()
    assert page.get_by_text("Le lagon et la Garonne").first.is_visible()
    shoot(page, "discovery-territory")


def test_the_map_page_without_script_is_the_list(browser, live_server, discovery):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(f"{live_server}/map")
        assert not page.locator("#map").is_visible()
        places = page.locator("#places")
        assert places.get_by_role("heading", name="Mayotte").is_visible()
        assert places.get_by_role("link", name="Le lagon et la Garonne").first.is_visible()
    finally:
        context.close()
