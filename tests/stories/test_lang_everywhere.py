"""`lang` on every piece of user content of the public pages, over the rendered HTML: an English
story, its 360° view (description, caption), its sound (transcript), a story translated into
English and the exchange's walk, read with a French interface. Every text holding the English
marker must sit under lang="en" — on the story, its translation, the pair, the round, the
exchange, the walk and search pages."""

import pytest

from storyhub.media_pages import portals
from storyhub.stories import translating
from tests.search.helpers import add_media
from tests.stories.test_pair_view import lang_of, public_pair, story  # noqa: F401 (fixture)

MARK = "Quokkaboat"
VIEW = [
    {"name": "phone.jpg", "role": "phone", "format": "jpeg", "width": 4096, "height": 2048},
    {"name": "p-960.jpg", "role": "fallback", "format": "jpeg", "width": 960, "height": 480},
]


@pytest.fixture
def pages(public_pair, app):  # noqa: F811
    p = public_pair
    there = story(p, p.b, f"{MARK} harbour", "en", blocks=[("quote", f"{MARK} says hello")])
    view_there = add_media(
        there, kind="panorama", renditions=VIEW, alt_text=f"{MARK} view", caption=f"{MARK} cap"
    )
    add_media(
        there,
        kind="audio",
        renditions=[{"name": "a.m4a", "role": "audio", "format": "m4a", "key": "a.m4a"}],
        transcript=f"{MARK} transcript",
        caption=f"{MARK} sound",
        duration=3.0,
        waveform=[50] * 64,
    )
    here = story(p, p.a, "Le marché", blocks=[("quote", "Viens goûter.")])
    view_here = add_media(here, kind="panorama", renditions=VIEW, alt_text="Le marché vu d'en haut")
    portals.place_portal(p.edu_a, view_here, view_there.id, 90, -90)
    text, quote = translating.translatable_blocks(here)
    with app.test_request_context():
        item = translating.propose_translation(
            p.amina, here, "en", f"{MARK} market", {quote.id: f"{MARK} come and taste"}
        )
        translating.decide_translation(item, p.edu_b, "approve")
    return {
        "story": f"/stories/{there.id}",
        "translation": f"/stories/{here.id}?translation={item.id}",
        "story over here": f"/stories/{here.id}",
        "pair": f"/rounds/{p.round.id}/read",
        "round": f"/rounds/{p.round.id}",
        "exchange": f"/exchanges/{p.exchange.id}",
        "walk": f"/exchanges/{p.exchange.id}/walk",
        "search": f"/search?q={MARK}",
    }


@pytest.mark.parametrize(
    "page",
    ["story", "translation", "story over here", "pair", "round", "exchange", "walk", "search"],
)
def test_every_english_word_of_a_public_page_is_tagged_english(client, pages, page):
    answer = client.get(pages[page], headers={"Accept-Language": "fr"})
    assert answer.status_code == 200
    html = answer.get_data(as_text=True)
    assert MARK in html[html.index("<body") :], page
    assert lang_of(html, MARK) == {"en"}, page


def test_the_marker_is_really_shown_where_expected(client, pages):
    """The fixture is not empty: each kind of user content reaches the pages tested above."""
    story_page = client.get(pages["story"]).get_data(as_text=True)
    for words in ("harbour", "says hello", "view", "cap", "transcript"):
        assert f"{MARK} {words}" in story_page, words
    translated = client.get(pages["translation"]).get_data(as_text=True)
    assert f"{MARK} market" in translated and f"{MARK} come and taste" in translated
    assert f"{MARK} view" in client.get(pages["walk"]).get_data(as_text=True)
