"""The printable parental consent letter: French or English whatever the interface language,
filled with the group, its twin and the exchange, for the group's educators only."""

import pytest

from tests.conftest import login_as


def letter(world, lang, who=None):
    return f"/groups/{world.a.id}/members/{(who or world.lea).id}/consent/letter/{lang}"


@pytest.mark.parametrize(
    "lang, title, choice",
    [
        ("fr", "StoryHub : autorisation d’un parent ou responsable légal", "Oui, seulement dans"),
        ("en", "StoryHub: consent of a parent or guardian", "Yes, inside the exchange only"),
    ],
)
def test_the_educator_prints_the_letter_in_french_or_english(client, world, lang, title, choice):
    login_as(client, world.edu_a)
    other = {"fr": "en", "en": "fr"}[lang]
    page = client.get(letter(world, lang), headers={"Accept-Language": other})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and title in html and choice in html
    assert f'<html lang="{lang}"' in html
    assert world.a.name in html and world.b.name in html and "Léa" in html
    assert world.exchange.title in html and world.b.territory.name in html
    assert f"SH-{world.a.id}-{world.lea.id}-" in html  # the reference to type back


def test_the_consent_page_links_both_letters(client, world):
    login_as(client, world.edu_a)
    page = client.get(f"/groups/{world.a.id}/members/{world.lea.id}/consent").get_data(as_text=True)
    assert letter(world, "fr") in page and letter(world, "en") in page


@pytest.mark.parametrize("who", ["edu_b", "outsider_educator", "lea"])
def test_nobody_else_prints_it(client, world, who):
    login_as(client, getattr(world, who))
    assert client.get(letter(world, "fr")).status_code == 403


def test_a_visitor_is_sent_to_sign_in(client, world):
    assert client.get(letter(world, "en")).status_code == 302


def test_only_french_and_english_and_only_members_of_the_group(client, world):
    login_as(client, world.edu_a)
    assert client.get(letter(world, "de")).status_code == 404
    assert client.get(letter(world, "fr", who=world.amina)).status_code == 404
