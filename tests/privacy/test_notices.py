"""The notices exist in French and English and every page's footer links to them."""

import re
from html import unescape

import pytest

NOTICES = ["/privacy", "/privacy/full", "/rules", "/legal", "/accessibility"]
FOOTER_HREFS = ["/help", *NOTICES]


def _text(html: str, element_id: str) -> str:
    """The visible text inside the element with this id."""
    start = html.index(f'id="{element_id}"')
    body = html[start : html.index("</article>", start)]
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", unescape(body)).strip()


@pytest.mark.parametrize("path", NOTICES)
@pytest.mark.parametrize(
    ("language", "marker"),
    [("fr", '<html lang="fr"'), ("en", '<html lang="en"')],
)
def test_each_notice_answers_in_both_languages(client, path, language, marker):
    page = client.get(path, headers={"Accept-Language": language})
    assert page.status_code == 200
    assert marker in page.text
    assert 'class="wrap narrow privacy-notice"' in page.text


@pytest.mark.db_independent
def test_young_notice_is_in_plain_french_and_english(client):
    french = client.get("/privacy", headers={"Accept-Language": "fr"}).text
    english = client.get("/privacy", headers={"Accept-Language": "en"}).text
    assert "Ce que nous gardons" in french
    assert "What we keep" in english
    assert "internet" in _text(french, "young-notice")


def test_full_notice_quotes_the_configuration(app, client):
    app.config.update(PLATFORM_PUBLISHER="Association Ici-Là", RETENTION_REJECTED_DAYS=45)
    app.config.update(PRIVACY_CONTACT_EMAIL="dpo@ici-la.example", JOIN_CODE_DAYS=12)
    try:
        page = client.get("/privacy/full", headers={"Accept-Language": "en"}).text
    finally:
        app.config.update(PLATFORM_PUBLISHER="Réseau StoryHub (association loi 1901)")
        app.config.update(RETENTION_REJECTED_DAYS=90, JOIN_CODE_DAYS=30)
        app.config.update(PRIVACY_CONTACT_EMAIL=app.config["PLATFORM_CONTACT_EMAIL"])
    assert "Association Ici-Là" in page
    assert "Rejected stories and comments: 45 days" in page
    assert "Join codes: 12 days" in page
    assert "dpo@ici-la.example" in page
    for heading in ("Controller", "legal basis", "Who sees the data", "How long we keep it"):
        assert heading in page
    assert "Supervisory authority" in page and "CNIL" in page


def test_full_notice_names_the_map_tile_provider(client):
    page = client.get("/privacy/full", headers={"Accept-Language": "en"}).text
    assert "tile.openstreetmap.org" in page
    assert "Show the detailed map" in page


def test_security_txt_names_a_contact_and_an_expiry(client):
    page = client.get("/.well-known/security.txt")
    assert page.status_code == 200
    assert page.mimetype == "text/plain"
    assert re.search(r"^Contact: mailto:\S+@\S+$", page.text, re.M)
    assert re.search(r"^Expires: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", page.text, re.M)


def _public_get_routes(app):
    """Every GET route without URL parameters (the pages anyone can open by address)."""
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and not rule.arguments and rule.endpoint != "static":
            yield rule.rule


def test_every_public_page_links_to_the_notices_in_its_footer(app, client):
    checked = []
    for path in sorted(_public_get_routes(app)):
        page = client.get(path, headers={"Accept-Language": "en"})
        if page.status_code != 200 or page.mimetype != "text/html":
            continue
        footer = page.text[page.text.index('<footer class="site-footer">') :]
        missing = [href for href in FOOTER_HREFS if f'href="{href}"' not in footer]
        assert not missing, f"{path}: footer lacks {missing}"
        checked.append(path)
    print(f"\nfooter links checked on {len(checked)} public pages: {', '.join(checked)}")
    for must in ("/", "/explore", "/map", "/login", "/join", "/signup", "/privacy", "/search"):
        assert must in checked


def test_footer_on_public_pages_with_parameters_and_signed_in_pages(client, as_user):
    """The pages of a public exchange, its territory, round and story; errors; a signed-in space."""
    from tests import factories

    exchange = factories.make_exchange(public=True)
    group = exchange.inviting_group
    author = factories.make_young(group)
    story = factories.make_story(
        factories.make_round(exchange), group, authors=[author], status="approved"
    )
    paths = [
        f"/places/{group.territory.slug}",
        f"/exchanges/{exchange.id}",
        f"/rounds/{story.round_id}",
        f"/stories/{story.id}",
        "/no-such-page",
    ]
    for path in paths:
        page = client.get(path, headers={"Accept-Language": "en"})
        assert page.status_code in (200, 404), path
        footer = page.text[page.text.index('<footer class="site-footer">') :]
        assert all(f'href="{href}"' in footer for href in FOOTER_HREFS), path
    signed_in = as_user(author).get("/dashboard")
    assert signed_in.status_code == 200 and 'href="/privacy/full"' in signed_in.text


@pytest.mark.parametrize(
    ("path", "marker"),
    [("/join", "/privacy"), ("/signup", "/privacy/full")],
)
def test_notice_is_shown_where_people_sign_up(client, path, marker):
    form = client.get(path).text
    assert 'class="small privacy-in-context"' in form
    assert f'href="{marker}"' in form[form.index("privacy-in-context") :]


@pytest.mark.db_independent
def test_readability_of_the_young_peoples_notice(client):
    """Flesch reading ease with the French adaptation (Kandel & Moles), printed for the report."""
    import textstat

    text = _text(client.get("/privacy", headers={"Accept-Language": "fr"}).text, "young-notice")
    textstat.set_lang("fr")
    score = textstat.flesch_reading_ease(text)
    words = textstat.lexicon_count(text)
    sentences = textstat.sentence_count(text)
    print(
        f"\n/privacy (fr): Flesch (Kandel-Moles) {score:.1f}, {words} words, {sentences} sentences"
    )
    assert score >= 70, "the young people's notice must stay easy to read (>= 70)"
    assert words <= 400, "and short"
