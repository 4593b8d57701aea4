"""Every voice on a young person's story is moderated by the story's side; its educators and
the admins can hide any comment at any time, with a reason."""

import pytest

from storyhub.extensions import db
from storyhub.moderation.models import ModerationEntry
from storyhub.notifications.models import Notification
from storyhub.responses import services
from storyhub.responses.models import Comment
from tests import factories

SNAP = "write to me on snap, you look older than 13"


def _publish_exchange(pair):
    pair.exchange.inviting_published_at = pair.exchange.invited_published_at = pair.story.created_at
    db.session.commit()


def _story_page(client, pair):
    return client.get(f"/stories/{pair.story.id}", headers={"Accept-Language": "en"})


def _notified(user, kind):
    query = db.select(Notification).filter_by(user_id=user.id, kind=kind)
    return db.session.scalars(query).all()


def test_adult_twin_comment_is_invisible_until_the_story_educator_approves(client, as_user, pair):
    _publish_exchange(pair)
    comment = services.post_comment(pair.educator_b, pair.story, SNAP)
    assert comment.status == "submitted"
    public = client.get(f"/stories/{pair.story.id}")
    assert public.status_code == 200 and pair.story.title in public.text
    assert SNAP not in public.text
    twin = _story_page(as_user(pair.young_b), pair)
    assert twin.status_code == 200 and SNAP not in twin.text
    author = _story_page(as_user(pair.author), pair)
    assert SNAP not in author.text
    review = _story_page(as_user(pair.educator_a), pair)
    assert SNAP in review.text
    assert f"/responses/comments/{comment.id}/approve" in review.text
    response = as_user(pair.educator_a).post(f"/responses/comments/{comment.id}/approve")
    assert response.status_code == 302
    assert SNAP in _story_page(as_user(pair.young_b), pair).text


def test_the_twin_educator_cannot_approve_their_own_comment(as_user, pair):
    comment = services.post_comment(pair.educator_b, pair.story, "Hello from B")
    response = as_user(pair.educator_b).post(f"/responses/comments/{comment.id}/approve")
    assert response.status_code == 403
    assert db.session.get(Comment, comment.id).status == "submitted"


def test_a_young_persons_comment_goes_through_both_sides_on_the_page(as_user, pair):
    client = as_user(pair.young_b)
    sent = client.post(
        f"/responses/stories/{pair.story.id}/comments",
        data={"body": "Do you swim there?"},
        follow_redirects=True,
        headers={"Accept-Language": "en"},
    )
    assert "Your educator will read your message before it appears." in sent.text
    comment = db.session.scalars(db.select(Comment)).one()
    assert "/approve" not in _story_page(as_user(pair.educator_a), pair).text
    as_user(pair.educator_b).post(f"/responses/comments/{comment.id}/approve")
    waiting = _story_page(as_user(pair.young_b), pair)
    assert "Your message is waiting for the educators of the story’s group." in waiting.text
    assert "Do you swim there?" not in _story_page(as_user(pair.author), pair).text
    as_user(pair.educator_a).post(f"/responses/comments/{comment.id}/approve")
    assert "Do you swim there?" in _story_page(as_user(pair.author), pair).text


def test_the_story_page_says_what_happens(client, pair):
    _publish_exchange(pair)
    page = client.get(f"/stories/{pair.story.id}", headers={"Accept-Language": "en"})
    assert "an educator of this story’s group approves it" in page.text
    assert "read first by their own educator, then by this story’s educators" in page.text


def _approved_adult_comment(pair):
    comment = services.post_comment(pair.educator_b, pair.story, SNAP)
    return services.approve_comment(comment, pair.educator_a)


@pytest.mark.parametrize("who", ["educator_a", "admin"])
def test_the_story_educator_and_an_admin_hide_a_comment(as_user, pair, who):
    _publish_exchange(pair)
    comment = _approved_adult_comment(pair)
    co_educator_b = factories.make_educator()
    pair.group_b.educators.append(co_educator_b)
    db.session.commit()
    actor = factories.make_admin() if who == "admin" else pair.educator_a
    response = as_user(actor).post(
        f"/responses/comments/{comment.id}/hide", data={"reason": "Contact from a stranger"}
    )
    assert response.status_code == 302
    hidden = db.session.get(Comment, comment.id)
    assert (hidden.status, hidden.reason) == ("hidden", "Contact from a stranger")
    entry = db.session.scalars(
        db.select(ModerationEntry).filter_by(target_id=comment.id, action="hide")
    ).one()
    assert (entry.actor_id, entry.group_id, entry.reason) == (
        actor.id,
        pair.group_a.id,
        "Contact from a stranger",
    )
    assert len(_notified(pair.educator_b, "comment_hidden")) == 1
    assert len(_notified(co_educator_b, "comment_hidden_group")) == 1
    assert SNAP not in _story_page(as_user(pair.young_b), pair).text


def test_hiding_a_young_persons_comment_tells_them_and_their_educator(pair):
    comment = services.post_comment(pair.young_b, pair.story, "Hello")
    services.approve_comment(comment, pair.educator_b)
    services.approve_comment(comment, pair.educator_a)
    services.hide_comment(comment, pair.educator_a, "Too personal")
    [told] = _notified(pair.young_b, "comment_hidden")
    assert told.params["reason"] == "Too personal"
    copies = [n.params["original"] for n in _notified(pair.educator_b, "copy_to_educator")]
    assert copies.count("comment_hidden") == 1


@pytest.mark.parametrize("who", ["outsider_educator", "educator_b", "author"])
def test_others_cannot_hide_a_comment(as_user, pair, outsider, who):
    _publish_exchange(pair)
    comment = _approved_adult_comment(pair)
    actor = {
        "outsider_educator": outsider.group.educators[0],
        "educator_b": pair.educator_b,
        "author": pair.author,
    }[who]
    response = as_user(actor).post(
        f"/responses/comments/{comment.id}/hide", data={"reason": "I do not like it"}
    )
    assert response.status_code == 403
    assert db.session.get(Comment, comment.id).status == "approved"


def test_hiding_needs_a_reason(pair):
    from storyhub.core.errors import DomainError

    comment = _approved_adult_comment(pair)
    with pytest.raises(DomainError, match="give a reason"):
        services.hide_comment(comment, pair.educator_a, " ")
    assert comment.status == "approved"


def test_a_waiting_comment_can_be_hidden_too(pair):
    comment = services.post_comment(pair.educator_b, pair.story, SNAP)
    services.hide_comment(comment, pair.educator_a, "Contact from a stranger")
    assert (comment.status, comment.review_group_id) == ("hidden", None)
