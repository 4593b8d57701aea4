"""The educators' queue of comments, and comments in the moderation count and log."""

from flask import render_template_string
from flask_login import login_user, logout_user

from storyhub.responses import services
from storyhub.responses.queries import pending_comments_for
from storyhub.review import queries as moderation
from tests import factories


def _queue_html(app, user):
    with app.test_request_context("/moderation/"):
        login_user(user)
        html = render_template_string('{% include "responses/_comment_queue.html" %}')
        logout_user()
    return html


def test_queue_holds_the_comments_of_my_groups_oldest_first(pair):
    first = services.post_comment(pair.young_b, pair.story, "First")
    other_b = factories.make_young(pair.group_b)
    second = services.post_comment(other_b, pair.story, "Second")
    mine = services.post_comment(pair.educator_b, pair.story, "Mine, for the story's side")
    assert pending_comments_for(pair.educator_b) == [first, second]
    assert pending_comments_for(pair.educator_a) == [mine]
    assert pending_comments_for(pair.young_b) == []
    services.approve_comment(first, pair.educator_b)
    assert pending_comments_for(pair.educator_b) == [second]
    assert pending_comments_for(pair.educator_a) == [first, mine]


def test_answers_wait_for_the_story_groups_educators(pair):
    comment = services.post_comment(pair.educator_b, pair.story, "Where is it?")
    services.approve_comment(comment, pair.educator_a)
    answer = services.answer_comment(pair.author, comment, "By the sea.")
    assert pending_comments_for(pair.educator_a) == [answer]
    assert pending_comments_for(pair.educator_b) == []


def test_the_queue_partial_shows_approve_and_reject(app, pair):
    comment = services.post_comment(pair.young_b, pair.story, "Is it far from school?")
    html = _queue_html(app, pair.educator_b)
    assert "Is it far from school?" in html
    assert f"/responses/comments/{comment.id}/approve" in html
    assert f"/responses/comments/{comment.id}/reject" in html
    assert 'name="next" value="/moderation/"' in html
    assert "Is it far from school?" not in _queue_html(app, pair.educator_a)


def test_comments_count_in_the_moderation_queue(pair):
    before = moderation.queue_count(pair.educator_b)
    comment = services.post_comment(pair.young_b, pair.story, "Hello")
    assert moderation.queue_count(pair.educator_b) == before + 1
    services.approve_comment(comment, pair.educator_b)
    assert moderation.queue_count(pair.educator_b) == before


def test_the_log_names_and_links_comments(pair):
    comment = services.post_comment(pair.young_b, pair.story, "A question about your square")
    entries = moderation.target_log("comment", comment.id)
    [(label, link)] = moderation.describe_targets(entries).values()
    assert pair.story.title in label and "A question about your square" in label
    assert link == f"/stories/{pair.story.id}#comment-{comment.id}"


def test_the_story_page_shows_the_responses(as_user, pair):
    comment = services.post_comment(pair.educator_b, pair.story, "Greetings from the other side")
    services.approve_comment(comment, pair.educator_a)
    page = as_user(pair.young_b).get(f"/stories/{pair.story.id}")
    assert page.status_code == 200
    assert "Greetings from the other side" in page.text
    assert page.text.count('class="reaction-form"') == 4
    assert f'action="/responses/stories/{pair.story.id}/comments"' in page.text
