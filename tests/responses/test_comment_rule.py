"""Comment visibility in one place: `is_published_comment` / `published_comment_clause` (the
parent comment checked), `can_view_comment` / `visible_comment_clause` (the story checked too).
The clause and the page's sorter are each tested alone: the sorter decides no visibility, so a
broken clause is caught here and not hidden by the sorter, and the other way round."""

from types import SimpleNamespace

import pytest

from storyhub.accounts.models import AnonymousUser
from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.responses.models import Comment
from storyhub.responses.permissions import (
    can_view_comment,
    is_published_comment,
    published_comment_clause,
    visible_comment_clause,
)
from storyhub.responses.queries import StoryResponses, sort_comments


def _comment(pair, label, status="approved", parent=None, hidden=False, author=None):
    author = author or pair.young_b
    comment = Comment(
        story=pair.story,
        author=author,
        group_id=author.group_id,
        review_group_id=pair.group_a.id if status == "submitted" else None,
        parent=parent,
        body=label,
        status=status,
        hidden_at=utcnow() if hidden else None,
    )
    db.session.add(comment)
    db.session.flush()
    return comment


@pytest.fixture
def thread(pair):
    """A story's comments in every state, answers under published and unpublished comments."""
    c = SimpleNamespace()
    c.top = _comment(pair, "published")
    c.answer = _comment(pair, "published answer", parent=c.top, author=pair.author)
    c.hidden_top = _comment(pair, "hidden after reports", hidden=True)
    c.under_hidden = _comment(pair, "answer under a hidden comment", parent=c.hidden_top)
    c.rejected_top = _comment(pair, "rejected", status="rejected")
    c.under_rejected = _comment(pair, "answer under a rejected comment", parent=c.rejected_top)
    c.taken_down = _comment(pair, "taken down", status="hidden")
    c.waiting = _comment(pair, "waiting", status="submitted")
    db.session.commit()
    c.all = [c.top, c.answer, c.hidden_top, c.under_hidden, c.rejected_top, c.under_rejected,
             c.taken_down, c.waiting]  # fmt: skip
    return c


def _publish(pair):
    pair.exchange.inviting_published_at = pair.exchange.invited_published_at = utcnow()
    db.session.commit()


def _ids_by_clause(clause) -> set[int]:
    return set(db.session.scalars(db.select(Comment.id).where(clause)))


def test_published_means_approved_not_hidden_and_under_a_published_comment(pair, thread):
    expected = {thread.top.id, thread.answer.id}
    assert _ids_by_clause(published_comment_clause()) == expected
    assert {c.id for c in thread.all if is_published_comment(c)} == expected


def test_the_public_sees_only_published_comments_of_a_public_story(pair, thread):
    _publish(pair)
    visitor = AnonymousUser()
    expected = {thread.top.id, thread.answer.id}
    assert _ids_by_clause(visible_comment_clause(visitor)) == expected
    assert {c.id for c in thread.all if can_view_comment(visitor, c)} == expected


def test_the_clause_checks_the_story_too(pair, thread):
    """The exchange has one key turned (not public): its comments show to no visitor."""
    pair.exchange.inviting_published_at = utcnow()
    db.session.commit()
    visitor = AnonymousUser()
    assert _ids_by_clause(visible_comment_clause(visitor)) == set()
    assert not any(can_view_comment(visitor, c) for c in thread.all)


def test_a_member_of_the_private_exchange_sees_its_published_comments(pair, thread):
    """The exchange is private: its members read the story and its published comments."""
    reader = pair.other_a
    expected = {thread.top.id, thread.answer.id}
    assert _ids_by_clause(visible_comment_clause(reader)) == expected
    assert {c.id for c in thread.all if can_view_comment(reader, c)} == expected


def test_the_story_s_educator_sees_every_comment_of_the_story(pair, thread):
    every = {c.id for c in thread.all}
    assert _ids_by_clause(visible_comment_clause(pair.educator_a)) == every
    assert all(can_view_comment(pair.educator_a, c) for c in thread.all)


# The sorter alone: given comments, it puts each where the page shows it -----------------------


def test_the_sorter_builds_threads_of_published_comments_and_their_answers(pair, thread):
    result = StoryResponses()
    sort_comments(AnonymousUser(), [thread.top, thread.answer], result)
    assert [(t.comment, t.answers) for t in result.threads] == [(thread.top, [thread.answer])]
    assert result.waiting == result.refused == result.to_review == []


def test_the_sorter_gives_the_writer_their_own_comments_under_review_and_refused(pair, thread):
    result = StoryResponses()
    sort_comments(pair.young_b, thread.all, result)
    assert [t.comment for t in result.threads] == [thread.top]
    assert result.threads[0].answers == [thread.answer]
    assert result.waiting == [thread.waiting]
    assert result.refused == [thread.rejected_top, thread.taken_down]
    assert result.to_review == []


def test_the_sorter_gives_the_reviewer_what_waits_for_them(pair, thread):
    result = StoryResponses()
    sort_comments(pair.educator_a, thread.all, result)
    assert [t.comment for t in result.threads] == [thread.top]
    assert result.to_review == [thread.waiting]
    assert result.waiting == result.refused == []


def test_the_sorter_threads_only_published_comments_whatever_it_is_given(pair, thread):
    """Given every comment (as for the story's educator, who may see them all), the threads
    hold only published ones: an answer hidden after reports under a published comment, and
    answers under an unpublished one, stay out of them."""
    hidden_answer = _comment(
        pair, "answer hidden after reports", parent=thread.top, hidden=True, author=pair.author
    )
    db.session.commit()
    result = StoryResponses()
    sort_comments(pair.educator_a, [*thread.all, hidden_answer], result)
    assert [(t.comment, t.answers) for t in result.threads] == [(thread.top, [thread.answer])]
