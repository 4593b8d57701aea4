"""A story translated by the twin group, in Chromium: a young person of the Cork club translates
the Bordeaux story block by block beside the original, their educator publishes it, and a
visitor switches between the original and the translation (lang attributes follow), at 1280
and 360 px, without JavaScript needed. Axe finds no serious or critical problem."""

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.stories.models import Block
from tests import factories
from tests.browser.axe import serious_violations
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def twinned():
    bordeaux = factories.make_territory("Bordeaux", "FR")
    cork = factories.make_territory("Cork", "IE")
    group_a = factories.make_group(factories.make_educator(), bordeaux, name="Les Quais")
    edu_b = factories.make_educator(name="Siobhán")
    group_b = factories.make_group(edu_b, cork, name="Northside Youth Club", languages="en")
    exchange = factories.make_exchange(group_a, group_b, public=True, languages="fr,en")
    exchange.inviting_published_at = exchange.invited_published_at = utcnow()
    round_ = factories.make_round(exchange)
    lea = factories.make_young(group_a, name="Léa")
    aoife = factories.make_young(group_b, name="Aoife")
    story = factories.make_story(
        round_,
        group_a,
        [lea],
        status="approved",
        title="Le marché des Capucins",
        text="<p>Le dimanche, tout le quartier descend au marché.</p>",
    )
    story.blocks.append(Block(kind="quote", position=1, text="Viens goûter.", attribution="Léa"))
    db.session.commit()
    return story, aoife, edu_b


def _sign_in(page, site, identifier):
    page.goto(f"{site}/login")
    page.fill("#identifier", identifier)
    page.fill("#password", PASSWORD)
    page.locator("#password").press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)


def test_the_twin_group_translates_the_educator_publishes_a_reader_switches(
    live_server, new_page, shoot, twinned
):
    story, aoife, edu_b = twinned
    story_url = f"{live_server}/stories/{story.id}"

    young = new_page("en-GB")
    _sign_in(young, live_server, aoife.username)
    young.goto(story_url)
    young.get_by_role("link", name="Translate this story into your language").click()
    young.wait_for_url("**/translate")
    assert young.get_by_label("Language of your translation").input_value() == "en"
    assert young.locator(".translate-source[lang=fr]").first.is_visible()
    young.get_by_label("Title in your language").fill("The Capucins market")
    young.get_by_label("Block 1 in your language").fill(
        "On Sundays, the whole district goes down to the market."
    )
    young.get_by_label("Block 2 in your language").fill("Come and taste.")
    assert serious_violations(young) == []
    shoot(young, "translate-editor")
    young.get_by_role("button", name="Send to my educator").click()
    young.get_by_text("Your educator reads your translation").wait_for()

    visitor = new_page("en-GB")
    visitor.goto(story_url)
    assert visitor.get_by_text("The Capucins market").count() == 0  # not before the review

    educator = new_page("en-GB")
    _sign_in(educator, live_server, edu_b.email)
    educator.goto(f"{story_url}#translations")
    assert "Waiting for review" in educator.inner_text("#translations")
    educator.get_by_role("button", name="Publish this translation").click()
    educator.get_by_text("The translation is published").wait_for()

    visitor.goto(story_url)
    switch = visitor.get_by_role(
        "link", name="Read in English — translated by Aoife, Northside Youth Club"
    )
    switch.click()
    visitor.wait_for_url("**translation=*")
    title = visitor.get_by_role("heading", level=1)
    assert title.inner_text() == "The Capucins market" and title.get_attribute("lang") == "en"
    text = visitor.locator(".story-block--text")
    assert text.get_attribute("lang") == "en" and "whole district" in text.inner_text()
    assert "Come and taste." in visitor.inner_text(".story-block--quote")
    assert visitor.locator(".language-switch [aria-current=page]").get_attribute("hreflang") == "en"
    assert "Translated from French by Aoife, Northside Youth Club" in visitor.inner_text("main")
    assert serious_violations(visitor) == []
    shoot(visitor, "story-translated")
    visitor.get_by_role("link", name="Read the original").click()
    visitor.wait_for_function("() => document.querySelector('h1').getAttribute('lang') === 'fr'")
    assert visitor.get_by_role("heading", level=1).inner_text() == "Le marché des Capucins"

    author = new_page("fr-FR")  # the author's side reads it too, in a French interface
    author.set_viewport_size({"width": 360, "height": 780})
    author.goto(story_url)
    author.get_by_role(
        "link", name="Lire en Anglais — traduit par Aoife, Northside Youth Club"
    ).click()
    author.wait_for_url("**translation=*")
    assert author.get_by_role("heading", level=1).get_attribute("lang") == "en"
