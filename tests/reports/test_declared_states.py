"""Hidden after reports and under appeal are declared once, in the lifecycle kit: the story and
comment lifecycles answer them, templates ask them (not `hidden_at`, not an Appeal query)."""

from storyhub.core.lifecycle import HIDDEN_AFTER_REPORTS, UNDER_APPEAL, is_hidden_after_reports
from storyhub.extensions import db
from storyhub.reports import services
from storyhub.reports.appeals import APPEAL, decide_appeal, request_appeal
from storyhub.reports.models import Appeal
from storyhub.reports.queries import is_under_appeal
from storyhub.responses.life import COMMENT
from storyhub.stories.life import STORY
from tests.reports.conftest import report

EN = {"Accept-Language": "en"}


def test_a_shown_comment_and_story_are_not_hidden_after_reports(world):
    assert not COMMENT.is_in(world.comment, HIDDEN_AFTER_REPORTS)
    assert not STORY.is_in(world.story, HIDDEN_AFTER_REPORTS)
    assert not is_hidden_after_reports(world.photo)
    assert not is_hidden_after_reports(world.exchange)  # an exchange is never hidden


def test_a_serious_report_puts_the_comment_in_the_declared_hidden_state(client, world):
    report(client, "comment", world.comment.id, reason="stranger")
    db.session.refresh(world.comment)
    assert COMMENT.is_in(world.comment, HIDDEN_AFTER_REPORTS)
    assert COMMENT.is_in(world.comment, "published")  # its status is unchanged: beside it


def test_the_hidden_state_is_what_the_report_queue_shows(client, as_user, world):
    report(client, "story", world.story.id, reason="child_data")
    db.session.refresh(world.story)
    assert STORY.is_in(world.story, HIDDEN_AFTER_REPORTS)
    page = as_user(world.educator).get("/moderation/reports", headers=EN)
    assert page.status_code == 200 and b"Quayside lanterns" in page.data
    assert b"Hidden until your decision" in page.data


def test_a_report_that_does_not_hide_leaves_the_queue_without_the_mark(client, as_user, world):
    report(client, "story", world.story.id, reason="bullying")
    page = as_user(world.educator).get("/moderation/reports", headers=EN)
    assert page.status_code == 200 and b"Quayside lanterns" in page.data
    assert b"Hidden until your decision" not in page.data


def test_an_appealed_decision_puts_the_item_under_appeal_until_an_admin_decides(client, world):
    report(client, "story", world.story.id, reason="child_data")
    services.decide(world.story, world.admin, "unpublish", "Looked like an address")
    assert not is_under_appeal(world.story)
    appeal = request_appeal(world.story, world.educator, "It is the name of a café")
    assert is_under_appeal(world.story)
    assert APPEAL.is_in(appeal, UNDER_APPEAL)
    decide_appeal(appeal, world.admin, reverse=False, answer="Kept")
    assert not APPEAL.is_in(db.session.get(Appeal, appeal.id), UNDER_APPEAL)
    assert not is_under_appeal(world.story)
