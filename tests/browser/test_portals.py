"""Portals in Chromium: an educator joins the market here to the one over there from the 360°
view's page; a visitor opens the view, turns it by keyboard, walks through the portal to the
twin's place and back (button and scene change), at 1280 and 360 px; without JavaScript the
portal is a link to the twin's view. Axe finds no serious or critical problem."""

from io import BytesIO

import pytest

from storyhub.extensions import db
from storyhub.media.services import create_media
from storyhub.stories.models import Block
from tests import factories, snapshot
from tests.browser.axe import serious_violations
from tests.factories import PASSWORD
from tests.media import samples

pytestmark = pytest.mark.browser
SCENE = "() => document.querySelector('[data-panorama]').storyhubViewer.getScene()"
YAW = "document.querySelector('[data-panorama]').storyhubViewer.getYaw()"
# Pannellum fades between scenes with a picture of the last view, without alt text, removed
# when the fade is done: axe looks once it is gone.
FADE_DONE = "() => !document.querySelector('.pnlm-fade-img')"


def _view_story(round_, group, author, title, alt):
    story = factories.make_story(round_, group, [author], status="approved", title=title)
    media = create_media(
        author,
        group,
        "panorama",
        BytesIO(samples.panorama((2048, 1024))),
        story=story,
        alt_text=alt,
    )
    media.nobody_recognisable = True
    story.blocks.append(Block(kind="panorama", position=1, media_id=media.id))
    db.session.commit()
    return story, media


@pytest.fixture
def two_markets(app):
    """Two public market stories, each with a processed 360° view (built once per run: tests/snapshot.py).
    Its files stay in the media folder where they were written: the folder is in the key."""
    return snapshot.once(("two_markets", app.config["MEDIA_ROOT"]), _two_markets)


def _two_markets():
    bordeaux = factories.make_territory("Bordeaux", "FR")
    mamoudzou = factories.make_territory("Mamoudzou", "YT")
    edu_a = factories.make_educator()
    group_a = factories.make_group(edu_a, bordeaux, name="Les Quais")
    group_b = factories.make_group(factories.make_educator(), mamoudzou, name="Club de Kawéni")
    exchange = factories.make_exchange(group_a, group_b, public=True)
    round_ = factories.make_round(exchange)
    lea = factories.make_young(group_a, name="Léa")
    amina = factories.make_young(group_b, name="Amina")
    here = _view_story(round_, group_a, lea, "Le marché des Capucins", "Le marché des Capucins")
    there = _view_story(round_, group_b, amina, "The market", "The market of Mamoudzou")
    return edu_a, here, there


def _sign_in(page, site, user):
    page.goto(f"{site}/login")
    page.fill("#identifier", user.email)
    page.fill("#password", PASSWORD)
    page.locator("#password").press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)


def test_walk_from_the_market_here_to_the_market_over_there_and_back(
    live_server, new_page, shoot, two_markets
):
    edu_a, (story_a, view_a), (story_b, view_b) = two_markets
    educator = new_page("en-GB")
    _sign_in(educator, live_server, edu_a)
    educator.goto(f"{live_server}/stories/{story_a.id}")
    educator.get_by_role("link", name="Place a portal to the matching place over there").click()
    educator.wait_for_url("**/media/*")
    educator.get_by_label("The 360° view over there it leads to").select_option(str(view_b.id))
    educator.get_by_label("Where the portal stands in this view").select_option("90")
    educator.get_by_label("Where the way back stands over there").select_option("-90")
    educator.get_by_role("button", name="Place the portal").click()
    educator.get_by_text("The portal is placed").wait_for()
    assert "The market" in educator.inner_text("#portal")

    page = new_page("en-GB")
    page.goto(f"{live_server}/stories/{story_a.id}")
    page.get_by_role("button", name="Look around in 360°").click()
    page.wait_for_selector(".panorama.is-open")
    assert page.evaluate("document.activeElement.classList.contains('panorama__stage')")
    before = page.evaluate(YAW)
    page.keyboard.down("ArrowRight")  # held until the view has turned
    page.wait_for_function(f"(before) => {YAW} > before + 2", arg=before)
    page.keyboard.up("ArrowRight")
    walk = page.get_by_role("button", name="Walk over there, to Mamoudzou")
    walk.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({SCENE})() === 'there'")
    page.wait_for_selector(".panorama[data-scene=there]")
    back = page.get_by_role("button", name="Walk back here, to Bordeaux")
    back.wait_for()
    assert "The market of Mamoudzou" in page.inner_text(".panorama__description")
    assert page.locator("[data-panorama-words]").get_attribute("lang") == "fr"
    assert "Mamoudzou" in page.locator(".panorama__stage").get_attribute("aria-label")
    page.wait_for_function(FADE_DONE)
    assert serious_violations(page) == []
    shoot(page, "portal-over-there")
    back.click()
    page.wait_for_function(f"() => ({SCENE})() === 'here'")
    page.get_by_role("button", name="Walk over there, to Mamoudzou").wait_for()
    assert "Le marché des Capucins" in page.inner_text(".panorama__description")

    phone = new_page("fr-FR")
    phone.set_viewport_size({"width": 360, "height": 780})
    phone.goto(f"{live_server}/stories/{story_b.id}")
    phone.get_by_role("button", name="Regarder autour à 360°").click()
    phone.wait_for_selector(".panorama.is-open")
    phone.get_by_role("button", name="Passer là-bas, à Bordeaux").click()
    phone.wait_for_function(f"() => ({SCENE})() === 'there'")
    phone.get_by_role("button", name="Revenir ici, à Mamoudzou").wait_for()
    phone.wait_for_function(FADE_DONE)
    assert serious_violations(phone) == []
    shoot(phone, "portal-phone")


def test_without_javascript_the_portal_is_a_link_to_the_view_over_there(
    browser, live_server, two_markets
):
    edu_a, (story_a, view_a), (story_b, view_b) = two_markets
    from storyhub.media_pages.portals import place_portal

    place_portal(edu_a, view_a, view_b.id, 0, 180)
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 780}, locale="en-GB"
    )
    page = context.new_page()
    page.goto(f"{live_server}/stories/{story_a.id}")
    page.get_by_role("link", name="Walk over there, to Mamoudzou").click()
    page.wait_for_url(f"**/stories/{story_b.id}#panorama-{view_b.id}")
    assert page.get_by_role("link", name="Walk over there, to Bordeaux").is_visible()
    context.close()


def test_a_view_opens_full_screen_turns_by_keyboard_walks_and_comes_back_out(
    live_server, new_page, shoot, two_markets
):
    edu_a, (story_a, view_a), (story_b, view_b) = two_markets
    from storyhub.media_pages.portals import place_portal

    place_portal(edu_a, view_a, view_b.id, 90, -90)
    page = new_page("en-GB")
    page.goto(f"{live_server}/stories/{story_a.id}")
    page.get_by_role("button", name="Look around in 360°").click()
    page.wait_for_selector(".panorama.is-open")
    page.get_by_role("button", name="Full screen").click()
    page.wait_for_function("() => document.fullscreenElement?.matches('.panorama.is-fullscreen')")
    page.wait_for_function("() => document.activeElement.classList.contains('panorama__stage')")
    before = page.evaluate(YAW)
    page.keyboard.down("ArrowLeft")  # held until the view has turned
    page.wait_for_function(f"(before) => {YAW} < before - 2", arg=before)
    page.keyboard.up("ArrowLeft")
    page.get_by_role("button", name="Walk over there, to Mamoudzou").click()  # on screen
    page.wait_for_function(f"() => ({SCENE})() === 'there'")
    page.wait_for_function(FADE_DONE)
    shoot(page, "portal-full-screen")
    page.get_by_role("button", name="Walk back here, to Bordeaux").click()
    page.wait_for_function(f"() => ({SCENE})() === 'here'")
    page.get_by_role("button", name="Leave full screen (Esc)").click()
    page.wait_for_function("() => document.fullscreenElement === null")
    page.get_by_role("button", name="Full screen").wait_for()
