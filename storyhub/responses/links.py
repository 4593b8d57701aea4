"""Paths to other areas' pages, built without a request (services run in the CLI and tests too)."""

from flask import current_app, has_request_context, request
from werkzeug.routing import BuildError

STORY_ENDPOINT = "stories.detail"
QUEUE_ENDPOINTS = ("moderation.queue", "moderation.index")


def path_for(endpoint: str, anchor: str | None = None, **values) -> str | None:
    """The site path of an endpoint, or None when that page does not exist."""
    root = request.script_root if has_request_context() else ""
    adapter = current_app.url_map.bind("localhost", script_name=root or "/")
    try:
        path = adapter.build(endpoint, values)
    except BuildError:
        return None
    return f"{path}#{anchor}" if anchor else path


def story_path(story_id: int, anchor: str | None = "responses") -> str:
    """The story page, scrolled to its responses (or to one comment)."""
    path = path_for(STORY_ENDPOINT, anchor, story_id=story_id)
    return path or f"/stories/{story_id}" + (f"#{anchor}" if anchor else "")


def queue_path(story_id: int, comment_id: int) -> str:
    """Where an educator reviews a comment: the moderation queue, else the story page."""
    for endpoint in QUEUE_ENDPOINTS:
        path = path_for(endpoint, f"comment-{comment_id}")
        if path:
            return path
    return story_path(story_id, f"comment-{comment_id}")
