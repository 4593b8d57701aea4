"""The moderation queue and the decision buttons: educators of the group only."""

from datetime import timedelta

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.stories.models import Story
from tests import factories

EN = {"Accept-Language": "en"}


def _submitted(pair, title, group=None, days_ago=0, authors=None):
    group = group or pair.a
    default = [pair.lea] if group is pair.a else [pair.amina]
    story = factories.make_story(pair.round, group, authors or default, "submitted", title=title)
    story.submitted_at = utcnow() - timedelta(days=days_ago)
    db.session.commit()
    return story


def _status(story):
    db.session.expire_all()
    return db.session.get(Story, story.id).status


def test_queue_lists_waiting_stories_of_my_groups_oldest_first(as_user, pair):
    _submitted(pair, "Recent one", days_ago=1)
    _submitted(pair, "Old one", days_ago=5)
    factories.make_story(pair.round, pair.a, [pair.lea], "draft", title="Still a draft")
    page = as_user(pair.edu_a).get("/moderation/", headers=EN)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.index("Old one") < html.index("Recent one")
    assert "Still a draft" not in html
    assert "Léa" in html and pair.round.question in html and "5 days" in html


def test_educator_of_group_b_never_sees_group_a_queue(as_user, pair):
    _submitted(pair, "Group A secret")
    page = as_user(pair.edu_b).get("/moderation/", headers=EN)
    assert page.status_code == 200 and "<h1>Waiting for your review</h1>" in page.text
    assert "Group A secret" not in page.text


def test_young_people_and_the_public_have_no_queue(as_user, client, pair):
    assert client.get("/moderation/").status_code == 302
    assert as_user(pair.lea).get("/moderation/").status_code == 403


def test_nav_shows_the_moderation_count_to_educators(as_user, pair):
    _submitted(pair, "One")
    _submitted(pair, "Two")
    html = as_user(pair.edu_a).get("/dashboard", headers=EN).get_data(as_text=True)
    assert 'href="/moderation/"' in html
    assert '<span class="count count--nav">2<span class="visually-hidden"> waiting' in html
    assert 'href="/moderation/"' not in as_user(pair.lea).get("/dashboard").get_data(as_text=True)


def test_one_click_approve_from_the_queue(as_user, pair):
    story = _submitted(pair, "Ready")
    page = as_user(pair.edu_a).post(
        f"/stories/{story.id}/approve", data={"next": "/moderation/"}, headers=EN
    )
    assert page.status_code == 302 and page.location.endswith("/moderation/")
    assert _status(story) == "approved"


def test_request_changes_with_feedback_from_the_queue(as_user, pair):
    story = _submitted(pair, "Almost")
    as_user(pair.edu_a).post(
        f"/stories/{story.id}/request_changes", data={"reason": "Add a photo caption."}
    )
    assert _status(story) == "changes_requested"
    assert db.session.get(Story, story.id).feedback == "Add a photo caption."


def test_request_changes_without_feedback_is_refused_with_a_message(as_user, pair):
    story = _submitted(pair, "Almost")
    client = as_user(pair.edu_a)
    page = client.post(f"/stories/{story.id}/request_changes", data={"reason": " "}, headers=EN)
    assert _status(story) == "submitted"
    follow = client.get(page.location, headers=EN).get_data(as_text=True)
    assert "Write your feedback for the authors" in follow


def test_a_young_person_cannot_approve_even_their_own_story(as_user, pair):
    story = _submitted(pair, "Mine")
    assert as_user(pair.lea).post(f"/stories/{story.id}/approve").status_code == 403
    assert _status(story) == "submitted"


def test_educator_of_group_b_cannot_approve_group_a_story(as_user, pair):
    story = _submitted(pair, "Theirs")
    assert as_user(pair.edu_b).post(f"/stories/{story.id}/approve").status_code == 404
    assert _status(story) == "submitted"


def test_missing_consent_refuses_approval_and_links_the_roster(as_user, pair):
    noor = factories.make_young(pair.a, name="Noor", parental=None)
    story = _submitted(pair, "Noor's story", authors=[noor])
    client = as_user(pair.edu_a)
    queue = client.get("/moderation/", headers=EN).get_data(as_text=True)
    assert "No parental consent recorded for Noor" in queue
    assert f"/groups/{pair.a.id}#roster" in queue
    page = client.post(f"/stories/{story.id}/approve", headers=EN)
    assert _status(story) == "submitted"
    review = client.get(page.location, headers=EN).get_data(as_text=True)
    assert "No parental consent is recorded for Noor" in review
    assert f"/groups/{pair.a.id}#roster" in review


def test_review_page_shows_the_story_its_buttons_and_its_history(as_user, pair):
    story = _submitted(pair, "To review")
    html = (
        as_user(pair.edu_a)
        .get(f"/moderation/stories/{story.id}", headers=EN)
        .get_data(as_text=True)
    )
    assert "Our square, at dusk." in html
    assert "Approve and publish" in html and "Ask for changes" in html and "Reject" in html
    assert "Correct a typo before approving" in html


# The other side's educator may not even know the story exists (404); its author and a young
# person of the other side are not educators of the group (403).
@pytest.mark.parametrize(("who", "status"), [("edu_b", 404), ("lea", 403), ("amina", 403)])
def test_review_page_is_for_the_group_educators_only(as_user, pair, who, status):
    story = _submitted(pair, "To review")
    response = as_user(getattr(pair, who)).get(f"/moderation/stories/{story.id}")
    assert response.status_code == status
    assert "To review" not in response.text


def test_admin_can_decide_on_any_story(as_user, pair):
    """Admins act on any content on the platform (issue 8): the decisions are offered."""
    story = _submitted(pair, "To review")
    html = as_user(factories.make_admin()).get(f"/moderation/stories/{story.id}", headers=EN)
    assert html.status_code == 200
    assert "Approve and publish" in html.get_data(as_text=True)


def test_unsafe_next_is_ignored(as_user, pair):
    story = _submitted(pair, "Ready")
    page = as_user(pair.edu_a).post(
        f"/stories/{story.id}/approve", data={"next": "https://evil.example/"}
    )
    assert page.status_code == 302
    assert page.location == f"/stories/{story.id}"  # the published story, not elsewhere
    assert "evil" not in page.location
