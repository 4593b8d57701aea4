"""Who may see and act on a media item. The one visibility rule for media lives here:
a media item is visible exactly when it is shown in a block of a story the viewer may see (and
not hidden after reports); otherwise (in no block, or in no story yet) only its uploader, the
people who may edit its story, the educators of its group and admins see it."""

from sqlalchemy.orm import aliased

from storyhub.accounts.models import AnonymousUser, User
from storyhub.exchanges.permissions import user_group_ids
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.media.models import MediaItem
from storyhub.stories.models import Block
from storyhub.stories.permissions import can_edit_story, can_view_story

PUBLIC = AnonymousUser()


def leads_media_group(user: User, media: MediaItem) -> bool:
    """Verified educators of the media's group."""
    return (
        user.is_authenticated
        and user.is_educator
        and user.is_verified
        and media.group_id in user_group_ids(user)
    )


def _is_uploader(user: User, media: MediaItem) -> bool:
    return user.is_authenticated and media.uploader_id == user.id


def is_shown(media: MediaItem) -> bool:
    """The media's own part of the rule: a block of its story shows it (a file uploaded but
    never placed is not shown) and it is not hidden after reports. SQL twin: `shown_media_clause`."""
    story = media.story
    if media.hidden_at is not None or story is None:
        return False
    return any(
        (b.media.id if b.media is not None else b.media_id) == media.id for b in story.blocks
    )


def shown_media(story) -> list[MediaItem]:
    """The ready media items the story's blocks show, in block order (loaded with the blocks:
    no query). For surfaces that already show the story: API, search, feeds."""
    found, seen = [], set()
    for block in story.blocks:
        item = block.media
        if item is None or item.id in seen or item.story_id != story.id:
            continue
        if item.is_ready and is_shown(item):
            seen.add(item.id)
            found.append(item)
    return found


def can_view_media(user: User, media: MediaItem) -> bool:
    """Visible when shown in a block of a story the viewer may see and not hidden; otherwise
    (hidden, unplaced, unattached): its uploader, its story's editors, educators, admins."""
    if media.hidden_at is not None:
        return user.is_authenticated and (user.is_admin or leads_media_group(user, media))
    if is_shown(media):
        return can_view_story(user, media.story)
    if not user.is_authenticated:
        return False
    if user.is_admin or _is_uploader(user, media) or leads_media_group(user, media):
        return True
    return media.story is not None and can_edit_story(user, media.story)


def shown_media_clause():
    """SQL twin of `is_shown` (the media's own part of the rule; its story's part is
    `visible_story_clause`): shown in a block of its story, not hidden after reports."""
    placed = aliased(Block)  # its own alias: the clause may sit in a query over Block
    in_block = (
        db.select(placed.id)
        .where(placed.media_id == MediaItem.id, placed.story_id == MediaItem.story_id)
        .exists()
    )
    return db.and_(MediaItem.hidden_at.is_(None), in_block)


def is_public_media(media: MediaItem) -> bool:
    """Anyone may fetch it (so caches may keep it for a long time)."""
    return media.is_ready and can_view_media(PUBLIC, media)


def can_edit_media(user: User, media: MediaItem) -> bool:
    """Describe, caption, re-tag or delete: whoever may edit its story (unattached: as viewing)."""
    if media.story is not None:
        return can_edit_story(user, media.story)
    return can_view_media(user, media)


def can_moderate_media(user: User, media: MediaItem) -> bool:
    """Blur regions and tag people at any time: the group's educators and admins."""
    return user.is_authenticated and (user.is_admin or leads_media_group(user, media))


def can_upload_to_group(user: User, group: Group) -> bool:
    """Young people of the group and its verified educators add media to it."""
    if not user.is_authenticated:
        return False
    if user.is_young:
        return user.group_id == group.id
    return user.is_educator and user.is_verified and group.id in user_group_ids(user)


def upload_groups(user: User) -> list[Group]:
    """The groups this user may add media to."""
    ids = user_group_ids(user)
    if not ids:
        return []
    groups = db.session.scalars(db.select(Group).where(Group.id.in_(ids)).order_by(Group.name))
    return [g for g in groups if can_upload_to_group(user, g)]
