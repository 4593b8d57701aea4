"""The help page: helplines, reachable from every page and from the young person's space."""

from storyhub.config import settings_for


def test_help_page_lists_the_helplines_in_english(client):
    page = client.get("/help", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert b"Something online worries you?" in page.data
    for number in (b"3018", b"0800 1111", b"116 111"):
        assert number in page.data
    assert b'href="tel:08001111"' in page.data


def test_help_page_in_french(client):
    page = client.get("/help", headers={"Accept-Language": "fr"})
    assert page.status_code == 200
    assert "Quelque chose t’inquiète en ligne ?".encode() in page.data


def test_every_page_footer_links_to_help(client):
    for path in ("/", "/explore", "/accounts/login", "/no-such-page"):
        page = client.get(path)
        assert b'href="/help"' in page.data, path


def test_young_person_reaches_help_from_their_space(client, as_user, young):
    page = as_user(young).get("/dashboard", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert b"Something worries you?" in page.data
    assert page.data.count(b'href="/help"') >= 2  # the space's own link, and the footer


def test_helplines_are_configurable():
    value = "Mayotte|Ecoute|0800 00 00|https://example.org/;broken;Nowhere|x||"
    assert settings_for("testing", {"HELPLINES": value})["HELPLINES"] == [
        {
            "place": "Mayotte",
            "name": "Ecoute",
            "number": "0800 00 00",
            "url": "https://example.org/",
        }
    ]
    assert len(settings_for("testing", {})["HELPLINES"]) == 3
