"""Serving media files: one visibility check, the right type, caching only for public media.

With `MEDIA_SENDFILE_HEADER` set, the app checks and the web server sends the bytes:
- nginx: `X-Accel-Redirect`, with an `internal` location at MEDIA_SENDFILE_PREFIX aliased to
  MEDIA_ROOT (`location /protected-media/ { internal; alias /srv/storyhub/media/; }`);
- Apache mod_xsendfile or lighttpd: `X-Sendfile`, with the absolute path.

With an object store (`MEDIA_STORAGE=s3`) the app checks, then redirects to a presigned URL of
that one file (media/s3.py). The redirect itself is never stored (`no-store`): every look at a
file asks the app again, so a withdrawal is obeyed at the next request, and a signed URL never
outlives its check by more than MEDIA_S3_URL_EXPIRES seconds. The store answers with the type
and a cache header the app chose: `private, no-store` for a private file (no public cacheable
URL ever), for a public one a browser or shared cache may keep it no longer than the URL lives.
"""

from flask import Response, abort, current_app, redirect, send_file

from storyhub.media.models import MediaItem
from storyhub.media.storage import get_storage
from storyhub.media_pages.blueprint import bp, get_media
from storyhub.media_pages.permissions import is_public_media

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
    response = _send(rendition["key"], MIMETYPES[rendition["format"]], public)
    if response.status_code != 302:  # a redirect to the store says no-store (_to_store)
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


def _send(key: str, mimetype: str, public: bool) -> Response:
    """The file itself, or a header telling the web server (or the object store) to send it."""
    storage = get_storage()
    path = storage.path_for(key)
    if path is None:  # a remote store: send the browser to a short-lived signed URL
        return _to_store(storage, key, mimetype, public)
    if not path.is_file():
        abort(404)
    header = current_app.config.get("MEDIA_SENDFILE_HEADER", "")
    if header.lower() == "x-accel-redirect":
        prefix = current_app.config.get("MEDIA_SENDFILE_PREFIX", "/protected-media/")
        return Response(headers={header: prefix.rstrip("/") + "/" + key}, mimetype=mimetype)
    if header.lower() == "x-sendfile":
        return Response(headers={header: str(path)}, mimetype=mimetype)
    return send_file(path, mimetype=mimetype, conditional=True, etag=True, max_age=None)


def _to_store(storage, key: str, mimetype: str, public: bool) -> Response:
    """A redirect to a presigned URL of one object, itself never kept by any cache."""
    expires = int(current_app.config.get("MEDIA_S3_URL_EXPIRES", 60))
    cache = f"public, max-age={expires}" if public else PRIVATE_CACHE
    url = storage.url_for(key, mimetype=mimetype, cache_control=cache) or abort(404)
    response = redirect(url, code=302)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
