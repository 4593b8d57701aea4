"""What the flags find in a story, a media item, a comment, for the educator's review."""

from flask_babel import lazy_gettext as _l

from storyhub.core.flags import find_flags
from storyhub.stories.blocks import plain_text

FIELD_LABELS = {
    "title": _l("Title"),
    "text": _l("Text"),
    "quote": _l("Quote"),
    "caption": _l("Caption"),
    "alt_text": _l("Description of the picture"),
    "transcript": _l("Transcript"),
    "comment": _l("Comment"),
    "group_name": _l("Group name"),
    "invitation_message": _l("Invitation message"),
    "display_name": _l("Name"),
}


def media_flags(media) -> list[tuple[str, object]]:
    """(field, flag) for the words of a media item: description, caption, transcript."""
    found = []
    for field in ("alt_text", "caption", "transcript"):
        found += [(field, flag) for flag in find_flags(getattr(media, field, "") or "")]
    return found


def story_flags(story) -> list[tuple[str, object]]:
    """(field, flag) for every text of a story: title, blocks, captions and its media's words."""
    found = [("title", flag) for flag in find_flags(story.title)]
    for author in story.authors:
        found += [("display_name", flag) for flag in find_flags(author.display_name)]
    for block in story.blocks:
        if block.body_html:
            found += [("text", flag) for flag in find_flags(plain_text(block.body_html))]
        field = "quote" if block.kind == "quote" else "caption"
        for value in (block.text, block.attribution):
            found += [(field, flag) for flag in find_flags(value or "")]
        if block.media is not None:
            found += media_flags(block.media)
    return found


def comment_flags(comment) -> list[tuple[str, object]]:
    """(field, flag) for a comment's words and its writer's name."""
    found = [("comment", flag) for flag in find_flags(comment.body)]
    if comment.author is not None:
        found += [("display_name", flag) for flag in find_flags(comment.author.display_name)]
    return found


def invitation_flags(exchange) -> list[tuple[str, object]]:
    """(field, flag) for what the inviting side wrote: its group's name and its message."""
    found = [("group_name", flag) for flag in find_flags(exchange.inviting_group.name)]
    found += [("invitation_message", flag) for flag in find_flags(exchange.invitation_message)]
    return found
