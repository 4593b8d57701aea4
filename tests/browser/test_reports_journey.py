"""Reports in Chromium: a visitor reports a stranger's comment, it disappears at once, the
educator deletes it from the report queue, the visitor's answer is in the mail log; a young
person reaches the help page from their space in two clicks."""

import logging

import pytest

from storyhub.extensions import db
from storyhub.responses.models import Comment
from tests import factories
from tests.browser.axe import serious_violations
from tests.reports.conftest import make_world

pytestmark = pytest.mark.browser
VISITOR = "worried.parent@example.org"


def _sign_in(page, base, identifier):
    page.goto(f"{base}/login")
    page.fill("input[name=identifier]", identifier)
    page.fill("input[name=password]", factories.PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)


def test_a_visitor_reports_a_stranger_and_the_educator_deletes_it(
    app, live_server, new_page, shoot, caplog
):
    world = make_world()
    comment_id = world.comment.id
    visitor = new_page("en-GB")
    visitor.goto(f"{live_server}/stories/{world.story.id}")
    comment = visitor.locator(f"#comment-{comment_id}")
    assert "@lanternfan" in comment.inner_text()
    comment.get_by_role("link", name="Report a problem").click()
    visitor.get_by_label("Contact from a stranger").check()
    visitor.get_by_label("Tell us more (optional)").fill("He asks a child to write on Snapchat")
    visitor.get_by_label("Your e-mail, if you want an answer (optional)").fill(VISITOR)
    shoot(visitor, "report-form")
    assert serious_violations(visitor) == []
    visitor.get_by_role("button", name="Send the report").click()
    visitor.get_by_text("The content is hidden now").wait_for()
    visitor.get_by_role("link", name="Go back").click()
    visitor.wait_for_url(f"**/stories/{world.story.id}*")
    assert visitor.locator(f"#comment-{comment_id}").count() == 0
    assert "@lanternfan" not in visitor.content()

    educator = new_page("en-GB")
    _sign_in(educator, live_server, world.educator.email)
    educator.goto(f"{live_server}/moderation/reports")
    case = educator.locator(f"#case-comment-{comment_id}")
    assert "Contact from a stranger" in case.inner_text()
    assert "@lanternfan" in case.inner_text()  # the item in full, with the handle marked
    assert case.locator('mark[data-flag="handle"]').count() >= 1
    shoot(educator, "report-queue")
    assert serious_violations(educator) == []
    delete = case.locator("form[action$='/delete']")
    delete.locator("textarea").fill("An adult asked a child for contact outside StoryHub.")
    with caplog.at_level(logging.WARNING):
        delete.get_by_role("button").click()
        educator.get_by_text("Decision recorded").wait_for()
    db.session.expire_all()
    assert db.session.get(Comment, comment_id) is None
    logged = [r.getMessage() for r in caplog.records if VISITOR in r.getMessage()]
    assert logged and "took action" in logged[-1]
    assert "An adult asked" not in logged[-1]  # general words only


def test_a_young_person_reaches_help_from_their_space_in_two_clicks(live_server, new_page):
    group = factories.make_group(factories.make_educator())
    young = factories.make_young(group)
    page = new_page("en-GB")
    _sign_in(page, live_server, young.username)
    page.goto(f"{live_server}/exchanges/")
    page.get_by_role("link", name="My space").click()  # click 1
    page.get_by_role("link", name="Get help").click()  # click 2
    page.wait_for_url("**/help")
    assert page.get_by_role("heading", name="Something online worries you?").is_visible()
    assert "3018" in page.content() and "0800 1111" in page.content()
    assert serious_violations(page) == []
