"""Media of public stories for the API: renditions with their URLs, never who appears in them."""

from flask import url_for

from storyhub.media.permissions import shown_media

RENDITION_FIELDS = ("name", "role", "format", "width", "height")


def _file_url(media_id: int, name: str) -> str:
    return url_for("media.file", media_id=media_id, name=name, _external=True)


def media_item(item) -> dict:
    """A ready media item of a public story: descriptions and renditions."""
    renditions = [
        {
            **{key: rendition.get(key) for key in RENDITION_FIELDS},
            "url": _file_url(item.id, rendition.get("name", "")),
        }
        for rendition in item.renditions or ()
    ]
    return {
        "id": item.id,
        "kind": item.kind,
        "alt_text": item.alt_text,
        "caption": item.caption,
        "transcript": item.transcript,
        "width": item.width,
        "height": item.height,
        "duration": item.duration,
        "captions_url": _file_url(item.id, "captions.vtt") if item.captions_vtt else None,
        "renditions": renditions,
    }


def story_media(story) -> list[dict]:
    """The public JSON of the media a story shows."""
    return [media_item(item) for item in shown_media(story)]
