"""The report queue and its decisions: who sees it, what each outcome does, who is told."""

import pytest

from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.media.models import MediaItem
from storyhub.moderation.models import ModerationEntry
from storyhub.notifications.models import Notification
from storyhub.reports import services
from storyhub.reports.models import Report
from storyhub.responses.models import Comment
from storyhub.stories.models import Story
from tests import factories
from tests.reports.conftest import report

EN = {"Accept-Language": "en"}


def _outbox(app):
    return app.extensions.get("storyhub_outbox", [])


def _actions(target_type, target_id):
    query = db.session.query(ModerationEntry).filter_by(
        target_type=target_type, target_id=target_id
    )
    return [e.action for e in query.order_by(ModerationEntry.id)]


def test_queue_shows_the_reported_item_in_full_to_its_group_educator(client, as_user, world):
    report(client, "story", world.story.id, reason="child_data", text="Her school is named")
    page = as_user(world.educator).get("/moderation/reports", headers=EN)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Quayside lanterns" in html and "Her school is named" in html
    assert "Personal information about a child" in html
    assert f"/media/{world.photo.id}/{world.photo_name}" in html  # the picture, in full
    assert "Hidden until your decision" in html


def test_queue_is_oldest_first(client, as_user, world):
    report(client, "comment", world.comment.id, reason="bullying")
    report(client, "story", world.story.id, reason="bullying")
    html = as_user(world.educator).get("/moderation/reports", headers=EN).get_data(as_text=True)
    assert html.index(f'id="case-comment-{world.comment.id}"') < html.index(
        f'id="case-story-{world.story.id}"'
    )


def test_admin_sees_every_report(client, as_user, world):
    report(client, "story", world.story.id, reason="bullying")
    page = as_user(world.admin).get("/moderation/reports", headers=EN)
    assert page.status_code == 200 and b"Quayside lanterns" in page.data


def test_an_educator_of_another_group_does_not_see_the_report(client, as_user, world):
    report(client, "story", world.story.id, reason="bullying")
    stranger = factories.make_educator()
    factories.make_group(stranger)
    page = as_user(stranger).get("/moderation/reports", headers=EN)
    assert page.status_code == 200
    assert b"Quayside lanterns" not in page.data
    refused = as_user(stranger).post(f"/moderation/reports/story/{world.story.id}/keep")
    assert refused.status_code == 404


def test_young_people_and_visitors_have_no_report_queue(client, as_user, world):
    assert client.get("/moderation/reports").status_code == 302  # to sign in
    assert as_user(world.author).get("/moderation/reports").status_code == 403


def test_both_sides_educators_see_a_reported_comment(client, as_user, world):
    report(client, "comment", world.comment.id, reason="stranger")
    for educator in (world.educator, world.twin_educator):
        page = as_user(educator).get("/moderation/reports", headers=EN)
        assert f'id="case-comment-{world.comment.id}"'.encode() in page.data


def test_keep_dismisses_the_reports_and_tells_the_reporter(app, client, world):
    report(client, "story", world.story.id, reason="child_data", email="visitor@example.org")
    services.decide(world.story, world.educator, "keep")
    db.session.refresh(world.story)
    assert world.story.hidden_at is None
    assert {r.status for r in db.session.query(Report)} == {"closed"}
    mail = _outbox(app)[-1]
    assert mail["To"] == "visitor@example.org"
    assert "stays online" in mail.get_content()
    assert "report_keep" in _actions("story", world.story.id)


def test_correct_sends_the_story_back_to_its_authors_with_the_reason(client, world):
    report(client, "story", world.story.id, reason="child_data")
    services.decide(world.story, world.educator, "correct", "Remove the name of the school")
    db.session.refresh(world.story)
    assert world.story.status == "changes_requested"
    assert world.story.feedback == "Remove the name of the school"
    assert client.get(f"/stories/{world.story.id}").status_code == 404
    told = db.session.query(Notification).filter_by(kind="report_decided").all()
    assert {n.user_id for n in told} >= {world.author.id}


def test_unpublish_takes_the_story_down(client, world):
    report(client, "story", world.story.id, reason="child_data")
    services.decide(world.story, world.admin, "unpublish", "A child's address")
    db.session.refresh(world.story)
    assert world.story.status == "unpublished"
    entry = db.session.query(ModerationEntry).filter_by(action="report_unpublish").one()
    assert (entry.actor_id, entry.reason) == (world.admin.id, "A child's address")


def test_delete_removes_the_comment_and_mails_the_reporter_in_general_words(app, client, world):
    report(client, "comment", world.comment.id, reason="stranger", email="mum@example.org")
    comment_id = world.comment.id
    services.decide(world.comment, world.educator, "delete", "Contact request to a child")
    assert db.session.get(Comment, comment_id) is None
    body = _outbox(app)[-1].get_content()
    assert "took action" in body and "Contact request" not in body  # general words only
    assert "report_delete" in _actions("comment", comment_id)


def test_delete_a_story_removes_its_media(client, world):
    story_id, photo_id = world.story.id, world.photo.id
    report(client, "story", story_id, reason="child_data")
    services.decide(world.story, world.educator, "delete", "Personal data")
    assert db.session.get(Story, story_id) is None
    assert db.session.get(MediaItem, photo_id) is None


def test_admin_suspends_an_adult_author(client, as_user, world):
    report(client, "comment", world.comment.id, reason="stranger")
    services.decide(world.comment, world.admin, "suspend", "Grooming attempt")
    suspended = db.session.get(User, world.twin_educator.id)
    assert suspended.suspended_at is not None
    assert as_user(suspended).get("/dashboard").status_code == 302  # signed out at once


def test_an_educator_cannot_suspend_and_young_authors_are_never_suspended(client, world):
    report(client, "comment", world.comment.id, reason="stranger")
    with pytest.raises(DomainError):
        services.decide(world.comment, world.educator, "suspend", "No")
    report(client, "story", world.story.id, reason="stranger")
    with pytest.raises(DomainError):
        services.decide(world.story, world.admin, "suspend", "Young author")


def test_a_reason_is_required_except_to_keep(client, world):
    report(client, "story", world.story.id, reason="stranger")
    with pytest.raises(DomainError):
        services.decide(world.story, world.educator, "unpublish", "  ")


def test_decision_through_the_page(client, as_user, world):
    report(client, "comment", world.comment.id, reason="stranger")
    educator = as_user(world.educator)
    page = educator.post(
        f"/moderation/reports/comment/{world.comment.id}/delete",
        data={"reason": "Stranger contact"},
        headers=EN,
        follow_redirects=True,
    )
    assert page.status_code == 200 and b"Decision recorded" in page.data
    assert db.session.query(Comment).count() == 0


def test_the_author_and_their_educator_are_told_why(client, world):
    report(client, "story", world.story.id, reason="child_data")
    services.decide(world.story, world.admin, "unpublish", "Surname visible")
    told = db.session.query(Notification).filter_by(kind="report_decided").all()
    assert {world.author.id, world.educator.id} <= {n.user_id for n in told}
    assert all(n.params["reason"] == "Surname visible" for n in told)
