"""What the review pages ask of comments: how many wait, and how the log names and links one."""

from flask_babel import gettext as _

from storyhub.accounts.models import User
from storyhub.extensions import db
from storyhub.responses import links
from storyhub.responses.models import COMMENT_SUBMITTED, Comment
from storyhub.stories.models import Story

EXCERPT = 60


def count_waiting_comments(user: User, group_ids: set[int] | None) -> int:
    """Comments waiting for the review of the educator's groups (admins do not review them)."""
    if not group_ids:
        return 0
    query = db.select(db.func.count(Comment.id)).where(
        Comment.status == COMMENT_SUBMITTED, Comment.review_group_id.in_(group_ids)
    )
    return db.session.scalar(query) or 0


def describe_comments(ids: list[int]) -> dict[int, tuple[str, str]]:
    """{comment id: (label, link)} for the moderation log, in one query."""
    query = (
        db.select(Comment.id, Comment.story_id, Comment.body, Story.title)
        .join(Story, Story.id == Comment.story_id)
        .where(Comment.id.in_(ids))
    )
    result = {}
    for comment_id, story_id, body, title in db.session.execute(query):
        excerpt = body if len(body) <= EXCERPT else body[: EXCERPT - 1].rstrip() + "…"
        label = _("Comment on “%(story)s”: “%(excerpt)s”", story=title, excerpt=excerpt)
        result[comment_id] = (label, links.story_path(story_id, f"comment-{comment_id}"))
    return result
