"""Reading a pair in Chromium: side by side at 1280 px, block by block; at 360 px two panes behind
a tab list of the place names, driven by the keyboard, keeping the reader's place; without
JavaScript both sides one after the other. Axe finds no serious or critical problem."""

from io import BytesIO

import pytest

from storyhub import demo_art
from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.media.services import create_media
from storyhub.stories.models import Block
from tests import factories, snapshot
from tests.browser.axe import serious_violations

pytestmark = pytest.mark.browser
LONG = "<p>" + " ".join(["Le dimanche matin, tout le quartier descend au marché."] * 14) + "</p>"


def _story(round_, group, author, title, language, photo, alt, texts):
    story = factories.make_story(
        round_, group, [author], status="approved", title=title, language=language, text=LONG
    )
    media = create_media(author, group, "image", BytesIO(photo()), story=story, alt_text=alt)
    media.nobody_recognisable = True
    story.blocks.insert(0, Block(kind="image", media_id=media.id))
    for text in texts:
        story.blocks.append(Block(kind="quote", text=text, attribution=author.display_name))
        story.blocks.append(Block(kind="text", body_html=LONG))
    for position, block in enumerate(story.blocks):
        block.position = position
    db.session.commit()
    return story


@pytest.fixture
def public_pair(app):
    """A public pair of two stories with processed photos (built once per run: tests/snapshot.py).
    Its files stay in the media folder where they were written: the folder is in the key."""
    return snapshot.once(("public_pair", app.config["MEDIA_ROOT"]), _public_pair)


def _public_pair():
    bordeaux = factories.make_territory("Bordeaux", "FR")
    mamoudzou = factories.make_territory("Mamoudzou", "YT")
    group_a = factories.make_group(factories.make_educator(), bordeaux, name="4e B")
    group_b = factories.make_group(factories.make_educator(), mamoudzou, name="Club de Kawéni")
    exchange = factories.make_exchange(group_a, group_b, public=True)
    round_ = factories.make_round(exchange, question="Que veut dire vivre ensemble ?")
    lea, amina = (
        factories.make_young(group_a, name="Léa"),
        factories.make_young(group_b, name="Amina"),
    )
    _story(
        round_,
        group_a,
        lea,
        "Le marché des Capucins",
        "fr",
        demo_art.market_photo,
        "Un marché sous des auvents rayés",
        ["Ici on partage une table.", "Viens goûter."],
    )
    _story(
        round_,
        group_b,
        amina,
        "The seven o'clock barge",
        "en",
        demo_art.lagoon_photo,
        "A white barge crossing a lagoon at sunrise",
        ["All in the same boat.", "Come aboard."],
    )
    exchange.featured_at = utcnow()
    db.session.commit()
    return round_, group_a, group_b


def test_pair_side_by_side_at_1280_tabs_at_360_by_keyboard(
    live_server, new_page, shoot, public_pair
):
    round_, a, b = public_pair
    url = f"{live_server}/rounds/{round_.id}/read"
    page = new_page("en-GB")
    page.goto(url)
    side_a, side_b = page.locator(f"#pair-side-{a.id}"), page.locator(f"#pair-side-{b.id}")
    assert side_a.is_visible() and side_b.is_visible()
    assert not page.get_by_role("tablist").is_visible()
    # Block by block: the n-th blocks of both sides start on the same line.
    for n in (1, 3):
        top_a = side_a.locator(".pair-block").nth(n).bounding_box()["y"]
        top_b = side_b.locator(".pair-block").nth(n).bounding_box()["y"]
        assert abs(top_a - top_b) < 2
    assert side_a.locator("h3").get_attribute("lang") == "fr"
    assert side_b.locator("h3").get_attribute("lang") == "en"
    assert serious_violations(page) == []
    shoot(page, "pair-read")

    phone = new_page("en-GB")
    phone.set_viewport_size({"width": 360, "height": 780})
    phone.goto(url)
    tabs = phone.get_by_role("tab")
    tabs.first.wait_for()
    assert [t.inner_text().split("\n")[0] for t in tabs.all()] == ["Bordeaux", "Mamoudzou"]
    first, second = tabs.nth(0), tabs.nth(1)
    panel_a, panel_b = phone.locator(f"#pair-side-{a.id}"), phone.locator(f"#pair-side-{b.id}")
    assert first.get_attribute("aria-selected") == "true" and panel_a.is_visible()
    assert not panel_b.is_visible()
    assert panel_a.get_attribute("role") == "tabpanel"
    assert serious_violations(phone) == []

    first.focus()
    phone.keyboard.press("ArrowRight")
    assert second.get_attribute("aria-selected") == "true"
    assert phone.evaluate("document.activeElement.id") == f"pair-tab-{b.id}"
    assert panel_b.is_visible() and not panel_a.is_visible()
    phone.keyboard.press("Home")
    assert first.get_attribute("aria-selected") == "true" and panel_a.is_visible()
    phone.keyboard.press("End")
    assert second.get_attribute("aria-selected") == "true"
    phone.keyboard.press("ArrowLeft")
    assert first.get_attribute("aria-selected") == "true"

    # The reader's place in each pane is kept: read down side A, look over there, come back.
    panel_a.locator(".pair-block").nth(4).scroll_into_view_if_needed()
    place_a = phone.evaluate("window.scrollY")
    assert place_a > 600
    second.click()
    assert panel_b.is_visible()
    # (waits on the scroll having happened, not on how fast: a busy machine scrolls late)
    phone.wait_for_function("(at) => window.scrollY < at", arg=place_a)
    first.click()
    phone.wait_for_function("(at) => Math.abs(window.scrollY - at) < 3", arg=place_a)
    # ... and the chosen side survives a reload.
    second.click()
    phone.reload()
    phone.get_by_role("tab", selected=True).wait_for()
    assert phone.get_by_role("tab", selected=True).get_attribute("id") == f"pair-tab-{b.id}"
    shoot(phone, "pair-read-tabs")

    # "Meanwhile, over there" leads from a story to the twin's, one tap away, and back to the pair.
    page.goto(url)
    page.get_by_role("link", name="Le marché des Capucins").click()
    page.wait_for_url("**/stories/*")
    assert page.locator(".story-hero--cover img").count() == 1
    meanwhile = page.locator(".meanwhile")
    assert "mamoudzou" in meanwhile.inner_text().lower()
    assert serious_violations(page) == []
    shoot(page, "story-cover-meanwhile")
    meanwhile.get_by_role("link", name="The seven o'clock barge").click()
    page.wait_for_url("**/stories/*")
    assert page.get_by_role("heading", level=1).inner_text() == "The seven o'clock barge"
    assert page.get_by_role("heading", level=1).get_attribute("lang") == "en"


def test_without_javascript_both_sides_follow_each_other(browser, live_server, public_pair):
    round_, a, b = public_pair
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 780}, locale="fr-FR"
    )
    page = context.new_page()
    page.goto(f"{live_server}/rounds/{round_.id}/read")
    assert page.get_by_role("tablist").count() == 0 or not page.get_by_role("tablist").is_visible()
    for group in (a, b):
        assert page.get_by_role("heading", name=group.territory.name, level=2).is_visible()
    box_a = page.locator(f"#pair-side-{a.id}").bounding_box()
    box_b = page.locator(f"#pair-side-{b.id}").bounding_box()
    assert box_b["y"] > box_a["y"] + box_a["height"] - 1
    assert "les deux récits, côte à côte" in page.inner_text("main").lower()
    context.close()


def _swipe(page, selector, dx):
    """A one-finger horizontal swipe across the element, as a phone's touch screen sends it."""
    box = page.locator(selector).bounding_box()
    x, y = box["x"] + box["width"] / 2, min(box["y"] + 200, 600)
    cdp = page.context.new_cdp_session(page)
    steps = [("touchStart", x), ("touchMove", x + dx / 2), ("touchMove", x + dx)]
    for kind, at in steps:
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [{"x": at, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def test_on_a_phone_a_swipe_goes_over_there_and_back(browser, live_server, shoot, public_pair):
    round_, a, b = public_pair
    context = browser.new_context(
        locale="en-GB", viewport={"width": 360, "height": 780}, has_touch=True, is_mobile=True
    )
    phone = context.new_page()
    phone.goto(f"{live_server}/rounds/{round_.id}/read")
    # the tabs are in the page before pair.js runs: wait for it to have taken the panes
    phone.wait_for_function("() => document.querySelector('.is-tabbed')")
    selected = "() => document.querySelector('[role=tab][aria-selected=true]')?.id"
    address = phone.url
    assert phone.evaluate(selected) == f"pair-tab-{a.id}"
    _swipe(phone, f"#pair-side-{a.id}", -200)  # finger to the left: the side over there
    phone.wait_for_function(f"() => ({selected})() === 'pair-tab-{b.id}'")
    assert phone.locator(f"#pair-side-{b.id}").is_visible()
    _swipe(phone, f"#pair-side-{b.id}", 200)  # and back
    phone.wait_for_function(f"() => ({selected})() === 'pair-tab-{a.id}'")
    assert phone.url == address  # the swipe switched sides; the browser did not go back
    assert phone.locator(f"#pair-side-{a.id}").is_visible()
    shoot(phone, "pair-read-swiped")
    context.close()
