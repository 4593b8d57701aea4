"""Portals between the two places: a 360° panorama here joined to one over there ("the market
here ↔ the market over there"), walked both ways in the viewer.

`place_portal` / `remove_portal` change them (the authors of either story or the educators of
either group, from their own panorama). What a reader is shown is `visible_portal(user, media)`:
a portal exists for them only while the one media rule (`can_view_media`) lets them see *both*
panoramas — so a withdrawn consent, a report, an unpublished story on either side takes it out at
once, and a portal to a panorama this reader may not see is never sent in the page.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.exchanges.models import Round
from storyhub.extensions import db
from storyhub.media.models import KIND_PANORAMA, STATUS_READY, MediaItem, PanoramaPortal
from storyhub.media.permissions import can_place_portal
from storyhub.media_pages.permissions import can_view_media
from storyhub.stories.models import STATUS_APPROVED, Story

# Where the door stands in a view, as people say it (degrees of turn from the opening view).
DIRECTIONS = {
    0: _l("Straight ahead"),
    90: _l("To the right"),
    180: _l("Behind"),
    -90: _l("To the left"),
}


@dataclass(frozen=True)
class Portal:
    """A portal as one reader meets it in one panorama: where it stands, where it leads."""

    here: MediaItem
    yaw: float  # where the door stands in this view
    there: MediaItem
    back_yaw: float  # where the door back stands in the view over there

    @property
    def arrive_yaw(self) -> float:
        """Walking through, the reader arrives with the door back behind them."""
        return (self.back_yaw + 360) % 360 - 180

    @property
    def return_yaw(self) -> float:
        """Coming back, the reader arrives with the door over there behind them."""
        return (self.yaw + 360) % 360 - 180


def portal_of(media: MediaItem) -> PanoramaPortal | None:
    """The portal joining this panorama to another, seen by nobody in particular (one query)."""
    if media.kind != KIND_PANORAMA:
        return None
    query = db.select(PanoramaPortal).where(
        db.or_(PanoramaPortal.media_a_id == media.id, PanoramaPortal.media_b_id == media.id)
    )
    return db.session.scalars(query).first()


def visible_portal(user: User, media: MediaItem) -> Portal | None:
    """The portal this user is shown in this panorama: only when both ends are visible to them
    (the one media rule, on each end), the other end ready and placed in a story."""
    link = portal_of(media)
    if link is None:
        return None
    here, yaw, there, back_yaw = link.ends(media.id)
    if there.story is None or not there.is_ready:
        return None
    if not (can_view_media(user, here) and can_view_media(user, there)):
        return None
    return Portal(here=here, yaw=yaw, there=there, back_yaw=back_yaw)


def portal_choices(user: User, media: MediaItem) -> list[MediaItem]:
    """The panoramas over there this panorama may be joined to: ready panoramas of the twin
    group's published stories in the same exchange, that this user may see, and that are free
    or whose portal this user may change (`may_rejoin`)."""
    if not can_place_portal(user, media):
        return []
    exchange = media.story.round.exchange
    twin_ids = [g for g in exchange.group_ids if g != media.group_id]
    query = (
        db.select(MediaItem)
        .join(Story, MediaItem.story_id == Story.id)
        .join(Round, Story.round_id == Round.id)
        .where(
            MediaItem.kind == KIND_PANORAMA,
            MediaItem.status == STATUS_READY,
            Round.exchange_id == exchange.id,
            Story.group_id.in_(twin_ids),
            Story.status == STATUS_APPROVED,
        )
        .order_by(Story.published_at, MediaItem.id)
    )
    return [
        m
        for m in db.session.scalars(query)
        if m.story.is_published and can_view_media(user, m) and may_rejoin(user, media, m)
    ]


def may_rejoin(user: User, media: MediaItem, other: MediaItem) -> bool:
    """Joining `media` to `other` replaces the portal `other` already has: that portal is part
    of the other story, so only who may change it there (can_place_portal on `other`) may; a
    free panorama, or one already joined to `media`, is open to whoever places this one."""
    link = portal_of(other)
    if link is None or media.id in (link.media_a_id, link.media_b_id):
        return True
    return can_place_portal(user, other)


def _direction(value) -> int:
    try:
        yaw = int(value)
    except (TypeError, ValueError):
        yaw = None
    if yaw not in DIRECTIONS:
        raise DomainError(_("Choose where the portal stands."))
    return yaw


def place_portal(
    user: User, media: MediaItem, other_id: int, yaw_here, yaw_there
) -> PanoramaPortal:
    """Join media to a panorama over there (replacing a portal either had before)."""
    if not can_place_portal(user, media):
        raise DomainError(_("Only the authors of the story or their educators can place a portal."))
    other = next((m for m in portal_choices(user, media) if m.id == other_id), None)
    if other is None:
        raise DomainError(_("Choose a published 360° view of the group over there."))
    here_yaw, there_yaw = _direction(yaw_here), _direction(yaw_there)
    _drop_links(media.id, other.id)
    link = PanoramaPortal(
        media_a_id=media.id,
        media_b_id=other.id,
        yaw_a=here_yaw,
        yaw_b=there_yaw,
        created_by_id=user.id,
    )
    db.session.add(link)
    db.session.commit()
    return link


def remove_portal(user: User, media: MediaItem) -> None:
    """Take the portal of this panorama away (for both ends)."""
    if not can_place_portal(user, media):
        raise DomainError(_("Only the authors of the story or their educators can place a portal."))
    _drop_links(media.id)
    db.session.commit()


def _drop_links(*media_ids: int) -> None:
    db.session.execute(
        db.delete(PanoramaPortal).where(
            db.or_(
                PanoramaPortal.media_a_id.in_(media_ids), PanoramaPortal.media_b_id.in_(media_ids)
            )
        )
    )
