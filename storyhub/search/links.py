"""Absolute public URLs of stories, rounds, exchanges and territories, in one place.

The pages themselves belong to other packages (some are still being built): each kind names
the endpoint that serves it and the path it is agreed to live at. When the endpoint is not
registered yet the agreed path is used, so feeds, sitemap and API links never break.
"""

from flask import request, url_for
from werkzeug.routing import BuildError

PAGES = {
    "story": ("stories.detail", "story_id", "/stories/{}"),
    "round": ("stories.round_detail", "round_id", "/rounds/{}"),
    "exchange": ("exchanges.detail", "exchange_id", "/exchanges/{}"),
    "territory": ("browse.territory", "slug", "/places/{}"),
}


def public_url(kind: str, key: int | str, external: bool = True) -> str:
    """The URL of a public page: story, round, exchange (by id) or territory (by slug)."""
    endpoint, argument, path = PAGES[kind]
    try:
        return url_for(endpoint, **{argument: key}, _external=external)
    except BuildError:
        relative = path.format(key)
        return request.url_root.rstrip("/") + relative if external else relative


def translation_url(story_id: int, translation_id: int, external: bool = True) -> str:
    """The URL of a story read in one of its translations (the story page's language switch)."""
    return public_url("story", story_id, external) + f"?translation={translation_id}"
