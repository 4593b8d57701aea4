"""Reading a pair: both full stories side by side (tabs on phones), every block, each side with
its place, group and language; "Meanwhile, over there" on a story; language-tagged content.
Visibility is the stories' and media's own rule: a side that is not visible is never sent."""

import re
from html.parser import HTMLParser

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_PARENTAL, Consent
from storyhub.stories.models import Block
from tests import factories
from tests.search.helpers import add_media
from tests.stories.helpers import make_pair

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class LangText(HTMLParser):
    """Every piece of text of a page with the language it is declared in (nearest lang=)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.texts = [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        lang = dict(attrs).get("lang")
        self.stack.append((tag, lang if lang is not None else (self._lang())))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip():
            self.texts.append((" ".join(data.split()), self._lang()))

    def _lang(self):
        return self.stack[-1][1] if self.stack else None


def lang_of(html: str, text: str) -> set:
    """The languages the page's body declares for each occurrence of text."""
    parser = LangText()
    parser.feed(html[html.index("<body") :])
    return {lang for found, lang in parser.texts if text in found}


def story(pair, group, title, language="fr", status="approved", blocks=()):
    made = factories.make_story(
        pair.round,
        group,
        authors=[pair.lea if group is pair.a else pair.amina],
        status=status,
        title=title,
        language=language,
        text=f"<p>{title}: the first block.</p>",
    )
    for position, (kind, value) in enumerate(blocks, start=1):
        made.blocks.append(Block(kind=kind, position=position, text=value, body_html=value))
    db.session.commit()
    return made


@pytest.fixture
def public_pair():
    pair = make_pair()
    now = utcnow()
    pair.exchange.inviting_published_at = pair.exchange.invited_published_at = now
    pair.exchange.inviting_published_by_id = pair.edu_a.id
    pair.exchange.invited_published_by_id = pair.edu_b.id
    pair.b.languages = "en"
    db.session.commit()
    return pair


def read(client, pair):
    return client.get(f"/rounds/{pair.round.id}/read", headers={"Accept-Language": "en"})


def test_pair_view_shows_both_full_stories_block_by_block(client, public_pair):
    p = public_pair
    here = story(
        p,
        p.a,
        "Le marché",
        blocks=[("quote", "On partage une table."), ("text", "<p>Fin ici.</p>")],
    )
    there = story(
        p,
        p.b,
        "The barge",
        "en",
        blocks=[("quote", "All in the same boat."), ("text", "<p>End there.</p>")],
    )
    page = read(client, p)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for text in (
        "the first block.",
        "On partage une table.",
        "Fin ici.",
        "All in the same boat.",
        "End there.",
    ):
        assert text in html
    assert html.count('class="pair-block') == 6
    for group in (p.a, p.b):
        assert f'id="pair-side-title-{group.id}">{group.territory.name}</h2>' in html
        assert group.name in html
    assert "French" in html and "English" in html
    assert html.index(here.title) < html.index(there.title)


def test_pair_view_has_a_real_tab_list_named_after_the_places(client, public_pair):
    p = public_pair
    story(p, p.a, "Le marché")
    html = read(client, p).get_data(as_text=True)
    assert 'role="tablist"' in html
    for group in (p.a, p.b):
        assert 'role="tab" class="pair-tabs__tab' in html
        assert f'aria-controls="pair-side-{group.id}"' in html
        assert f'<span class="pair-tabs__place">{group.territory.name}</span>' in html
    assert re.search(r"/static/js/pair\.[0-9a-f]{12}\.js", html)  # by its hashed name
    # Without the script the sides stay readable one after the other, each with its heading.
    assert "data-pair-tabs hidden" in html


def test_members_read_here_and_over_there_from_their_side(as_user, public_pair):
    p = public_pair
    story(p, p.a, "Le marché")
    html = read(as_user(p.amina), p).get_data(as_text=True)
    assert html.index(f"pair-side-{p.b.id}") < html.index(f"pair-side-{p.a.id}")
    assert html.count("Over there") >= 1 and html.count("Here") >= 1


def test_pair_never_shows_a_side_that_is_not_public(client, public_pair):
    p = public_pair
    story(p, p.a, "Le marché")
    waiting = story(p, p.b, "The barge", "en", status="submitted")
    photo = add_media(waiting, alt_text="A barge", renditions=[_image("waiting.jpg")])
    html = read(client, p).get_data(as_text=True)
    assert "The barge" not in html and "waiting.jpg" not in html
    assert "has not published its story yet" in html
    assert f"/media/{photo.id}/" not in html


def test_pair_drops_a_side_whose_author_lost_parental_consent(client, public_pair):
    p = public_pair
    story(p, p.a, "Le marché")
    story(p, p.b, "The barge", "en")
    assert "The barge" in read(client, p).get_data(as_text=True)
    for consent in db.session.scalars(
        db.select(Consent).filter_by(user_id=p.amina.id, kind=CONSENT_PARENTAL)
    ):
        consent.granted = False
    db.session.commit()
    html = read(client, p).get_data(as_text=True)
    assert "The barge" not in html and "Le marché" in html


def test_a_hidden_story_leaves_the_pair(client, public_pair):
    p = public_pair
    story(p, p.a, "Le marché")
    hidden = story(p, p.b, "The barge", "en")
    hidden.hidden_at = utcnow()
    db.session.commit()
    page = read(client, p)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Le marché" in html  # the pair page, its other side
    assert "The barge" not in html


def test_private_exchange_pair_is_for_its_members_only(client, as_user):
    p = make_pair()
    story(p, p.a, "Le marché")
    story(p, p.b, "The barge", "en")
    assert read(client, p).status_code == 404
    html = read(as_user(p.amina), p).get_data(as_text=True)
    assert "Le marché" in html and "The barge" in html


def test_user_content_carries_its_own_language(client, public_pair):
    p = public_pair
    story(p, p.a, "Le marché", blocks=[("quote", "On partage une table.")])
    story(p, p.b, "The barge", "en", blocks=[("quote", "All in the same boat.")])
    html = read(client, p).get_data(as_text=True)
    assert lang_of(html, "Le marché") == {"fr"}
    assert lang_of(html, "On partage une table.") == {"fr"}
    assert lang_of(html, "The barge") == {"en"}
    assert lang_of(html, "All in the same boat.") == {"en"}
    assert lang_of(html, p.round.question) <= {"fr"}
    story_page = client.get(
        f"/stories/{db.session.scalar(db.select(Block.story_id).filter_by(text='All in the same boat.'))}"
    )
    page = story_page.get_data(as_text=True)
    assert lang_of(page, "The barge") == {"en"} and lang_of(page, "All in the same boat.") == {"en"}


def _image(name):
    return {
        "name": name,
        "role": "fallback",
        "format": "jpg",
        "width": 960,
        "height": 640,
        "key": name,
        "bytes": 1,
    }


def test_story_ends_with_meanwhile_over_there_leading_to_the_twin(client, public_pair):
    p = public_pair
    here = story(p, p.a, "Le marché")
    there = story(p, p.b, "The barge", "en")
    add_media(there, alt_text="The barge at dawn", renditions=[_image("barge.jpg")])
    html = client.get(f"/stories/{here.id}", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "Meanwhile, over there" in html
    meanwhile = html[html.index('class="meanwhile') :]
    assert f'href="/stories/{there.id}"' in meanwhile
    assert f'href="/stories/{here.id}"' not in meanwhile
    assert "barge.jpg" in html  # its cover
    assert f'href="/rounds/{p.round.id}/read"' in html


def test_meanwhile_says_when_the_twin_has_not_answered_yet(client, public_pair):
    p = public_pair
    here = story(p, p.a, "Le marché")
    story(p, p.b, "The barge", "en", status="draft")
    html = client.get(f"/stories/{here.id}", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert f"{p.b.name} has not answered this question yet." in html
    assert "The round closes on" in html
    assert "The barge" not in html


def test_sound_shows_its_length_and_transcript_by_the_player(client, public_pair):
    p = public_pair
    here = story(p, p.a, "Le marché")
    add_media(
        here,
        kind="audio",
        duration=74.4,
        transcript="Le murmure du marché.",
        renditions=[
            {
                "name": "s.m4a",
                "role": "audio",
                "format": "m4a",
                "width": None,
                "height": None,
                "key": "s",
                "bytes": 1,
            }
        ],
    )
    html = client.get(f"/stories/{here.id}", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    player = html.index('<audio class="media__audio"')
    length = html.index('<time datetime="PT74S">1:14</time>')
    transcript = html.index("Le murmure du marché.")
    assert player < length < transcript < player + 2000
    assert '<details class="transcript" open>' in html
    assert 'preload="metadata"' in html


def test_story_page_opens_on_its_own_picture(client, public_pair):
    p = public_pair
    here = story(p, p.a, "Le marché")
    add_media(here, alt_text="Le marché un dimanche", renditions=[_image("market.jpg")])
    html = client.get(f"/stories/{here.id}").get_data(as_text=True)
    hero = html[html.index('class="story-hero') : html.index('id="story-title"')]
    assert "story-hero--cover" in hero and "market.jpg" in hero


def test_public_exchange_page_names_places_not_side_a_and_b(client, public_pair):
    html = client.get(
        f"/exchanges/{public_pair.exchange.id}", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert "Side A" not in html and "Side B" not in html
    assert "Bordeaux" in html and "Mamoudzou" in html


def test_a_reported_picture_is_never_a_cover(client, public_pair):
    p = public_pair
    here = story(p, p.a, "Le marché")
    add_media(here, alt_text="Le marché", renditions=[_image("reported.jpg")], hidden_at=utcnow())
    for page in (read(client, p), client.get(f"/stories/{here.id}")):
        html = page.get_data(as_text=True)
        assert page.status_code == 200 and "Le marché" in html  # the story is still shown
        assert "reported.jpg" not in html


def test_public_pages_tag_exchange_words_with_their_language(client, public_pair):
    p = public_pair
    p.exchange.title, p.exchange.languages = "Vivre ensemble", "fr,en"
    p.exchange.description = "Deux groupes se racontent leurs quartiers."
    p.round.question, p.round.guidance = "Où vous retrouvez-vous ?", "Pensez à un lieu précis."
    db.session.commit()
    story(p, p.a, "Le marché")
    story(p, p.b, "The barge", "en")
    english = {"Accept-Language": "en"}
    exchange_page = client.get(f"/exchanges/{p.exchange.id}", headers=english).get_data(
        as_text=True
    )
    for text in ("Vivre ensemble", "Deux groupes se racontent", "Où vous retrouvez-vous ?"):
        assert lang_of(exchange_page, text) == {"fr"}, text
    round_page = client.get(f"/rounds/{p.round.id}", headers=english).get_data(as_text=True)
    for text in ("Vivre ensemble", "Où vous retrouvez-vous ?", "Pensez à un lieu précis."):
        assert lang_of(round_page, text) == {"fr"}, text
    assert lang_of(round_page, "The barge") == {"en"}
    pair_page = read(client, p).get_data(as_text=True)
    assert lang_of(pair_page, "Où vous retrouvez-vous ?") == {"fr"}
    assert lang_of(pair_page, "Vivre ensemble") == {"fr"}
