"""A refused comment kept in the visitor's session for the next page view, so nothing typed is
lost. Request state: used by the views only (queries read, services write; neither touches
the session)."""

from flask import current_app, session

DRAFT_KEY = "response_draft"
DRAFT_KEEP = 1500  # characters kept for a refused text
COOKIE_BUDGET = 3500  # bytes: browsers drop cookies above 4 KB


def keep_draft(story_id: int, parent_id: int | None, body: str | None, error: str) -> None:
    """Keep a refused text for the next page view, so nothing typed is lost.

    The session lives in a cookie (about 4 KB at most): a very long text is kept in part.
    """
    serializer = current_app.session_interface.get_signing_serializer(current_app)
    text = (body or "")[:DRAFT_KEEP]
    while True:
        draft = {"story_id": story_id, "parent_id": parent_id, "body": text, "error": error}
        if not text or serializer is None:
            break
        if len(serializer.dumps({**session, DRAFT_KEY: draft})) <= COOKIE_BUDGET:
            break
        text = text[: len(text) * 3 // 4]
    session[DRAFT_KEY] = draft


def take_draft(story_id: int) -> dict | None:
    """The text kept for this story, once (it leaves the session)."""
    draft = session.get(DRAFT_KEY)
    if not isinstance(draft, dict) or draft.get("story_id") != story_id:
        return None
    return session.pop(DRAFT_KEY)
