"""The editor's JavaScript in Chromium: rich text, blocks added and moved, nothing lost."""

import pytest

from storyhub.extensions import db
from storyhub.stories.models import Story
from tests import factories
from tests.stories.helpers import make_pair

pytestmark = pytest.mark.browser


@pytest.fixture
def pair():
    """Bordeaux and Mamoudzou twinned, with an open round (see tests/stories/helpers.py)."""
    return make_pair()


def _sign_in(page, base, username):
    page.goto(f"{base}/login")
    page.fill("input[name=identifier]", username)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)


def test_a_young_person_writes_a_story_with_the_rich_editor(live_server, new_page, pair):
    page = new_page("en-GB")
    _sign_in(page, live_server, pair.lea.username)
    page.goto(f"{live_server}/rounds/{pair.round.id}")
    page.click("text=Write our story")
    page.fill("input[name=title]", "Our square at dusk")
    area = page.locator("[data-rich-area]").first
    area.click()
    page.keyboard.type("The benches fill up. ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Everyone")
    page.keyboard.press("Control+b")
    page.keyboard.type(" comes.")
    page.click("[data-add=quote]")
    page.keyboard.type("Here nobody is a stranger for long.")
    page.click("#block-1 [data-op=up]")
    assert page.locator("#block-0 input[name=block-0-kind]").input_value() == "quote"
    page.click("button[name=op][value=save]:not(.visually-hidden)")
    page.wait_for_url("**/edit")
    db.session.expire_all()
    story = db.session.scalar(db.select(Story))
    assert [b.kind for b in story.blocks] == ["quote", "text"]
    assert story.blocks[0].text == "Here nobody is a stranger for long."
    assert "<strong>Everyone</strong>" in story.blocks[1].body_html
    assert page.locator(".flash--success").is_visible()


def test_leaving_with_unsaved_changes_asks_first(live_server, new_page, pair):
    page = new_page("en-GB")
    _sign_in(page, live_server, pair.lea.username)
    page.goto(f"{live_server}/rounds/{pair.round.id}/stories/new")
    page.fill("input[name=title]", "Half written")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    with pytest.raises(Exception):  # noqa: B017 - the navigation is cancelled by the user
        page.goto(f"{live_server}/dashboard", timeout=3000)
    assert asked == ["beforeunload"]
    assert page.locator("input[name=title]").input_value() == "Half written"


def test_the_pair_page_side_by_side_and_stacked(live_server, new_page, pair, shoot):
    factories.make_story(pair.round, pair.a, [pair.lea], "approved", title="Our square at dusk")
    pair.exchange.inviting_published_at = pair.exchange.invited_published_at = factories.utcnow()
    db.session.commit()
    page = new_page("en-GB")
    page.goto(f"{live_server}/rounds/{pair.round.id}")
    sides = page.locator(".side")
    first, second = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
    assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"]
    page.set_viewport_size({"width": 360, "height": 900})
    first, second = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
    assert second["y"] > first["y"] + first["height"] - 1
    assert page.get_by_text("The pair is awaiting Mamoudzou").is_visible()
    shoot(page, "stories-pair")
