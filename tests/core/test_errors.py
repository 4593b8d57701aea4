"""Friendly error pages, in the visitor's language, for every error a person can meet."""

import pytest
from flask import abort

from tests import factories

TITLES = {
    400: ("Bad request", "Requête incorrecte"),
    403: ("Not allowed", "Non autorisé"),
    404: ("Page not found", "Page introuvable"),
    413: ("File too large", "Fichier trop volumineux"),
    429: ("Too many attempts", "Trop de tentatives"),
    500: ("Something went wrong", "Quelque chose s’est mal passé"),
}


@pytest.fixture
def error_app(make_app):
    """An app that is not in testing mode (so a crash gives the 500 page), with test routes."""
    fresh = make_app(TESTING=False)

    @fresh.get("/test-error/<int:code>")
    def raise_error(code):
        abort(code)

    @fresh.get("/test-crash")
    def crash():
        raise RuntimeError("boom")

    return fresh


@pytest.mark.parametrize("code", sorted(TITLES))
@pytest.mark.parametrize("lang, index", [("en", 0), ("fr", 1)])
def test_error_pages_in_both_languages(error_app, code, lang, index):
    url = "/test-crash" if code == 500 else f"/test-error/{code}"
    page = error_app.test_client().get(url, headers={"Accept-Language": lang})
    assert page.status_code == code
    text = page.get_data(as_text=True)
    assert f'<html lang="{lang}"' in text
    assert TITLES[code][index] in text
    assert 'href="/"' in text  # a way back home
    assert "Traceback" not in text and "boom" not in text


def test_a_real_403_page(as_user, young):
    page = as_user(young).get("/admin/", headers={"Accept-Language": "fr"})
    assert page.status_code == 403
    assert "Non autorisé" in page.get_data(as_text=True)


def test_a_real_404_page_in_english(client):
    page = client.get("/groups/12345", headers={"Accept-Language": "en"})
    assert page.status_code == 302  # signed-out visitors are sent to sign in first
    page = client.get("/nothing-here", headers={"Accept-Language": "en"})
    assert page.status_code == 404 and b"Page not found" in page.data


def test_the_error_page_keeps_the_signed_in_header(as_user):
    educator = factories.make_educator()
    page = as_user(educator).get("/nothing-here", headers={"Accept-Language": "en"})
    assert b"Sign out" in page.data


def test_method_not_allowed_is_friendly(client):
    page = client.get("/logout", headers={"Accept-Language": "en"})
    assert page.status_code == 405
    assert b"This action is not possible here" in page.data
