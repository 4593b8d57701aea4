"""Territory pictures as pages show them: the admin's upload, else a photo an educator chose to
illustrate a public exchange of that territory (never a child's story photo picked on its own).

`territory_pictures(ids)` answers for many territories in at most two queries. A chosen photo
still goes through the media's and the stories' one visibility rule, so it is exactly as public
as the story it belongs to (and leaves at once with it).
"""

from dataclasses import dataclass

from flask import url_for
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from storyhub.accounts.models import AnonymousUser
from storyhub.browse.models import TerritoryPicture
from storyhub.exchanges.models import Exchange, Round
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.media.models import KIND_IMAGE, STATUS_READY, MediaItem
from storyhub.media.permissions import shown_media, shown_media_clause
from storyhub.stories.models import Story
from storyhub.stories.permissions import visible_story_clause


@dataclass
class Picture:
    """What an <img>/<picture> needs: sources, size, text alternative, where it comes from."""

    src: str
    srcset: str
    webp_srcset: str
    width: int
    height: int
    alt: str
    story_title: str = ""  # set when the picture is a photo of a story
    story_url: str = ""


def _from_renditions(item, url) -> Picture | None:
    """A Picture from renditions (WebP `image`, JPEG `fallback`), or None without a JPEG."""
    jpeg, webp = item.renditions_with("fallback"), item.renditions_with("image")
    if not jpeg:
        return None
    default = next((r for r in jpeg if r["width"] >= 960), jpeg[-1])

    def srcset(renditions):
        return ", ".join(f"{url(r['name'])} {r['width']}w" for r in renditions)

    largest = jpeg[-1]
    return Picture(
        src=url(default["name"]),
        srcset=srcset(jpeg),
        webp_srcset=srcset(webp),
        width=largest["width"],
        height=largest["height"],
        alt=item.alt_text,
    )


def uploaded_picture(picture: TerritoryPicture, slug: str) -> Picture | None:
    """The admin's picture of a territory."""
    return _from_renditions(
        picture, lambda name: url_for("browse.picture_file", slug=slug, name=name)
    )


def story_picture(media: MediaItem) -> Picture | None:
    """A public story's photo, with the story it comes from."""
    found = _from_renditions(
        media, lambda name: url_for("media.file", media_id=media.id, name=name)
    )
    if found is not None:
        found.story_title = media.story.title
        found.story_url = url_for("stories.detail", story_id=media.story_id)
    return found


def public_photos():
    """SELECT the ready, described photos of the stories the public may read."""
    return (
        select(MediaItem)
        .join(Story, MediaItem.story_id == Story.id)
        .join(Round, Story.round_id == Round.id)
        .join(Exchange, Round.exchange_id == Exchange.id)
        .where(
            visible_story_clause(AnonymousUser()),
            MediaItem.kind == KIND_IMAGE,
            MediaItem.status == STATUS_READY,
            MediaItem.alt_text != "",
            shown_media_clause(),
        )
    )


def territory_pictures(territories) -> dict[int, Picture]:
    """{territory id: Picture} for these territories (two queries at most)."""
    slugs = {t.id: t.slug for t in territories}
    if not slugs:
        return {}
    query = select(TerritoryPicture).where(TerritoryPicture.territory_id.in_(slugs))
    found = {}
    for picture in db.session.scalars(query):
        shown = uploaded_picture(picture, slugs[picture.territory_id])
        if shown is not None:
            found[picture.territory_id] = shown
    missing = set(slugs) - set(found)
    if missing:
        found.update(_chosen_photos(missing))
    return found


def _chosen_photos(territory_ids: set[int]) -> dict[int, Picture]:
    """For each territory, the latest public photo of its groups that an educator chose to
    illustrate an exchange (Exchange.cover_media_id), in one query."""
    rank = func.row_number().over(
        partition_by=Group.territory_id,
        order_by=(Story.published_at.desc(), MediaItem.id.desc()),
    )
    ranked = (
        public_photos()
        .join(Group, Story.group_id == Group.id)
        .where(
            Group.territory_id.in_(territory_ids),
            # said explicitly, so the planner starts from the few chosen covers (partial
            # index ix_exchange_cover_media_id) instead of the stories of the territories
            Exchange.cover_media_id.is_not(None),
            Exchange.cover_media_id == MediaItem.id,
            # and again as a list, for SQLite, whose planner otherwise starts from the groups
            MediaItem.id.in_(
                select(Exchange.cover_media_id).where(Exchange.cover_media_id.is_not(None))
            ),
        )
        .with_only_columns(MediaItem.id, Group.territory_id, rank.label("rank"))
        .subquery()
    )
    query = (
        select(MediaItem, ranked.c.territory_id)
        .join(ranked, MediaItem.id == ranked.c.id)
        .where(ranked.c.rank == 1)
        .options(joinedload(MediaItem.story))
    )
    found = {}
    for media, territory_id in db.session.execute(query):
        shown = story_picture(media)
        if shown is not None:
            found[territory_id] = shown
    return found


def first_photos(stories) -> dict[int, Picture]:
    """{story id: the first described photo its blocks show to the public} for public stories
    loaded with their blocks: no query (`shown_media`, the Python twin of the media's rule,
    reads what the blocks brought, people and consents included)."""
    found: dict[int, Picture] = {}
    for story in stories:
        for item in shown_media(story):
            if item.kind != KIND_IMAGE or not item.alt_text:
                continue
            shown = story_picture(item)
            if shown is not None:
                found[story.id] = shown
                break
    return found
