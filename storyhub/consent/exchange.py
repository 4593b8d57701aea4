"""The two publication keys and consent: turning a key never makes public a story whose young
authors' parental consent does not cover the public site. The story visibility rule already
keeps such stories inside the exchange; this module says which ones, and why, to the educators
of both sides."""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from storyhub.exchanges.models import Exchange, Round
from storyhub.exchanges.services import educators_of
from storyhub.extensions import db
from storyhub.notifications.services import notify
from storyhub.stories.models import STATUS_APPROVED, Story
from storyhub.stories.permissions import consent_clause


def kept_inside(exchange: Exchange) -> list[Story]:
    """Published stories of the exchange that stay inside it: an author's parental consent
    does not cover the public site (recorded as No, narrowed to the exchange, or missing)."""
    query = (
        select(Story)
        .join(Round, Story.round_id == Round.id)
        .where(
            Round.exchange_id == exchange.id,
            Story.status == STATUS_APPROVED,
            Story.hidden_at.is_(None),
            ~consent_clause(True),
        )
        .order_by(Story.id)
    )
    return list(db.session.scalars(query))


def kept_inside_message(stories: list[Story], public: bool) -> str:
    """What the educator reads after turning a key ('' when every story may go public)."""
    if not stories:
        return ""
    titles = ", ".join(f"“{s.title}”" for s in stories)
    if public:
        return _(
            "These stories stay inside the exchange, because the parental consent of one of "
            "their authors does not cover the public site: %(titles)s.",
            titles=titles,
        )
    return _(
        "When the exchange becomes public, these stories will stay inside it, because the "
        "parental consent of one of their authors does not cover the public site: %(titles)s.",
        titles=titles,
    )


def tell_what_stays_inside(exchange: Exchange) -> list[Story]:
    """Once the exchange is public, tell the educators of both sides which stories stay
    inside it and why. Returns those stories."""
    stories = kept_inside(exchange)
    if stories and exchange.is_public:
        link = current_app.url_map.bind("localhost").build(
            "exchanges.detail", {"exchange_id": exchange.id}
        )
        notify(
            educators_of(*exchange.groups),
            "exchange_kept_inside",
            link,
            exchange=exchange.title,
            stories=", ".join(s.title for s in stories),
        )
        db.session.commit()
    return stories
