"""Why a file is refused: a code and its values, turned into a message in the user's language."""

from flask_babel import gettext as _

MB = 1024 * 1024

IMAGE_FORMATS = "JPEG, PNG, WebP, HEIC"
AUDIO_FORMATS = "MP3, OGG (Opus, Vorbis), M4A (AAC), WebM (Opus), WAV (PCM)"
VIDEO_FORMATS = "MP4 (H.264), WebM (VP8, VP9, AV1)"
FORMATS_FOR = {
    "not_audio": AUDIO_FORMATS,
    "audio_codec": AUDIO_FORMATS,
    "not_video": VIDEO_FORMATS,
    "video_codec": VIDEO_FORMATS,
}


def _messages() -> dict:
    """Message templates, built at call time so they follow the current language."""
    return {
        "empty": _("The file is empty (0 bytes). Please choose the file again."),
        "too_large": _(
            "This file is too large (%(size)s MB). The limit for this kind of media is %(limit)s MB."
        ),
        "markup": _(
            "This file contains web page or SVG code, not a picture. Accepted formats: %(formats)s."
        ),
        "not_image": _("This file is not a picture we can read. Accepted formats: %(formats)s."),
        "not_audio": _("This file is not a sound we can read. Accepted formats: %(formats)s."),
        "not_video": _("This file is not a video we can read. Accepted formats: %(formats)s."),
        "too_many_pixels": _(
            "This picture is too big: %(megapixels)s megapixels. The limit is %(limit)s megapixels."
        ),
        "damaged": _(
            "This file is damaged or incomplete. Please export or copy it again and retry."
        ),
        "not_panorama": _(
            "A 360° panorama must be twice as wide as it is high (equirectangular); "
            "this picture is %(width)s × %(height)s pixels."
        ),
        "panorama_too_small": _(
            "This panorama is too small to look around in: %(width)s pixels wide. "
            "It must be at least %(limit)s pixels wide."
        ),
        "audio_codec": _(
            "This sound is encoded as %(codec)s, which we do not accept. "
            "Accepted formats: %(formats)s."
        ),
        "video_codec": _(
            "This video is encoded as %(codec)s, which not every browser can play. Please export "
            "it as %(formats)s (on an iPhone: Settings › Camera › Formats › Most Compatible)."
        ),
        "interrupted": _(
            "The preparation of this file was interrupted on our side, and the file was deleted. "
            "It is not your fault: please send it again."
        ),
        "server_error": _(
            "We could not keep this file on our side. It is not your fault: "
            "please try again in a moment."
        ),
        "no_audio": _("This file contains no sound."),
        "no_video": _("This file contains no video picture."),
        "too_long": _(
            "This recording lasts %(minutes)s min %(seconds)s s. The limit is %(limit)s minutes."
        ),
    }


class MediaRefused(Exception):
    """A file was refused; `message` explains why, with the limit when there is one."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        """The reason, in the current language."""
        return refusal_message(self.code, self.params)

    def as_dict(self) -> dict:
        """What the services store on a failed media item."""
        return {"code": self.code, **self.params}


def refusal_message(code: str, params: dict | None = None) -> str:
    """Translate a stored refusal (code and values) into a message."""
    params = dict(params or {})
    params.setdefault("formats", FORMATS_FOR.get(code, IMAGE_FORMATS))
    template = _messages().get(code, _messages()["damaged"])
    try:
        return template % params
    except (KeyError, TypeError, ValueError):
        return _messages()["damaged"]


def too_large(size: int, limit: int) -> MediaRefused:
    """The refusal for a file over its size limit, in MB."""
    return MediaRefused("too_large", size=megabytes(size), limit=megabytes(limit))


def too_long(seconds: float, limit_seconds: int) -> MediaRefused:
    """The refusal for a recording over its duration limit."""
    whole = int(seconds)
    return MediaRefused(
        "too_long", minutes=whole // 60, seconds=whole % 60, limit=_minutes(limit_seconds)
    )


def megabytes(size: int) -> str:
    """A size in MB for people: 64, 2, 1.5, 0.05."""
    value = size / MB
    if value >= 10 or value == int(value):
        return f"{value:.0f}"
    return f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def _minutes(seconds: int) -> str:
    value = seconds / 60
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"
