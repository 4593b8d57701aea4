"""What can be reported: for each kind, how to load it, who sees it, its groups and its page.

One table, so that reports, the queue, decisions and appeals treat the five kinds alike.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l

from storyhub.accounts.models import User
from storyhub.exchanges.models import Exchange
from storyhub.exchanges.permissions import can_view_exchange
from storyhub.extensions import db
from storyhub.impact.life import REFLECTION
from storyhub.impact.models import Reflection
from storyhub.impact.permissions import can_report_reflection
from storyhub.media.models import MediaItem
from storyhub.media_pages.permissions import can_view_media
from storyhub.reports.models import (
    TARGET_COMMENT,
    TARGET_EXCHANGE,
    TARGET_MEDIA,
    TARGET_REFLECTION,
    TARGET_STORY,
)
from storyhub.responses.models import Comment
from storyhub.responses.permissions import can_view_comment
from storyhub.stories.models import Story
from storyhub.stories.permissions import can_view_story

MAX_ID = 2**31 - 1


def url_for(endpoint: str, _anchor: str = "", **values) -> str:
    """A site path, built also outside a request (decisions taken from commands, tests)."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return f"{path}#{_anchor}" if _anchor else path


@dataclass(frozen=True)
class TargetKind:
    """How one kind of content takes part in reports."""

    model: type
    label: object
    can_view: Callable[[User, object], bool]
    groups: Callable[[object], tuple[int | None, int | None]]
    title: Callable[[object], str]
    url: Callable[[object], str]
    authors: Callable[[object], list[User]]
    # When its writer (not only its group's educators) may appeal a decision on it: the young
    # person whose reflection was not published or was unpublished. None: educators only.
    writer_appeals: Callable[[object], bool] | None = None


def _story_authors(story: Story) -> list[User]:
    people = list(story.authors)
    if story.created_by is not None and story.created_by not in people:
        people.append(story.created_by)
    return people


def _comment_groups(comment: Comment) -> tuple[int | None, int | None]:
    other = comment.group_id if comment.group_id != comment.story.group_id else None
    return comment.story.group_id, other


def _media_url(media: MediaItem) -> str:
    if media.story_id is not None:
        return url_for("stories.detail", story_id=media.story_id)
    return url_for("media.detail", media_id=media.id)


KINDS: dict[str, TargetKind] = {
    TARGET_STORY: TargetKind(
        Story,
        _l("story"),
        can_view_story,
        lambda story: (story.group_id, None),
        lambda story: story.title,
        lambda story: url_for("stories.detail", story_id=story.id),
        _story_authors,
    ),
    TARGET_COMMENT: TargetKind(
        Comment,
        _l("comment"),
        can_view_comment,
        _comment_groups,
        lambda comment: comment.story.title,
        lambda comment: (
            url_for("stories.detail", story_id=comment.story_id) + f"#comment-{comment.id}"
        ),
        lambda comment: [comment.author] if comment.author is not None else [],
    ),
    TARGET_MEDIA: TargetKind(
        MediaItem,
        _l("media"),
        can_view_media,
        lambda media: (media.group_id, None),
        lambda media: media.alt_text or media.caption or (media.story.title if media.story else ""),
        _media_url,
        lambda media: [media.uploader] if media.uploader is not None else [],
    ),
    TARGET_EXCHANGE: TargetKind(
        Exchange,
        _l("exchange"),
        can_view_exchange,
        lambda exchange: exchange.group_ids,
        lambda exchange: exchange.title,
        lambda exchange: url_for("exchanges.detail", exchange_id=exchange.id),
        lambda exchange: [exchange.invited_by] if exchange.invited_by is not None else [],
    ),
    # A shared reflection: reported from the impact page, reviewed by its writer's educators.
    TARGET_REFLECTION: TargetKind(
        Reflection,
        _l("reflection"),
        can_report_reflection,
        lambda reflection: (reflection.group_id, None),
        lambda reflection: reflection.exchange.title,
        lambda reflection: (
            url_for("impact.detail", exchange_id=reflection.exchange_id)
            + f"#reflection-{reflection.id}"
        ),
        lambda reflection: [reflection.author] if reflection.author is not None else [],
        lambda reflection: REFLECTION.is_in(reflection, "decided_against"),
    ),
}


def load_target(target_type: str, target_id: int):
    """The reported item, or None when the kind or the id is unknown."""
    kind = KINDS.get(target_type)
    if kind is None or not 0 < target_id <= MAX_ID:
        return None
    return db.session.get(kind.model, target_id)


def target_type_of(item) -> str:
    """The report kind of an item."""
    return next(name for name, kind in KINDS.items() if isinstance(item, kind.model))
