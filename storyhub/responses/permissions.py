"""Who may react to a story, comment on it, answer a comment and moderate a comment.

Responses come from the *twin* group only: the other side of the story's exchange. The one
visibility rule for comments lives here: `visible_comment_clause(user)` (SQL) and its twin
`can_view_comment(user, comment)`.
"""

from sqlalchemy import and_, or_, select, true
from sqlalchemy.orm import aliased

from storyhub.accounts.models import User
from storyhub.exchanges.models import STATUS_ACTIVE, Round
from storyhub.groups.membership import is_author, leads_group, led_group_ids
from storyhub.responses.models import COMMENT_APPROVED, COMMENT_SUBMITTED, Comment
from storyhub.stories.models import Story
from storyhub.stories.permissions import (  # the twin side: defined once, with the stories
    can_view_story,
    is_twin_member,
    twin_group_id,  # noqa: F401  (responses.services reads it here)
    visible_story_clause,
)

# Responses are written while the exchange is running; a closed exchange keeps what was said.
RESPONDING_EXCHANGE_STATUSES = (STATUS_ACTIVE,)


def is_open_for_responses(story: Story) -> bool:
    """Published stories of a running exchange take responses."""
    return story.is_published and story.round.exchange.status in RESPONDING_EXCHANGE_STATUSES


def can_react(user: User, story: Story) -> bool:
    """Members of the twin group react to a published story of a running exchange."""
    return is_open_for_responses(story) and is_twin_member(user, story)


def can_comment(user: User, story: Story) -> bool:
    """The same people who may react may write a comment or a question."""
    return can_react(user, story)


def can_answer(user: User, comment: Comment) -> bool:
    """The story's authors and their educators answer a published top-level comment."""
    story = comment.story
    if comment.parent_id is not None or comment.status != COMMENT_APPROVED:
        return False
    if not is_open_for_responses(story):
        return False
    return is_author(user, story) or leads_group(user, story.group_id)


def can_review_comment(user: User, comment: Comment) -> bool:
    """The educators of the side that has to look at a submitted comment now approve or reject.

    A young person's comment: their own educators first, then the story's group; an adult's:
    the story's group. Nothing is shown before the story's side has approved it.
    """
    return (
        comment.status == COMMENT_SUBMITTED
        and comment.review_group_id is not None
        and leads_group(user, comment.review_group_id)
    )


def can_hide_comment(user: User, comment: Comment) -> bool:
    """The educators of the story's group and the admins take any comment down, at any time."""
    if not user.is_authenticated:
        return False
    return user.is_admin or leads_group(user, comment.story.group_id)


def can_moderate_comment(user: User, comment: Comment) -> bool:
    """Some moderation step on this comment is open to user (review, unpublish or hide)."""
    return (
        can_review_comment(user, comment)
        or leads_group(user, comment.group_id)
        or can_hide_comment(user, comment)
    )


def is_published_comment(comment: Comment) -> bool:
    """Approved, not hidden, and an answer only under a published comment: what anyone who may
    read the story reads. SQL twin: `published_comment_clause`."""
    if comment.status != COMMENT_APPROVED or comment.hidden_at is not None:
        return False
    parent = comment.parent
    return parent is None or (parent.status == COMMENT_APPROVED and parent.hidden_at is None)


def published_comment_clause():
    """SQL over Comment: twin of `is_published_comment` (the parent comment checked too)."""
    parent = aliased(Comment)
    # EXISTS for the comment's own parent, not IN (every published comment): a scan of the table
    published_parent = select(parent.id).where(
        parent.id == Comment.parent_id,
        parent.status == COMMENT_APPROVED,
        parent.hidden_at.is_(None),
    )
    return and_(
        Comment.status == COMMENT_APPROVED,
        Comment.hidden_at.is_(None),
        or_(Comment.parent_id.is_(None), published_parent.exists()),
    )


def can_view_comment(user: User, comment: Comment) -> bool:
    """Published comments of a story the user may read; any other only to its writer and to
    whoever moderates it. SQL twin: `visible_comment_clause`."""
    if user.is_authenticated and (
        comment.author_id == user.id or can_moderate_comment(user, comment)
    ):
        return True
    return is_published_comment(comment) and can_view_story(user, comment.story)


def visible_comment_clause(user: User):
    """SQL over Comment: the comments this user may see. Twin of `can_view_comment`: published
    ones of a story they may read (its rule, `visible_story_clause`); the writer's own; for
    educators, those of their side, those waiting for their review and every comment on their
    group's stories; admins see all."""
    if user.is_authenticated and user.is_admin:
        return true()
    # EXISTS for the comment's own story, not IN (every readable story): SQLite built the list
    # of every public story for each page (230 ms at 10 000 stories, growing with the site)
    readable = select(Story.id).join(Story.round).join(Round.exchange)
    readable = readable.where(Story.id == Comment.story_id, visible_story_clause(user))
    published = and_(published_comment_clause(), readable.exists())
    if not user.is_authenticated:
        return published
    groups = led_group_ids(user)
    if not groups:
        return or_(published, Comment.author_id == user.id)
    on_own_stories = Comment.story_id.in_(select(Story.id).where(Story.group_id.in_(groups)))
    return or_(
        published,
        Comment.author_id == user.id,
        Comment.group_id.in_(groups),
        and_(Comment.status == COMMENT_SUBMITTED, Comment.review_group_id.in_(groups)),
        on_own_stories,
    )
