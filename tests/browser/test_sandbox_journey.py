"""A new educator waiting for verification practises in their sandbox exchange, in Chromium:
sign up, open the practice exchange, write and edit a story in the editor, review and approve
the practice story from the review page; then, as an anonymous visitor, nothing of it is found."""

import re

import pytest

from storyhub.accounts.models import User
from storyhub.extensions import db
from storyhub.sandbox.services import sandbox_of
from storyhub.stories.models import STATUS_APPROVED, Story
from tests import factories

pytestmark = pytest.mark.browser

EDUCATOR = {
    "display_name": "Awa Soilihi",
    "email": "awa@college-kaweni.example",
    "organisation": "Collège de Kawéni",
    "password": "le lagon est calme ce soir",
}
OWN_TITLE = "Our corner of the lagoon"


def _submit(page, selector="main form.form button[type=submit]"):
    with page.expect_navigation():
        page.locator(selector).first.click()


def _signs_up_and_waits(page, base):
    page.goto(base + "/signup")
    for name, value in EDUCATOR.items():
        page.fill(f"#{name}", value)
    page.fill("#confirm", EDUCATOR["password"])
    _submit(page)
    page.wait_for_url(re.compile(r"/login$"))
    page.fill("#identifier", EDUCATOR["email"])
    page.fill("#password", EDUCATOR["password"])
    _submit(page)
    page.wait_for_url(re.compile(r"/dashboard$"))
    assert page.locator("#verification-waiting").is_visible()


def test_a_pending_educator_practises_in_the_sandbox_and_nothing_is_public(
    live_server, new_page, shoot
):
    factories.make_territory(name="Mamoudzou", country="YT")
    factories.make_territory(name="Bordeaux", country="FR")
    page = new_page("en-GB")
    _signs_up_and_waits(page, live_server)
    shoot(page, "sandbox-01-waiting")

    # The dashboard leads to the practice exchange, made on the educator's request.
    with page.expect_navigation():
        page.click("#open-sandbox")
    _submit(page, "#sandbox form button[type=submit]")
    page.wait_for_url(re.compile(r"/practice/$"))
    assert page.locator("#sandbox-write").is_visible()
    shoot(page, "sandbox-02-practice-page")

    # The editor: write a story as a young person would, save it, edit it, save again.
    with page.expect_navigation():
        page.click("#sandbox-write")
    page.fill("input[name=title]", "Our corner")
    area = page.locator("[data-rich-area]").first
    area.click()
    page.keyboard.type("At low tide we walk to the mangrove. ")
    page.click("button[name=op][value=save]:not(.visually-hidden)")
    page.wait_for_url("**/edit")
    page.fill("input[name=title]", OWN_TITLE)
    page.locator("[data-rich-area]").first.click()
    page.keyboard.press("End")
    page.keyboard.type("The crabs run away from us.")
    shoot(page, "sandbox-03-editor")
    with page.expect_navigation():
        page.click("button[name=op][value=save]:not(.visually-hidden)")
    page.locator(".flash--success").wait_for()
    db.session.expire_all()
    own = db.session.scalar(db.select(Story).filter_by(title=OWN_TITLE))
    assert own is not None and "crabs" in own.blocks[0].body_html

    # The moderation: the practice story waits; the educator reviews and approves it.
    page.goto(live_server + "/practice/")
    with page.expect_navigation():
        page.click("#sandbox-review-1")
    page.wait_for_url(re.compile(r"/moderation/stories/\d+$"))
    practice_id = int(page.url.rsplit("/", 1)[1])
    assert page.get_by_role("heading", name="The stairs behind the gym").count() >= 1
    shoot(page, "sandbox-04-review")
    with page.expect_navigation():
        page.locator("form.decision--approve button").click()
    db.session.expire_all()
    assert db.session.get(Story, practice_id).status == STATUS_APPROVED
    shoot(page, "sandbox-05-approved")

    educator = db.session.scalar(db.select(User).filter_by(email=EDUCATOR["email"]))
    assert educator.is_pending
    exchange = sandbox_of(educator)
    twin_story = db.session.scalar(db.select(Story).filter_by(group_id=exchange.invited_group_id))

    # An anonymous visitor finds nothing of it.
    visitor = new_page("en-GB")
    for path in ("/", "/explore", "/search?q=stairs+gym", "/search?q=lagoon", "/map"):
        response = visitor.goto(live_server + path)
        assert response.status == 200, path
        text = visitor.content()
        for title in ("The stairs behind the gym", OWN_TITLE, "The market by the harbour"):
            assert title not in text, (path, title)
        assert "Practice exchange" not in text, path
    for path in (f"/stories/{practice_id}", f"/stories/{twin_story.id}",
                 f"/stories/{own.id}", f"/exchanges/{exchange.id}", "/practice/"):  # fmt: skip
        response = visitor.goto(live_server + path)
        assert response.status in (404, 200), path
        if path == "/practice/":  # asks to sign in
            assert "/login" in visitor.url
        else:
            assert response.status == 404, path
    visitor.goto(live_server + f"/stories/{practice_id}")
    shoot(visitor, "sandbox-06-visitor-404")
