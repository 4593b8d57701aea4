"""What the review pages ask of translations: which wait for an educator, how many, and how the
moderation log names and links one. The rule of who reviews is `can_review_translation`
(storyhub/stories/translating.py): the translator's own educators."""

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from storyhub.accounts.models import User
from storyhub.extensions import db
from storyhub.stories.models import TRANSLATION_SUBMITTED, Story, StoryTranslation

QUEUE_SIZE = 50


def _waiting(group_ids: set[int] | None):
    # Admins act on any content but, as for comments, the queue is the groups' educators' own.
    return db.select(StoryTranslation).where(
        StoryTranslation.status == TRANSLATION_SUBMITTED,
        StoryTranslation.group_id.in_(group_ids or {-1}),
    )


def waiting_translations(group_ids: set[int] | None) -> list[StoryTranslation]:
    """Translations waiting for the review of these groups' educators, longest-waiting first."""
    query = _waiting(group_ids).options(
        joinedload(StoryTranslation.story),
        joinedload(StoryTranslation.translator),
        joinedload(StoryTranslation.group),
    )
    query = query.order_by(StoryTranslation.updated_at, StoryTranslation.id).limit(QUEUE_SIZE)
    return list(db.session.scalars(query))


def count_waiting_translations(user: User, group_ids: set[int] | None) -> int:
    """How many translations wait for the educator (the number beside the Moderation link)."""
    if not group_ids:
        return 0
    query = _waiting(group_ids).with_only_columns(db.func.count(StoryTranslation.id))
    return db.session.scalar(query) or 0


def describe_translations(ids: list[int]) -> dict[int, tuple[str, str]]:
    """{translation id: (label, link)} for the moderation log, in one query."""
    query = (
        db.select(StoryTranslation.id, StoryTranslation.story_id, Story.title)
        .join(Story, Story.id == StoryTranslation.story_id)
        .where(StoryTranslation.id.in_(ids))
    )
    return {
        item_id: (
            _("Translation of “%(story)s”", story=title),
            url_for("stories.detail", story_id=story_id, _anchor=f"translation-{item_id}"),
        )
        for item_id, story_id, title in db.session.execute(query)
    }
