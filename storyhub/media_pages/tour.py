"""Walk between the two places: the published 360° views of an exchange's two sides as one
tour, joined by their portals, here first then over there.

A view is in a reader's tour only while the one media rule lets them see it (its SQL twins in
the query, then `can_view_media` on each view), and a door only while both its ends are in that
tour — the rule of `portals.visible_portal`, read for the whole exchange at once — so a
withdrawn consent, a report or an unpublished story takes its view and every door to it out
of the tour at once.
"""

from dataclasses import dataclass

from storyhub.accounts.models import User
from storyhub.exchanges.models import Exchange, Round
from storyhub.exchanges.permissions import member_side
from storyhub.extensions import db
from storyhub.media.models import KIND_PANORAMA, STATUS_READY, MediaItem, PanoramaPortal
from storyhub.media.permissions import reads_inside, shown_media_clause
from storyhub.media_pages.permissions import can_view_media
from storyhub.media_pages.portals import Portal
from storyhub.stories.models import STATUS_APPROVED, Story
from storyhub.stories.permissions import visible_story_clause

MAX_SCENES = 40  # a walk, not an archive: the most recent views beyond it stay on their stories


@dataclass(frozen=True)
class TourScene:
    """One view of the walk: the panorama, whether it is on the reader's side, its door."""

    media: MediaItem
    here: bool
    portal: Portal | None

    @property
    def scene_id(self) -> str:
        """The scene's name in the viewer (Pannellum's tour) and its anchor in the page."""
        return f"view-{self.media.id}"


def _visible_views(user: User, exchange: Exchange):
    """SELECT the ready panoramas of the exchange's published stories that this reader may see:
    the SQL twins of the media rule (the story's `visible_story_clause`, the media's own
    `shown_media_clause`), as the reader reads (inside the exchange, or as the public)."""
    public = not reads_inside(user, exchange)
    return (
        db.select(MediaItem)
        .join(Story, MediaItem.story_id == Story.id)
        .join(Story.round)
        .join(Round.exchange)
        .where(
            Round.exchange_id == exchange.id,
            Story.status == STATUS_APPROVED,
            visible_story_clause(user),
            MediaItem.kind == KIND_PANORAMA,
            MediaItem.status == STATUS_READY,
            shown_media_clause(public),
        )
    )


def _views(user: User, exchange: Exchange) -> list[MediaItem]:
    query = _visible_views(user, exchange)
    query = query.order_by(Story.published_at.desc(), MediaItem.id.desc()).limit(MAX_SCENES)
    return [m for m in db.session.scalars(query) if can_view_media(user, m)]


def _doors(shown: dict[int, MediaItem]) -> dict[int, Portal]:
    """{view id: its door}, for doors whose both ends are shown."""
    ids = list(shown)
    query = db.select(PanoramaPortal).where(
        db.or_(PanoramaPortal.media_a_id.in_(ids), PanoramaPortal.media_b_id.in_(ids))
    )
    doors = {}
    for link in db.session.scalars(query):
        if link.media_a_id in shown and link.media_b_id in shown:
            for end in (link.media_a_id, link.media_b_id):
                here, yaw, there, back_yaw = link.ends(end)
                doors[end] = Portal(here=here, yaw=yaw, there=there, back_yaw=back_yaw)
    return doors


def exchange_tour(user: User, exchange: Exchange) -> list[TourScene]:
    """The views this reader may walk through, here first (their own side, or the inviting
    group's for the public), each followed by the one its door leads to."""
    shown = {m.id: m for m in _views(user, exchange)}
    if not shown:
        return []
    doors = _doors(shown)
    here_id = member_side(user, exchange) or exchange.inviting_group_id
    ordered = sorted(
        shown.values(),
        key=lambda m: (m.group_id != here_id, m.story.published_at or m.created_at, m.id),
    )
    walk: list[MediaItem] = []
    for media in ordered:
        for step in (media, doors[media.id].there if media.id in doors else None):
            if step is not None and step not in walk:
                walk.append(step)
    return [TourScene(m, m.group_id == here_id, doors.get(m.id)) for m in walk]


def has_walk(user: User, exchange: Exchange) -> bool:
    """The exchange has at least one door this reader may walk through: both its ends among
    the views they may see (one query, for the exchange page's link)."""
    views = _visible_views(user, exchange).with_only_columns(MediaItem.id)
    query = db.select(PanoramaPortal.id).where(
        PanoramaPortal.media_a_id.in_(views), PanoramaPortal.media_b_id.in_(views)
    )
    return db.session.scalar(query.limit(1)) is not None
