"""The site answers in French and English, with friendly error pages."""

import pytest


def test_home_page_in_french_for_a_french_browser(client):
    page = client.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert page.status_code == 200
    assert b'<html lang="fr"' in page.data


def test_home_page_in_english_for_an_english_browser(client):
    page = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert b'<html lang="en"' in page.data
    assert b"How it works" in page.data


def test_unknown_page_is_a_friendly_404(client):
    page = client.get("/no-such-page", headers={"Accept-Language": "en"})
    assert page.status_code == 404
    assert b"Page not found" in page.data


@pytest.mark.parametrize(
    "header", ["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"]
)
def test_security_headers_on_every_page(client, header):
    assert header in client.get("/").headers
