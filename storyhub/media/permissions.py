"""Who may see and act on a media item. The one visibility rule for media lives here:
a media item is visible exactly when it is shown in a block of a story the viewer may see (and
not hidden after reports); otherwise (in no block, or in no story yet) only its uploader, the
people who may edit its story, the educators of its group and admins see it."""

from storyhub.accounts.models import AnonymousUser, User
from storyhub.exchanges.permissions import user_group_ids
from storyhub.groups.models import Group
from storyhub.media.models import MediaItem
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


def shown_in_block(media: MediaItem) -> bool:
    """One of its story's blocks shows it (a file uploaded but never placed is not shown)."""
    story = media.story
    return story is not None and any(
        (b.media.id if b.media is not None else b.media_id) == media.id for b in story.blocks
    )


def can_view_media(user: User, media: MediaItem) -> bool:
    """Visible when shown in a block of a story the viewer may see and not hidden; otherwise
    (hidden, unplaced, unattached): its uploader, its story's editors, educators, admins."""
    if media.hidden_at is not None:
        return user.is_authenticated and (user.is_admin or leads_media_group(user, media))
    if shown_in_block(media):
        return can_view_story(user, media.story)
    if not user.is_authenticated:
        return False
    if user.is_admin or _is_uploader(user, media) or leads_media_group(user, media):
        return True
    return media.story is not None and can_edit_story(user, media.story)


def shown_media_clause():
    """SQL twin of the media's own part of the rule (its story's part is
    `visible_story_clause`): shown in a block of its story, not hidden after reports."""
    from storyhub.extensions import db
    from storyhub.stories.models import Block

    in_block = (
        db.select(Block.id)
        .where(Block.media_id == MediaItem.id, Block.story_id == MediaItem.story_id)
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
    from storyhub.extensions import db

    ids = user_group_ids(user)
    if not ids:
        return []
    groups = db.session.scalars(db.select(Group).where(Group.id.in_(ids)).order_by(Group.name))
    return [g for g in groups if can_upload_to_group(user, g)]
