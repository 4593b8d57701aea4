"""The queue on a phone, by keyboard: ask for changes, then approve the revised story."""

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


def test_an_educator_works_through_the_queue_on_a_phone_by_keyboard(
    live_server, new_page, pair, shoot
):
    story = factories.make_story(pair.round, pair.a, [pair.lea], "submitted", title="Our tram")
    page = new_page("en-GB")
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server}/login")
    page.fill("input[name=identifier]", pair.edu_a.email)
    page.fill("input[name=password]", factories.PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)
    page.goto(f"{live_server}/moderation/")
    shoot(page, "moderation-queue")
    page.locator(".decision--changes summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("Tell us which line you take.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Send back to the authors"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    db.session.expire_all()
    story = db.session.get(Story, story.id)
    assert (story.status, story.feedback) == ("changes_requested", "Tell us which line you take.")
    assert "Nothing is waiting" in page.content()
