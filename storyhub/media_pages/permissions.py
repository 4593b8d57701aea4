"""The one visibility rule for media, whole: the media's own part (storyhub/media/permissions.py:
shown in a block of its story, not hidden, consent of who appears; SQL twin `shown_media_clause`)
joined to the story's own rule (storyhub/stories/permissions.py: `can_view_story`, SQL twin
`visible_story_clause`). Media files, pages, caches and reports ask `can_view_media`;
listings join the two SQL twins."""

from storyhub.accounts.models import AnonymousUser, User
from storyhub.media.models import MediaItem
from storyhub.media.permissions import (
    appearing_consent_allows,
    can_view_unplaced,
    is_shown,
    reads_inside,
    sees_unpublished,
)
from storyhub.stories.permissions import can_edit_story, can_view_story

PUBLIC = AnonymousUser()


def can_view_media(user: User, media: MediaItem) -> bool:
    """Visible when shown in a block of a story the viewer may see, not hidden, and everyone
    who appears consents for where it is seen; otherwise (hidden, consent missing, unplaced,
    unattached): its uploader, its story's authors and editors, educators, admins."""
    if is_shown(media):
        if sees_unpublished(user, media):
            return True
        public = not reads_inside(user, media.story.round.exchange)
        return can_view_story(user, media.story) and appearing_consent_allows(media, public)
    if can_view_unplaced(user, media):
        return True
    story = media.story
    return media.hidden_at is None and story is not None and can_edit_story(user, story)


def is_public_media(media: MediaItem) -> bool:
    """Anyone may fetch it (so shared caches may keep it, for an hour at most)."""
    return media.is_ready and can_view_media(PUBLIC, media)


def can_edit_media(user: User, media: MediaItem) -> bool:
    """Describe, caption, re-tag or delete: whoever may edit its story (unattached: as viewing)."""
    if media.story is not None:
        return can_edit_story(user, media.story)
    return can_view_media(user, media)
