"""Never lose a draft: the editor keeps the text in the browser as it is typed, stays on the page
with a clear message when "Save draft" meets a lost connection, and restores the text later."""

import pytest

from storyhub.extensions import db
from storyhub.stories.models import Story
from tests.browser.test_stories_editor import _sign_in
from tests.stories.helpers import make_pair

pytestmark = pytest.mark.browser
SAVE = "button[name=op][value=save]:not(.visually-hidden)"
OFFLINE = "Not saved yet: the connection is lost"
RESTORED = "We restored text you had typed here and not saved yet"


@pytest.fixture
def pair():
    """Bordeaux and Mamoudzou twinned, with an open round (see tests/stories/helpers.py)."""
    return make_pair()


def _type_story(page, title, words):
    page.fill("input[name=title]", title)
    page.locator("[data-rich-area]").first.click()
    page.keyboard.type(words)


def test_save_offline_keeps_the_text_and_reload_online_restores_it(
    live_server, new_page, pair, shoot
):
    page = new_page("en-GB")
    _sign_in(page, live_server, pair.lea.username)
    page.goto(f"{live_server}/rounds/{pair.round.id}/stories/new")
    _type_story(page, "The harbour at night", "Boats come back with their lights on.")
    page.context.set_offline(True)
    page.click(SAVE)
    notice = page.locator("[data-draft-notice]")
    notice.filter(has_text=OFFLINE).wait_for()
    assert page.url.endswith("/stories/new")
    assert page.locator("input[name=title]").input_value() == "The harbour at night"
    assert "Boats come back" in page.locator("[data-rich-area]").first.inner_text()
    shoot(page, "draft-offline")
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Story.id))) == 0

    page.context.set_offline(False)  # the editor saves by itself when the connection returns
    page.locator("[data-save-status]").filter(has_text="Saved at").wait_for()
    db.session.expire_all()
    story = db.session.scalar(db.select(Story))
    assert story.title == "The harbour at night"
    assert "Boats come back" in story.blocks[0].body_html
    assert page.url.endswith(f"/stories/{story.id}/edit")
    page.reload()
    assert page.locator("input[name=title]").input_value() == "The harbour at night"
    assert "Boats come back" in page.locator("[data-rich-area]").first.inner_text()
    assert not page.locator("[data-draft-notice]").is_visible()  # the server copy is the newest
    assert db.session.scalar(db.select(db.func.count(Story.id))) == 1
    page.goto(f"{live_server}/rounds/{pair.round.id}/stories/new")  # a new story starts empty
    assert page.locator("input[name=title]").input_value() == ""
    assert not page.locator("[data-draft-notice]").is_visible()


def test_a_kept_copy_is_restored_after_a_reload(live_server, new_page, pair):
    """Typed while offline, the page closed before the connection returned: the words come back
    on the next visit, with a notice, and "Save draft" saves them."""
    page = new_page("en-GB")
    _sign_in(page, live_server, pair.lea.username)
    page.goto(f"{live_server}/rounds/{pair.round.id}/stories/new")
    page.context.set_offline(True)
    _type_story(page, "The harbour at night", "Boats come back with their lights on.")
    page.wait_for_function(
        "() => Object.keys(localStorage).some(k => k.startsWith('storyhub:draft:'))"
    )
    context = page.context
    page.close()  # closed before the connection returned
    context.set_offline(False)
    page = context.new_page()  # the same browser, later
    page.goto(f"{live_server}/rounds/{pair.round.id}/stories/new")
    page.locator("[data-draft-notice]").filter(has_text=RESTORED).wait_for()
    assert page.locator("input[name=title]").input_value() == "The harbour at night"
    assert "Boats come back" in page.locator("[data-rich-area]").first.inner_text()
    page.locator("[data-save-status]").filter(has_text="Saved at").wait_for()  # by itself
    db.session.expire_all()
    story = db.session.scalar(db.select(Story))
    assert story.title == "The harbour at night"
    assert "Boats come back" in story.blocks[0].body_html


def test_in_french_the_offline_message_is_french(live_server, new_page, pair):
    page = new_page("fr-FR")
    _sign_in(page, live_server, pair.lea.username)
    page.goto(f"{live_server}/rounds/{pair.round.id}/stories/new")
    _type_story(page, "Le port la nuit", "Les bateaux rentrent.")
    page.context.set_offline(True)
    page.click(SAVE)
    page.locator("[data-draft-notice]").filter(has_text="Pas encore enregistré").wait_for()
    assert page.locator("input[name=title]").input_value() == "Le port la nuit"


def test_signing_out_forgets_the_kept_draft(live_server, new_page, pair):
    """On a shared school computer the next person finds nothing of the unsaved text."""
    page = new_page("en-GB")
    _sign_in(page, live_server, pair.lea.username)
    page.goto(f"{live_server}/rounds/{pair.round.id}/stories/new")
    _type_story(page, "My street", "Nobody else should read this.")
    kept = "() => Object.keys(localStorage).filter(k => k.startsWith('storyhub:draft:')).length"
    page.wait_for_function(f"() => ({kept})() > 0")  # a function: no eval under the CSP
    page.on("dialog", lambda dialog: dialog.accept())  # "leave with unsaved changes?"
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(lambda url: "/stories/new" not in url)
    assert page.evaluate(kept) == 0
    _sign_in(page, live_server, pair.lea.username)
    page.goto(f"{live_server}/rounds/{pair.round.id}/stories/new")
    assert page.locator("input[name=title]").input_value() == ""
    assert not page.locator("[data-draft-notice]").is_visible()
