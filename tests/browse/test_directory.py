"""The exchanges directory: public exchanges only, filters that narrow and combine, counts."""

from datetime import date

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from tests import factories
from tests.browse.helpers import assert_only_public, place, queries_for, seed_stories, side

# Directory: fingerprint, the page (count + rows), themes of the rows, public story counts,
# six facets (theme, country, territory, language, year, status), territory pictures (2).
DIRECTORY_QUERIES = 13


def _exchange(title, here, there, theme="living-together", **extra):
    exchange = factories.make_exchange(
        side(f"{title} A", here), side(f"{title} B", there), public=True, title=title, **extra
    )
    exchange.themes = [factories.make_theme(theme)]
    db.session.commit()
    return exchange


@pytest.fixture
def catalogue():
    """Four public exchanges that differ by theme, place, language, year and status."""
    lyon, dakar = place("Lyon", "FR"), place("Dakar", "SN", 14.7, -17.4)
    cork, montreal = place("Cork", "IE", 51.9, -8.5), place("Montreal", "CA", 45.5, -73.6)
    return {
        "rivers": _exchange("Rivers Talk", lyon, dakar, "environment", languages="fr,wo"),
        "pitch": _exchange("Pitch Friends", cork, lyon, "sport-and-inclusion", languages="en,fr"),
        "memory": _exchange(
            "Memory Lanes",
            montreal,
            dakar,
            "culture-and-memory",
            languages="fr",
            starts_on=date(2024, 9, 1),
            status="closed",
        ),
        "green": _exchange("Green Streets", cork, montreal, "environment", languages="en"),
    }


def _titles(client, query=""):
    page = client.get("/explore" + query).get_data(as_text=True)
    return {
        t for t in ("Rivers Talk", "Pitch Friends", "Memory Lanes", "Green Streets") if t in page
    }


def test_directory_lists_only_public_exchanges(client, states):
    page = client.get("/explore").get_data(as_text=True)
    assert_only_public(page, states)
    assert "1 exchange" in page or "1 échange" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?theme=environment", {"Rivers Talk", "Green Streets"}),
        ("?country=SN", {"Rivers Talk", "Memory Lanes"}),
        ("?territory=LYON", set()),  # slugs are territory-N: an unknown slug matches nothing
        ("?language=wo", {"Rivers Talk"}),
        ("?language=en", {"Pitch Friends", "Green Streets"}),
        ("?year=2024", {"Memory Lanes"}),
        ("?status=closed", {"Memory Lanes"}),
        ("?status=active", {"Rivers Talk", "Pitch Friends", "Green Streets"}),
    ],
)
def test_each_filter_narrows_the_list(client, catalogue, query, expected):
    assert _titles(client, query) == expected


def test_territory_filter_matches_either_side(client, catalogue):
    lyon = catalogue["rivers"].inviting_group.territory
    assert _titles(client, f"?territory={lyon.slug}") == {"Rivers Talk", "Pitch Friends"}


def test_filters_combine(client, catalogue):
    assert _titles(client, "?theme=environment&country=CA") == {"Green Streets"}
    assert _titles(client, "?country=SN&status=closed&language=fr") == {"Memory Lanes"}
    assert _titles(client, "?theme=environment&country=SN&language=en") == set()


def test_each_choice_shows_how_many_exchanges_it_would_give(english_client, catalogue):
    page = english_client.get("/explore?country=SN").get_data(as_text=True)
    assert ">Environment (1)<" in page  # under country=SN: Rivers Talk only
    assert ">Culture and memory (1)<" in page
    assert ">Senegal (2)<" in page and ">Ireland (2)<" in page  # a facet ignores its own filter
    assert ">Closed (1)<" in page and ">Active (1)<" in page
    assert ">2024 (1)<" in page


def test_filters_are_kept_in_the_url_and_in_the_form(english_client, catalogue):
    page = english_client.get("/explore?theme=environment&country=CA").get_data(as_text=True)
    assert '<option value="environment" selected>' in page
    assert '<option value="CA" selected>' in page
    assert 'href="/explore?country=CA"' in page  # remove the theme filter, keep the country


def test_no_result_says_so_and_offers_the_whole_list(english_client, catalogue):
    page = english_client.get("/explore?theme=ageing-well").get_data(as_text=True)
    assert "No public exchange matches these filters yet." in page
    assert 'href="/explore">See every exchange' in page


@pytest.mark.parametrize(
    "query",
    [
        "?year=abc&page=-3&status=maybe",
        "?theme=%3Cscript%3E&country=france&territory=..%2F..&language=klingon",
        "?page=99999999999999999999&year=99999999999",
        "?theme=" + "a" * 500,
        "?country=S%C3%89&year=2024.5",
        "?page=50",
    ],
)
def test_garbage_parameters_never_fail(client, catalogue, query):
    response = client.get("/explore" + query)
    assert response.status_code == 200
    assert "<script>" not in response.get_data(as_text=True).split("<main", 1)[1]


def test_directory_is_paginated(english_client):
    for n in range(14):
        factories.make_exchange(public=True, title=f"Exchange number {n:02d}")
    first = english_client.get("/explore").get_data(as_text=True)
    second = english_client.get("/explore?page=2").get_data(as_text=True)
    assert "14 exchanges" in first and "Page 1 of 2" in first
    assert first.count("bx-card__title") == 12 and second.count("bx-card__title") == 2
    assert 'href="/explore?page=2"' in first


def test_directory_runs_the_same_small_number_of_queries_with_5_or_200_stories(client):
    seed_stories(5)
    url = "/explore?theme=environment&language=fr&status=active"
    few, few_plain = queries_for(client, url), queries_for(client, "/explore")
    seed_stories(195)
    assert queries_for(client, url) == few
    assert queries_for(client, "/explore") == few_plain
    assert few <= DIRECTORY_QUERIES, few


def test_the_kept_counts_follow_a_hiding_at_once(client, states):
    assert "Sunhaven" in client.get("/explore").get_data(as_text=True)  # counted and kept
    assert "Sunhaven" in client.get("/explore").get_data(as_text=True)
    states.public.hidden_at = utcnow()  # hidden after reports
    db.session.commit()
    page = client.get("/explore").get_data(as_text=True)
    assert "Sunhaven" not in page and "Open Harbours" not in page


def test_the_kept_filter_form_is_kept_per_language_and_filters(client, catalogue):
    english = client.get("/explore", headers={"Accept-Language": "en"}).text
    french = client.get("/explore", headers={"Accept-Language": "fr"}).text
    assert "All themes" in english and "Narrow the list" in english
    assert "Tous les thèmes" in french and "Affiner la liste" in french
    assert "All themes" not in french
    chosen = client.get("/explore?country=SN", headers={"Accept-Language": "en"}).text
    assert '<option value="SN" selected>' in chosen
    assert '<option value="SN" selected>' not in client.get("/explore").text
