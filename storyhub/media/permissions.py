"""Who may see and act on a media item: the media's own part of the one visibility rule.

A media item is visible exactly when it is shown in a block of a story the viewer may see, is
not hidden after reports, and everyone ticked as appearing in it has an image consent whose
scope covers where it is seen (the public site, or inside the exchange); otherwise (in no
block, in no story yet, hidden, consent missing) only its uploader, the people who wrote or may
edit its story, the educators of its group and admins see it.

This package knows nothing of stories: here is what the media item says by itself
(`is_shown` and `appearing_consent_allows`, their SQL twin `shown_media_clause`, who sees an
item no story shows: `can_view_unplaced`); the whole rule, which adds the story's own rule, is
`can_view_media` in storyhub/media_pages/permissions.py."""

from sqlalchemy import and_, exists, select

from storyhub.accounts.models import User
from storyhub.exchanges.permissions import is_exchange_member
from storyhub.extensions import db
from storyhub.groups.membership import is_author, leads_group, member_group_ids
from storyhub.groups.models import CONSENT_IMAGE, SCOPE_PUBLIC, Consent, Group
from storyhub.media.models import MediaItem, media_person


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


def appearing_consent_allows(media: MediaItem, public: bool) -> bool:
    """Everyone ticked as appearing has a granted image consent covering the public site
    (`public`) or the exchange. Loaded with the item: no query. SQL twin:
    `appearing_consent_clause`."""
    consents = {c.user_id: c for c in media.people_image_consents}
    return all(p.id in consents and consents[p.id].covers(public) for p in media.people)


def shown_media(story, public: bool = True) -> list[MediaItem]:
    """The ready media items the story's blocks show, in block order, whose people consent for
    the public site (`public`) or the exchange (loaded with the blocks: no query per item).
    For surfaces that already show the story: API, search, feeds."""
    found, seen = [], set()
    for block in story.blocks:
        item = block.media
        if item is None or item.id in seen or item.story_id != story.id:
            continue
        if item.is_ready and is_shown(item) and appearing_consent_allows(item, public):
            seen.add(item.id)
            found.append(item)
    return found


def reads_inside(user: User, exchange) -> bool:
    """The viewer belongs to a side of the exchange (so a consent scoped to the exchange is
    enough for them); everyone else reads as the public."""
    return user.is_authenticated and is_exchange_member(user, exchange)


def sees_unpublished(user: User, media: MediaItem) -> bool:
    """Those who see a placed item whatever its consent: admins, its group's educators, its
    uploader and its story's authors."""
    if not user.is_authenticated:
        return False
    return (
        user.is_admin
        or leads_group(user, media.group_id)
        or _is_uploader(user, media)
        or (media.story is not None and is_author(user, media.story))
    )


def can_view_unplaced(user: User, media: MediaItem) -> bool:
    """Who sees a media item that no story shows (uploaded but never placed, in no story yet)
    or that is hidden after reports: its group's educators and admins; its uploader too unless
    it is hidden. (Its story's authors and editors are added by `can_view_media`.)"""
    if not user.is_authenticated:
        return False
    if user.is_admin or leads_group(user, media.group_id):
        return True
    return media.hidden_at is None and _is_uploader(user, media)


def appearing_consent_clause(public: bool):
    """SQL over MediaItem, twin of `appearing_consent_allows`: nobody ticked as appearing lacks
    a granted image consent covering the public site (`public`) or the exchange."""
    ok = and_(Consent.kind == CONSENT_IMAGE, Consent.granted.is_(True))
    if public:
        ok = and_(ok, Consent.scope == SCOPE_PUBLIC)
    lacking = exists(
        select(media_person.c.user_id).where(
            media_person.c.media_id == MediaItem.id,
            media_person.c.user_id.not_in(select(Consent.user_id).where(ok)),
        )
    )
    return ~lacking


def shown_media_clause(public: bool = True):
    """SQL twin of `is_shown` and `appearing_consent_allows` (the media's own part of the rule;
    its story's part is `visible_story_clause`): shown in a block of its story, not hidden after
    reports, everyone who appears consenting for the public site (`public`) or the exchange."""
    # EXISTS over its own FROM block (never correlated): the clause may sit in a query over Block
    in_block = MediaItem.placements.any()
    return db.and_(MediaItem.hidden_at.is_(None), in_block, appearing_consent_clause(public))


def can_moderate_media(user: User, media: MediaItem) -> bool:
    """Blur regions and tag people at any time: the group's educators and admins."""
    return user.is_authenticated and (user.is_admin or leads_group(user, media.group_id))


def can_upload_to_group(user: User, group: Group) -> bool:
    """Young people of the group and its verified educators add media to it."""
    return group.id in member_group_ids(user)


def upload_groups(user: User) -> list[Group]:
    """The groups this user may add media to."""
    ids = member_group_ids(user)
    if not ids:
        return []
    groups = db.session.scalars(db.select(Group).where(Group.id.in_(ids)).order_by(Group.name))
    return [g for g in groups if can_upload_to_group(user, g)]


def can_place_portal(user: User, media: MediaItem) -> bool:
    """Place or remove the portal of a story's panorama: a portal is part of the story,
    moderated with it. Its group's educators at any time (either side does it from its own
    panorama); its authors only while the story is still editable by them (draft, changes
    requested), so that it goes through review with the rest of the story."""
    if media.kind != "panorama" or media.story is None or not user.is_authenticated:
        return False
    if leads_group(user, media.group_id):
        return True
    return media.story.is_editable and is_author(user, media.story)
