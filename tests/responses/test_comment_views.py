"""Comment pages and forms: who may write, who may moderate, what each reader sees."""

import pytest

from storyhub.extensions import db
from storyhub.responses import services
from storyhub.responses.models import Comment


def _comments():
    return db.session.scalars(db.select(Comment).order_by(Comment.id)).all()


def _post(client, story, body, **extra):
    return client.post(f"/responses/stories/{story.id}/comments", data={"body": body, **extra})


def test_twin_young_person_sends_a_comment_to_their_educator(as_user, pair):
    response = _post(as_user(pair.young_b), pair.story, "Do you play there at night?")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("#comment-1")
    [comment] = _comments()
    assert (comment.author_id, comment.status) == (pair.young_b.id, "submitted")


def test_the_form_sends_back_to_the_page_it_was_on(as_user, pair):
    response = _post(as_user(pair.young_b), pair.story, "Hello!", next="/exchanges/1/rounds/1")
    assert response.headers["Location"] == "/exchanges/1/rounds/1#comment-1"
    response = _post(as_user(pair.young_b), pair.story, "Again", next="https://evil.example/")
    assert "evil" not in response.headers["Location"]


@pytest.mark.parametrize("who, status", [("author", 403), ("other_a", 403), ("educator_a", 403)])
def test_the_story_own_group_cannot_comment(as_user, pair, who, status):
    assert _post(as_user(getattr(pair, who)), pair.story, "Hi").status_code == status
    assert _comments() == []


def test_another_exchange_and_the_public_cannot_comment(client, as_user, pair, outsider):
    assert _post(client, pair.story, "Hi").status_code == 302  # to the sign-in page
    assert _post(as_user(outsider), pair.story, "Hi").status_code == 404
    assert _comments() == []


@pytest.mark.parametrize("body", ["", "   ", "<script></script>", "<b></b>\n"])
def test_an_empty_comment_is_refused_and_says_so(as_user, render_responses, pair, body):
    response = _post(as_user(pair.young_b), pair.story, body)
    assert response.status_code == 302
    assert _comments() == []
    html = render_responses(pair.story, pair.young_b)
    assert "Please write your comment" in html
    assert 'aria-invalid="true"' in html


def test_a_too_long_comment_is_refused_with_its_limit_and_the_text_kept(
    as_user, render_responses, pair
):
    body = "Our island is small. " * 60  # 1,260 characters
    response = _post(as_user(pair.young_b), pair.story, body)
    assert response.status_code == 302
    assert _comments() == []
    html = render_responses(pair.story, pair.young_b)
    assert "at most 1000 characters long; yours has 1259" in html
    assert body.strip() in html
    # The kept text is shown once; the next view starts clean.
    assert "yours has" not in render_responses(pair.story, pair.young_b)


@pytest.mark.parametrize("size, status", [(50_000, 302), (2_000_000, 413)])
def test_a_huge_comment_does_not_break_anything(as_user, pair, size, status):
    response = _post(as_user(pair.young_b), pair.story, "é" * size)
    assert response.status_code == status
    assert len(response.headers.get("Set-Cookie", "")) < 4096
    assert _comments() == []


def test_a_long_text_in_any_script_fits_in_the_session_cookie(as_user, pair):
    chinese = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(1400))
    response = _post(as_user(pair.young_b), pair.story, chinese)
    cookie = response.headers["Set-Cookie"]
    assert len(cookie) < 4000
    assert chinese[:300] in as_user(pair.young_b).get(f"/stories/{pair.story.id}").text


def test_tags_are_stripped_and_signs_kept_as_typed(as_user, render_responses, pair):
    _post(as_user(pair.young_b), pair.story, "<b>We</b> <3 your <a href='x'>square</a> & more")
    [comment] = _comments()
    assert comment.body == "We <3 your square & more"
    assert "We &lt;3 your square &amp; more" in render_responses(pair.story, pair.young_b)


def test_a_double_submit_makes_one_comment(as_user, pair):
    client = as_user(pair.young_b)
    _post(client, pair.story, "Same words")
    _post(client, pair.story, "Same words")
    assert len(_comments()) == 1


def test_the_public_never_sees_a_submitted_or_rejected_comment(render_responses, pair):
    pair.exchange.inviting_published_at = pair.exchange.invited_published_at = pair.story.created_at
    db.session.commit()
    waiting = services.post_comment(pair.young_b, pair.story, "WAITING-WORDS")
    refused = services.post_comment(pair.young_b, pair.story, "REFUSED-WORDS")
    services.reject_comment(refused, pair.educator_b, "Not kind enough")
    shown = services.post_comment(pair.young_b, pair.story, "SHOWN-WORDS")
    services.approve_comment(shown, pair.educator_b)
    services.approve_comment(shown, pair.educator_a)
    for reader in (None, pair.author, pair.other_a, pair.educator_a):
        html = render_responses(pair.story, reader)
        assert "SHOWN-WORDS" in html
        assert "WAITING-WORDS" not in html and "REFUSED-WORDS" not in html
        assert "Not kind enough" not in html
    assert waiting.status == "submitted"


def test_the_writer_sees_their_waiting_and_refused_comments(render_responses, pair):
    services.post_comment(pair.young_b, pair.story, "WAITING-WORDS")
    refused = services.post_comment(pair.young_b, pair.story, "REFUSED-WORDS")
    services.reject_comment(refused, pair.educator_b, "Not kind enough")
    html = render_responses(pair.story, pair.young_b)
    assert "Your comment is waiting for your educator." in html
    assert "WAITING-WORDS" in html and "REFUSED-WORDS" in html and "Not kind enough" in html


def test_the_writers_educator_reviews_on_the_story_page_too(render_responses, pair):
    services.post_comment(pair.young_b, pair.story, "WAITING-WORDS")
    html = render_responses(pair.story, pair.educator_b)
    assert "WAITING-WORDS" in html
    assert "/responses/comments/1/approve" in html
    assert "/responses/comments/1/approve" not in render_responses(pair.story, pair.educator_a)


def test_educator_approves_through_the_form_and_the_comment_appears(
    as_user, render_responses, pair
):
    comment = services.post_comment(pair.young_b, pair.story, "We have a square too!")
    response = as_user(pair.educator_b).post(
        f"/responses/comments/{comment.id}/approve", data={"next": "/moderation/"}
    )
    assert response.headers["Location"] == f"/moderation/#comment-{comment.id}"
    assert db.session.get(Comment, comment.id).status == "submitted"
    assert "We have a square too!" not in render_responses(pair.story, pair.author)
    as_user(pair.educator_a).post(f"/responses/comments/{comment.id}/approve")
    assert db.session.get(Comment, comment.id).status == "approved"
    assert "We have a square too!" in render_responses(pair.story, pair.author)


# The story's educator sees the comment but its writer's side reviews it first (403); the story's
# author does not see a comment under review (404); its writer may not approve it (403).
@pytest.mark.parametrize(
    ("who", "status"), [("educator_a", 403), ("author", 404), ("young_b", 403)]
)
def test_others_cannot_approve(as_user, pair, outsider, who, status):
    comment = services.post_comment(pair.young_b, pair.story, "Hello")
    response = as_user(getattr(pair, who)).post(f"/responses/comments/{comment.id}/approve")
    assert response.status_code == status
    assert db.session.get(Comment, comment.id).status == "submitted"


def test_an_educator_of_another_exchange_cannot_approve(as_user, pair, outsider):
    comment = services.post_comment(pair.young_b, pair.story, "Hello")
    other_educator = outsider.group.educators[0]
    response = as_user(other_educator).post(f"/responses/comments/{comment.id}/approve")
    assert response.status_code == 404
    assert db.session.get(Comment, comment.id).status == "submitted"


def test_rejecting_without_a_reason_is_refused_with_a_message(as_user, pair):
    comment = services.post_comment(pair.young_b, pair.story, "Hello")
    client = as_user(pair.educator_b)
    response = client.post(f"/responses/comments/{comment.id}/reject", data={"reason": " "})
    assert response.status_code == 302
    assert db.session.get(Comment, comment.id).status == "submitted"
    page = client.get("/notifications/", headers={"Accept-Language": "en"})
    assert b"Please give a reason" in page.data


def test_the_story_author_answers_through_the_form(as_user, render_responses, pair):
    comment = services.post_comment(pair.educator_b, pair.story, "What is your favourite spot?")
    services.approve_comment(comment, pair.educator_a)
    html = render_responses(pair.story, pair.author)
    assert f"/responses/comments/{comment.id}/answer" in html
    assert f"/responses/comments/{comment.id}/answer" not in render_responses(
        pair.story, pair.other_a
    )
    response = as_user(pair.author).post(
        f"/responses/comments/{comment.id}/answer", data={"body": "The fountain."}
    )
    assert response.status_code == 302
    answer = _comments()[-1]
    assert (answer.parent_id, answer.status) == (comment.id, "submitted")
    assert "Your answer is waiting for your educator." in render_responses(pair.story, pair.author)


def test_outsiders_cannot_answer(as_user, pair):
    comment = services.post_comment(pair.educator_b, pair.story, "Welcome")
    services.approve_comment(comment, pair.educator_a)
    response = as_user(pair.young_b).post(
        f"/responses/comments/{comment.id}/answer", data={"body": "Me?"}
    )
    assert response.status_code == 403
    assert len(_comments()) == 1


@pytest.mark.parametrize(
    "url",
    [
        "/responses/comments/999999/approve",
        "/responses/comments/999999/answer",
        "/responses/comments/abc/reject",
        "/responses/comments/1/publish",
        "/responses/comments/99999999999999999999999/unpublish",
        "/responses/stories/999999/comments",
        "/responses/stories/-1/comments",
    ],
)
def test_garbage_urls_are_not_found(as_user, pair, url):
    services.post_comment(pair.young_b, pair.story, "Hello")
    assert as_user(pair.educator_b).post(url, data={"body": "x"}).status_code == 404


def test_a_hidden_comment_is_not_found_for_others(as_user, pair):
    comment = services.post_comment(pair.young_b, pair.story, "Hello")
    response = as_user(pair.author).post(
        f"/responses/comments/{comment.id}/answer", data={"body": "Hi"}
    )
    assert response.status_code == 404


def _count_queries(render):
    from sqlalchemy import event

    statements = []

    def count(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        render()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


@pytest.mark.parametrize("reader", [None, "young_b", "author", "educator_b"])
def test_responses_take_a_few_queries_however_many_comments(render_responses, pair, reader):
    user = getattr(pair, reader) if reader else None
    pair.exchange.inviting_published_at = pair.exchange.invited_published_at = pair.story.created_at
    db.session.commit()

    def add_thread(n):
        comment = services.post_comment(pair.educator_b, pair.story, f"Comment {n}")
        services.approve_comment(comment, pair.educator_a)
        services.answer_comment(pair.educator_a, comment, f"Answer {n}")
        services.set_reaction(pair.young_b, pair.story, ("learned", "thank_you")[n % 2])

    add_thread(0)
    db.session.expire_all()
    few = _count_queries(lambda: render_responses(pair.story, user))
    for n in range(1, 8):
        add_thread(n)
    db.session.expire_all()
    many = _count_queries(lambda: render_responses(pair.story, user))
    assert many == few
    assert many <= 12, many
