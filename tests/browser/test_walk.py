""" "Walk between the two places" in Chromium: from the exchange page a reader starts the walk,
turns the view by keyboard, walks through the door to the twin's place and back, on a phone
(360 px) and a wide screen (1280 px); without JavaScript the walk is a list of the views with
their doors as links. Axe finds no serious or critical problem. Every wait is on a state (the
scene the viewer reports loaded), never on time: the machine is loaded."""

import pytest

from storyhub.media_pages.portals import place_portal
from tests.browser.axe import serious_violations
from tests.browser.test_portals import FADE_DONE, two_markets  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser
BOX = "document.querySelector('[data-tour]')"
LOADED = f"(scene) => {BOX}.getAttribute('data-loaded') === scene"
YAW = f"{BOX}.storyhubViewer.getYaw()"


@pytest.fixture
def joined(two_markets):  # noqa: F811
    edu_a, (story_a, view_a), (story_b, view_b) = two_markets
    place_portal(edu_a, view_a, view_b.id, 90, -90)
    return story_a.round.exchange_id, view_a, view_b


def _walk(page, live_server, exchange_id, view_a, view_b, door_there, door_back):
    page.goto(f"{live_server}/exchanges/{exchange_id}")
    page.locator(f"a[href='/exchanges/{exchange_id}/walk']").click()
    page.wait_for_url(f"**/exchanges/{exchange_id}/walk")
    page.locator("[data-tour-start]").click()
    page.wait_for_function(LOADED, arg=f"view-{view_a.id}")
    page.locator("[data-fullscreen-button]").click()  # the view and its doors fill the screen
    page.wait_for_function(f"() => document.fullscreenElement === {BOX}")
    page.wait_for_function("() => document.activeElement.classList.contains('walk__stage')")
    before = page.evaluate(YAW)
    page.keyboard.down("ArrowRight")  # held until the view has turned
    page.wait_for_function(f"(before) => {YAW} > before + 2", arg=before)
    page.keyboard.up("ArrowRight")
    door = page.get_by_role("button", name=door_there)
    door.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(LOADED, arg=f"view-{view_b.id}")
    page.wait_for_function(
        "(id) => document.getElementById(id).classList.contains('is-current')",
        arg=f"view-{view_b.id}",
    )
    assert "Mamoudzou" in page.inner_text("[data-tour-now]")
    assert "Mamoudzou" in page.locator(".walk__stage").get_attribute("aria-label")
    page.wait_for_function(FADE_DONE)
    assert serious_violations(page) == []
    back = page.get_by_role("button", name=door_back)
    back.click()
    page.wait_for_function(LOADED, arg=f"view-{view_a.id}")
    assert "Bordeaux" in page.inner_text("[data-tour-now]")
    page.locator("[data-fullscreen-button]").click()  # the way out, on screen
    page.wait_for_function("() => document.fullscreenElement === null")


def test_a_reader_walks_from_here_to_over_there_and_back(live_server, new_page, shoot, joined):
    exchange_id, view_a, view_b = joined
    page = new_page("en-GB")
    _walk(
        page,
        live_server,
        exchange_id,
        view_a,
        view_b,
        "Walk through the door to Mamoudzou",
        "Walk through the door to Bordeaux",
    )
    page.wait_for_function(FADE_DONE)
    shoot(page, "walk")


def test_on_a_phone_the_walk_works_the_same(live_server, new_page, shoot, joined):
    exchange_id, view_a, view_b = joined
    phone = new_page("fr-FR")
    phone.set_viewport_size({"width": 360, "height": 780})
    _walk(
        phone,
        live_server,
        exchange_id,
        view_a,
        view_b,
        "Passer la porte vers Mamoudzou",
        "Passer la porte vers Bordeaux",
    )
    assert phone.evaluate("document.documentElement.scrollWidth <= 360")
    phone.wait_for_function(FADE_DONE)
    shoot(phone, "walk-phone")


def test_a_scene_of_the_list_opens_in_the_viewer(live_server, new_page, joined):
    exchange_id, view_a, view_b = joined
    page = new_page("en-GB")
    page.goto(f"{live_server}/exchanges/{exchange_id}/walk")
    page.locator(f"#view-{view_b.id} [data-tour-show]").click()
    page.wait_for_function(LOADED, arg=f"view-{view_b.id}")
    page.get_by_role("button", name="Walk through the door to Bordeaux").wait_for()


def test_without_javascript_the_walk_is_a_list_of_views_and_doors(browser, live_server, joined):
    exchange_id, view_a, view_b = joined
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 780}, locale="en-GB"
    )
    page = context.new_page()
    page.goto(f"{live_server}/exchanges/{exchange_id}/walk")
    assert not page.locator("[data-tour-start]").is_visible()
    assert page.get_by_role("heading", name="The views of the walk").is_visible()
    page.locator(f"#view-{view_a.id} .walk-scene__door a").click()
    page.wait_for_url(f"**/walk#view-{view_b.id}")
    page.locator(f"#view-{view_b.id} a[href*='/stories/']").click()
    page.wait_for_url(f"**#panorama-{view_b.id}")
    context.close()
