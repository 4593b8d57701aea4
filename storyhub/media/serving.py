"""Serving media files: one visibility check, the right type, caching only for public media.

With `MEDIA_SENDFILE_HEADER` set, the app checks and the web server sends the bytes:
- nginx: `X-Accel-Redirect`, with an `internal` location at MEDIA_SENDFILE_PREFIX aliased to
  MEDIA_ROOT (`location /protected-media/ { internal; alias /srv/storyhub/media/; }`);
- Apache mod_xsendfile or lighttpd: `X-Sendfile`, with the absolute path.
"""

from flask import Response, abort, current_app, redirect, send_file

from storyhub.media.blueprint import bp, get_media
from storyhub.media.models import MediaItem
from storyhub.media.permissions import is_public_media
from storyhub.media.storage import get_storage

MIMETYPES = {
    "webp": "image/webp",
    "jpg": "image/jpeg",
    "png": "image/png",
    "m4a": "audio/mp4",
    "mp4": "video/mp4",
    "webm": "video/webm",
}
# At most an hour, never `immutable`: a file can be withdrawn (consent, report, unpublishing)
# and every copy we control must follow; revalidation is cheap (ETag, 304).
PUBLIC_CACHE = "public, max-age=3600"
PUBLIC_TEXT_CACHE = "public, max-age=300"  # captions can be corrected: a short cache
PRIVATE_CACHE = "private, no-store"


@bp.get("/<int:media_id>/<string:name>")
def file(media_id: int, name: str):
    """One rendition of a media item, or its captions, to whoever may see the item."""
    media = get_media(media_id, ready_only=True)
    public = is_public_media(media)
    if name == "captions.vtt":
        return _captions(media, public)
    rendition = media.rendition(name)
    if rendition is None or rendition.get("format") not in MIMETYPES:
        abort(404)
    response = _send(rendition["key"], MIMETYPES[rendition["format"]])
    response.headers["Cache-Control"] = PUBLIC_CACHE if public else PRIVATE_CACHE
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    # Young people's pictures and voices stay out of image and video search engines.
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _captions(media: MediaItem, public: bool) -> Response:
    if not media.captions_vtt:
        abort(404)
    response = Response(media.captions_vtt, mimetype="text/vtt")
    response.headers["Cache-Control"] = PUBLIC_TEXT_CACHE if public else PRIVATE_CACHE
    return response


def _send(key: str, mimetype: str) -> Response:
    """The file itself, or a header telling the web server (or the object store) to send it."""
    storage = get_storage()
    path = storage.path_for(key)
    if path is None:  # a remote store: send the browser to a short-lived signed URL
        url = storage.url_for(key) or abort(404)
        return redirect(url, code=302)
    if not path.is_file():
        abort(404)
    header = current_app.config.get("MEDIA_SENDFILE_HEADER", "")
    if header.lower() == "x-accel-redirect":
        prefix = current_app.config.get("MEDIA_SENDFILE_PREFIX", "/protected-media/")
        return Response(headers={header: prefix.rstrip("/") + "/" + key}, mimetype=mimetype)
    if header.lower() == "x-sendfile":
        return Response(headers={header: str(path)}, mimetype=mimetype)
    return send_file(path, mimetype=mimetype, conditional=True, etag=True, max_age=None)
