"""Appeals to the admins, revising a rejected or unpublished story, republishing."""

import pytest

from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.moderation.models import ModerationEntry
from storyhub.reports import appeals, services
from storyhub.reports.models import Appeal
from storyhub.stories import services as stories
from tests import factories
from tests.reports.conftest import report

EN = {"Accept-Language": "en"}


def test_educator_appeals_an_unpublishing_and_an_admin_reverses_it(client, as_user, world):
    report(client, "story", world.story.id, reason="child_data")
    services.decide(world.story, world.admin, "unpublish", "Looked like an address")
    page = as_user(world.educator).post(
        f"/moderation/appeals/story/{world.story.id}",
        data={"text": "It is the name of a café, not a home"},
        headers=EN,
    )
    assert page.status_code == 302
    appeal = db.session.query(Appeal).one()
    admin_page = as_user(world.admin).get("/moderation/appeals", headers=EN)
    assert admin_page.status_code == 200 and b"name of a caf" in admin_page.data
    as_user(world.admin).post(
        f"/moderation/appeals/{appeal.id}/reverse", data={"answer": "Agreed, shown again"}
    )
    db.session.refresh(world.story)
    assert world.story.status == "approved"
    assert client.get(f"/stories/{world.story.id}").status_code == 200
    actions = [e.action for e in db.session.query(ModerationEntry).order_by(ModerationEntry.id)]
    assert actions[-2:] == ["appeal", "appeal_reversed"]


def test_upheld_appeal_leaves_the_decision(client, world):
    report(client, "comment", world.comment.id, reason="stranger")
    services.decide(world.comment, world.educator, "unpublish", "Contact request")
    appeal = appeals.request_appeal(world.comment, world.educator, "It was a joke")
    appeals.decide_appeal(appeal, world.admin, reverse=False, answer="It stays down")
    db.session.refresh(world.comment)
    assert world.comment.status == "rejected" and appeal.status == "upheld"


def test_only_the_groups_educators_appeal(client, as_user, world):
    report(client, "story", world.story.id, reason="child_data")
    services.decide(world.story, world.admin, "unpublish", "Address")
    outsider = factories.make_educator()
    factories.make_group(outsider)
    page = as_user(outsider).post(f"/moderation/appeals/story/{world.story.id}", data={"text": "x"})
    assert page.status_code == 403
    assert (
        as_user(world.author)
        .post(f"/moderation/appeals/story/{world.story.id}", data={"text": "x"})
        .status_code
        == 403
    )
    assert db.session.query(Appeal).count() == 0


def test_only_admins_decide_appeals(client, as_user, world):
    report(client, "story", world.story.id, reason="child_data")
    services.decide(world.story, world.admin, "unpublish", "Address")
    appeal = appeals.request_appeal(world.story, world.educator, "Please look again")
    assert as_user(world.educator).get("/moderation/appeals").status_code == 403
    with pytest.raises(DomainError):
        appeals.decide_appeal(appeal, world.educator, reverse=True, answer="Mine")


def test_nothing_to_appeal_without_a_decision(world):
    with pytest.raises(DomainError):
        appeals.request_appeal(world.story, world.educator, "Why?")


def test_author_revises_a_rejected_story_and_sends_it_again(as_user, world):
    story = factories.make_story(
        world.round, world.group, authors=[world.author], status="submitted"
    )
    stories.reject_story(story, world.educator, "Too short")
    author = as_user(world.author)
    page = author.get(f"/stories/{story.id}", headers=EN)
    assert b"Revise and send again" in page.data
    assert author.post(f"/stories/{story.id}/revise").status_code == 302
    db.session.refresh(story)
    assert story.status == "changes_requested" and story.is_editable
    author.post(f"/stories/{story.id}/submit")
    db.session.refresh(story)
    assert story.status == "submitted"  # back through review


def test_author_revises_an_unpublished_story(world):
    stories.unpublish_story(world.story, world.educator, "Check the photo")
    stories.take_action(world.story, world.author, "revise")
    assert world.story.status == "changes_requested"


def test_outsider_cannot_revise(as_user, world):
    story = factories.make_story(
        world.round, world.group, authors=[world.author], status="rejected"
    )
    other = factories.make_young(world.twin)
    assert as_user(other).post(f"/stories/{story.id}/revise").status_code == 404  # unseen


def test_educator_republishes_a_story_they_unpublished(client, world):
    stories.unpublish_story(world.story, world.educator, "Wait for the parents")
    assert client.get(f"/stories/{world.story.id}").status_code == 404
    stories.take_action(world.story, world.educator, "republish")
    assert client.get(f"/stories/{world.story.id}").status_code == 200


def test_an_educator_cannot_republish_what_an_admin_unpublished(as_user, world):
    stories.unpublish_story(world.story, world.admin, "Reported address")
    assert "republish" not in stories.allowed_actions(world.educator, world.story)
    page = as_user(world.educator).post(f"/stories/{world.story.id}/republish")
    assert page.status_code == 403
    assert "republish" in stories.allowed_actions(world.admin, world.story)


def test_unpublishing_tells_the_author(world):
    from storyhub.notifications.models import Notification

    stories.unpublish_story(world.story, world.educator, "Check the photo")
    told = db.session.query(Notification).filter_by(kind="story_unpublished").all()
    assert world.author.id in {n.user_id for n in told}


def test_admin_can_unpublish_any_story(as_user, world):
    page = as_user(world.admin).post(
        f"/stories/{world.story.id}/unpublish", data={"reason": "Platform decision"}
    )
    assert page.status_code == 302
    db.session.refresh(world.story)
    assert world.story.status == "unpublished"


def test_an_educator_of_another_group_cannot_unpublish(as_user, world):
    page = as_user(world.twin_educator).post(
        f"/stories/{world.story.id}/unpublish", data={"reason": "Mine now"}
    )
    assert page.status_code == 403
