"""The photo that illustrates an exchange (and its territories), chosen by its educators.

Never picked automatically from a child's story (admins upload territory pictures of their
own: storyhub/browse/curation.py); which photos may be chosen, and who then sees it, is decided
by the media's one visibility rule (storyhub/media_pages/permissions.py).
"""

from flask_babel import gettext as _
from sqlalchemy import select

from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.exchanges.models import Exchange, Round
from storyhub.exchanges.showcase import can_choose_showcase
from storyhub.extensions import db
from storyhub.groups.membership import member_group_ids
from storyhub.media.models import KIND_IMAGE, STATUS_READY, MediaItem
from storyhub.media.permissions import shown_media_clause
from storyhub.media_pages.permissions import can_view_media
from storyhub.stories.models import STATUS_APPROVED, Story


def cover_candidates(exchange: Exchange, user: User) -> list[MediaItem]:
    """Described photos shown in approved stories of the exchange written by the user's own
    group, that the media rule lets this user see."""
    query = (
        select(MediaItem)
        .join(Story, MediaItem.story_id == Story.id)
        .join(Round, Story.round_id == Round.id)
        .where(
            Round.exchange_id == exchange.id,
            Story.status == STATUS_APPROVED,
            MediaItem.kind == KIND_IMAGE,
            MediaItem.status == STATUS_READY,
            MediaItem.alt_text != "",
            shown_media_clause(),
        )
        .where(MediaItem.group_id.in_(member_group_ids(user)))
        .order_by(MediaItem.id)
    )
    return [m for m in db.session.scalars(query) if can_view_media(user, m)]


def choose_cover(exchange: Exchange, user: User, media_id: int | None) -> None:
    """Set (or remove, with None) the photo that illustrates the exchange."""
    if not can_choose_showcase(user, exchange):
        raise DomainError(_("Only the educators of the exchange choose its picture."))
    if media_id is None:
        exchange.cover_media_id = None
    else:
        chosen = next((m for m in cover_candidates(exchange, user) if m.id == media_id), None)
        if chosen is None:
            raise DomainError(_("Choose a described photo of an approved story of this exchange."))
        exchange.cover_media_id = chosen.id
    db.session.commit()
