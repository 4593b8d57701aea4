"""Public JSON shapes of territories, themes, exchanges, rounds and stories.

Young people appear only as {"display_name", "group"}; no id, username, email, consent, age or
who appears in a photo is ever written here. Every shape is described in openapi.py.
"""

from flask import url_for

from storyhub.core.http import rfc3339
from storyhub.core.languages import direction
from storyhub.search.links import public_url, translation_url
from storyhub.territories.models import coarse


def _api(endpoint: str, **values) -> str:
    return url_for(f"api.{endpoint}", _external=True, **values)


def _date(value) -> str | None:
    return value.isoformat() if value is not None else None


def territory_ref(territory) -> dict:
    """A territory named inside another object."""
    return {
        "id": territory.id,
        "slug": territory.slug,
        "name": territory.name,
        "country": territory.country,
        "url": _api("territory_detail", territory_id=territory.id),
    }


def territory(item) -> dict:
    """A territory with its coarse (city level) coordinates and presentation."""
    return {
        **territory_ref(item),
        "kind": item.kind,
        "latitude": coarse(item.latitude),
        "longitude": coarse(item.longitude),
        "presentation": item.presentation,
        "html_url": public_url("territory", item.slug),
        "feed_url": url_for("feeds.territory", slug=item.slug, _external=True),
    }


def theme(item) -> dict:
    """A curated theme with its names."""
    return {
        "slug": item.slug,
        "name": {"fr": item.name_fr, "en": item.name_en},
        "feed_url": url_for("feeds.theme", slug=item.slug, _external=True),
    }


def group(item) -> dict:
    """A group as the public sees it: its name, kind and territory."""
    return {
        "id": item.id,
        "name": item.name,
        "kind": item.kind,
        "territory": territory_ref(item.territory),
    }


def exchange(item) -> dict:
    """A public exchange: its two sides, themes, languages and period."""
    return {
        "id": item.id,
        "title": item.title,
        "description": item.description,
        "status": item.status,
        "languages": [code for code in item.languages.split(",") if code],
        "starts_on": _date(item.starts_on),
        "ends_on": _date(item.ends_on),
        "themes": [t.slug for t in item.themes],
        "groups": [group(item.inviting_group), group(item.invited_group)],
        "url": _api("exchange_detail", exchange_id=item.id),
        "html_url": public_url("exchange", item.id),
        "feed_url": url_for("feeds.exchange", exchange_id=item.id, _external=True),
        "rounds_url": _api("rounds", exchange=item.id),
        "stories_url": _api("stories", exchange=item.id),
    }


def round_(item) -> dict:
    """A round: the question both sides answer."""
    return {
        "id": item.id,
        "exchange_id": item.exchange_id,
        "question": item.question,
        "guidance": item.guidance,
        "opens_on": _date(item.opens_on),
        "closes_on": _date(item.closes_on),
        "url": _api("round_detail", round_id=item.id),
        "html_url": public_url("round", item.id),
        "stories_url": _api("stories", round=item.id),
    }


def block(item, media_by_id: dict) -> dict:
    """One block: text (sanitised HTML), quote, or media (caption, and the item when known)."""
    media_id = getattr(item, "media_id", None)
    return {
        "position": item.position,
        "kind": item.kind,
        "html": item.body_html if item.kind == "text" else "",
        "text": item.text,
        "attribution": item.attribution,
        "media_id": media_id if media_id in media_by_id else None,
    }


def translation(item, story) -> dict:
    """A published translation by the twin group: its language, words and translator's credit."""
    name = item.translator.display_name if item.translator else ""
    return {
        "id": item.id,
        "language": item.language,
        "direction": direction(item.language),
        "title": item.title,
        "translated_by": {"display_name": name, "group": item.group.name},
        "published_at": rfc3339(item.published_at) if item.published_at else None,
        "blocks": [
            {"position": b.position, "text": item.text_for(b.id)}
            for b in story.blocks
            if item.text_for(b.id)
        ],
        "html_url": translation_url(story.id, item.id),
    }


def story(item, public_ids: set[int], media: list[dict], translations=()) -> dict:
    """A published story with its blocks, authors ('display name, group'), media and public
    translations."""
    media_by_id = {m["id"]: m for m in media}
    reply = item.in_reply_to_id if item.in_reply_to_id in public_ids else None
    return {
        "id": item.id,
        "title": item.title,
        "language": item.language,
        "direction": direction(item.language),
        "published_at": rfc3339(item.published_at),
        "exchange_id": item.round.exchange_id,
        "round_id": item.round_id,
        "in_reply_to_id": reply,
        "group": group(item.group),
        "authors": [
            {"display_name": a.display_name, "group": item.group.name} for a in item.authors
        ],
        "themes": [t.slug for t in item.themes],
        "blocks": [block(b, media_by_id) for b in item.blocks],
        "media": media,
        "translations": [translation(t, item) for t in translations],
        "url": _api("story_detail", story_id=item.id),
        "html_url": public_url("story", item.id),
    }
