"""Admins act on any content; suspended accounts cannot sign in; the log keeps every action."""

from storyhub.extensions import db
from storyhub.moderation.models import ModerationEntry
from storyhub.reports import appeals, services
from storyhub.stories import services as stories
from tests import factories
from tests.reports.conftest import report

EN = {"Accept-Language": "en"}


def test_admin_approves_a_story_of_any_group(as_user, world):
    story = factories.make_story(world.round, world.group, [world.author], "submitted")
    page = as_user(world.admin).post(f"/stories/{story.id}/approve")
    assert page.status_code == 302
    db.session.refresh(story)
    assert story.status == "approved"


def test_admin_may_fix_a_submitted_story_an_outsider_may_not(as_user, world):
    story = factories.make_story(world.round, world.group, [world.author], "submitted")
    assert as_user(world.admin).get(f"/stories/{story.id}/edit").status_code == 200
    # the twin side does not see a submitted story at all: 404, not a refusal that confirms it
    assert as_user(world.twin_educator).get(f"/stories/{story.id}/edit").status_code == 404


def test_admin_decides_on_reports_of_any_group(client, as_user, world):
    report(client, "story", world.story.id, reason="stranger")
    page = as_user(world.admin).post(
        f"/moderation/reports/story/{world.story.id}/keep", headers=EN, follow_redirects=True
    )
    assert page.status_code == 200 and b"Decision recorded" in page.data


def test_admin_home_links_to_reports_and_appeals(as_user, world):
    page = as_user(world.admin).get("/admin/", headers=EN)
    assert b'href="/moderation/reports"' in page.data
    assert b'href="/moderation/appeals"' in page.data


def test_a_suspended_educator_cannot_sign_in(client, world):
    report(client, "comment", world.comment.id, reason="stranger")
    services.decide(world.comment, world.admin, "suspend", "Grooming")
    page = client.post(
        "/login",
        data={"identifier": world.twin_educator.email, "password": factories.PASSWORD},
        headers=EN,
    )
    assert b"This account is suspended" in page.data
    assert client.get("/dashboard").status_code == 302


def test_an_active_educator_still_signs_in(client, world):
    page = client.post(
        "/login", data={"identifier": world.educator.email, "password": factories.PASSWORD}
    )
    assert page.status_code == 302 and "/login" not in page.headers["Location"]


def test_the_log_records_every_new_action(client, world):
    report(client, "story", world.story.id, reason="child_data")
    services.decide(world.story, world.admin, "unpublish", "Address shown")
    appeal = appeals.request_appeal(world.story, world.educator, "A café, not a home")
    appeals.decide_appeal(appeal, world.admin, reverse=False, answer="Stays down")
    stories.take_action(world.story, world.author, "revise")
    report(client, "comment", world.comment.id, reason="stranger")
    services.decide(world.comment, world.educator, "keep")
    stories.submit_story(world.story, world.author)
    stories.approve_story(world.story, world.educator)
    stories.unpublish_story(world.story, world.educator, "Wait")
    stories.take_action(world.story, world.educator, "republish")
    actions = [e.action for e in db.session.query(ModerationEntry).order_by(ModerationEntry.id)]
    for action in (
        "report_hide", "report_unpublish", "appeal", "appeal_upheld", "revise",
        "report_keep", "republish",
    ):  # fmt: skip
        assert action in actions, action
    hidden = db.session.query(ModerationEntry).filter_by(action="report_hide").first()
    assert hidden.actor_id is None and hidden.reason == "child_data"


def test_the_log_page_names_the_new_actions(client, as_user, world):
    report(client, "story", world.story.id, reason="child_data")
    services.decide(world.story, world.educator, "keep")
    page = as_user(world.educator).get("/moderation/log", headers=EN)
    assert b"hidden after reports" in page.data and b"kept after reports" in page.data
