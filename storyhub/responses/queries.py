"""What the story page and the moderation queue show of responses, in a few queries."""

from dataclasses import dataclass, field

from sqlalchemy import case, func

from storyhub.accounts.models import User
from storyhub.extensions import db
from storyhub.groups.membership import led_group_ids
from storyhub.responses.models import (
    COMMENT_HIDDEN,
    COMMENT_REJECTED,
    COMMENT_SUBMITTED,
    REACTION_KINDS,
    Comment,
    Reaction,
)
from storyhub.responses.permissions import (
    can_answer,
    can_comment,
    can_react,
    can_review_comment,
    is_published_comment,
    visible_comment_clause,
)
from storyhub.stories.models import Story
from storyhub.stories.permissions import can_view_story


@dataclass
class Thread:
    """A published comment, its published answers, and whether the reader may answer it."""

    comment: Comment
    answers: list[Comment] = field(default_factory=list)
    can_answer: bool = False


@dataclass
class StoryResponses:
    """Everything the responses part of a story page needs, for the current reader."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REACTION_KINDS, 0))
    mine: set[str] = field(default_factory=set)
    can_react: bool = False
    can_comment: bool = False
    threads: list[Thread] = field(default_factory=list)
    waiting: list[Comment] = field(default_factory=list)  # the reader's own, under review
    refused: list[Comment] = field(default_factory=list)  # the reader's own, not published
    to_review: list[Comment] = field(default_factory=list)  # for the reader's educators
    draft: dict | None = None  # a refused text kept for the form, with its error

    @property
    def total_reactions(self) -> int:
        """All reactions together."""
        return sum(self.counts.values())

    @property
    def comment_count(self) -> int:
        """Published comments and answers."""
        return sum(1 + len(t.answers) for t in self.threads)

    def draft_for(self, parent_id: int | None) -> dict | None:
        """The kept draft when it belongs to this form (a comment, or an answer to parent_id)."""
        if self.draft and self.draft.get("parent_id") == parent_id:
            return self.draft
        return None


def _reaction_counts(story: Story, user: User, result: StoryResponses) -> None:
    mine = func.sum(case((Reaction.user_id == (user.id or 0), 1), else_=0))
    query = (
        db.select(Reaction.kind, func.count(Reaction.id), mine)
        .where(Reaction.story_id == story.id)
        .group_by(Reaction.kind)
    )
    for kind, count, own in db.session.execute(query):
        if kind in result.counts:
            result.counts[kind] = count
            if own:
                result.mine.add(kind)


def _visible_comments(story: Story, user: User) -> list[Comment]:
    query = (
        db.select(Comment)
        .where(Comment.story_id == story.id, visible_comment_clause(user))
        .options(db.joinedload(Comment.author), db.joinedload(Comment.group))
        .order_by(Comment.created_at, Comment.id)
    )
    return list(db.session.scalars(query))


def sort_comments(user: User, comments: list[Comment], result: StoryResponses) -> None:
    """Place the comments the reader may see (`visible_comment_clause` chose them) where the
    page shows them: threads of published comments and answers, the reader's own under review
    or refused, those waiting for the reader's review. It decides no visibility: what is
    published is `is_published_comment`, the comments' one rule."""
    threads = {}
    for comment in comments:
        if comment.parent_id is None and is_published_comment(comment):
            threads[comment.id] = Thread(comment, can_answer=can_answer(user, comment))
    for comment in comments:
        if comment.parent_id in threads and is_published_comment(comment):
            threads[comment.parent_id].answers.append(comment)
        elif comment.author_id is not None and comment.author_id == user.id:
            if comment.status == COMMENT_SUBMITTED:
                result.waiting.append(comment)
            elif comment.status in (COMMENT_REJECTED, COMMENT_HIDDEN):
                result.refused.append(comment)
        elif can_review_comment(user, comment):
            result.to_review.append(comment)
    result.threads = list(threads.values())


def story_responses(story: Story | None, user: User, draft: dict | None = None) -> StoryResponses:
    """Reactions, comments and forms of one story for this reader (3–5 queries); `draft`: a
    refused text the caller took from the session (storyhub/responses/drafts.py)."""
    result = StoryResponses()
    if story is None or not can_view_story(user, story):
        return result
    result.can_react = can_react(user, story)
    result.can_comment = can_comment(user, story)
    _reaction_counts(story, user, result)
    sort_comments(user, _visible_comments(story, user), result)
    result.draft = draft
    return result


def pending_comments_for(user: User) -> list[Comment]:
    """Comments waiting for this educator (whose side has to review them now), oldest first."""
    if not (user.is_authenticated and user.is_educator and user.is_verified):
        return []
    groups = led_group_ids(user)
    if not groups:
        return []
    query = (
        db.select(Comment)
        .where(Comment.status == COMMENT_SUBMITTED, Comment.review_group_id.in_(groups))
        .options(
            db.joinedload(Comment.author),
            db.joinedload(Comment.group),
            db.joinedload(Comment.story),
            db.joinedload(Comment.parent),
        )
        .order_by(Comment.created_at, Comment.id)
    )
    return list(db.session.scalars(query))
