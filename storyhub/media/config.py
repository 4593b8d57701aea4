"""Media settings: read from the environment, with defaults; tests override app.config."""

import os
from dataclasses import dataclass

from flask import Flask

MB = 1024 * 1024

DEFAULTS = {
    "MEDIA_STORAGE": "local",  # or "s3": an S3-compatible object store (media/s3.py)
    "MEDIA_S3_BUCKET": "",
    "MEDIA_S3_ENDPOINT_URL": "",  # empty: AWS; else e.g. https://s3.fr-par.scw.cloud, MinIO's
    "MEDIA_S3_REGION": "",
    "MEDIA_S3_ACCESS_KEY_ID": "",  # empty: boto3's own chain (AWS_* variables, instance role)
    "MEDIA_S3_SECRET_ACCESS_KEY": "",
    "MEDIA_S3_ADDRESSING_STYLE": "auto",  # "path" or "virtual"; auto: path with an endpoint
    "MEDIA_S3_URL_EXPIRES": 60,  # seconds a presigned URL works (at most 3600)
    "MEDIA_PROCESSING": "inline",  # "inline" (in the request), "thread" or "rq" (media/jobs.py)
    "MEDIA_SENDFILE_HEADER": "",  # "X-Accel-Redirect" (nginx) or "X-Sendfile" (Apache, lighttpd)
    "MEDIA_SENDFILE_PREFIX": "/protected-media/",  # nginx `internal` location for X-Accel-Redirect
    "MEDIA_MAX_IMAGE_BYTES": 20 * MB,
    "MEDIA_MAX_AUDIO_BYTES": 30 * MB,
    "MEDIA_MAX_VIDEO_BYTES": 60 * MB,
    "MEDIA_MAX_PIXELS": 40_000_000,
    "MEDIA_MAX_PANORAMA_PIXELS": 50_000_000,
    "MEDIA_MAX_AUDIO_SECONDS": 600,
    "MEDIA_MAX_VIDEO_SECONDS": 300,
    "MEDIA_MAX_CONCURRENT_PROCESSING": 2,  # files processed at once per worker process (memory)
    "MEDIA_UPLOAD_RATE_LIMIT": "60 per hour;300 per day",
    "MEDIA_FACE_SUGGESTIONS": "on",  # "off": no faces suggested to blur (OpenCV's Haar cascades)
    # Each process, when it starts, fails the uploads interrupted past
    # MEDIA_PROCESSING_TIMEOUT_MINUTES (media/sweep.py); "0" to leave it to `flask purge`.
    "MEDIA_SWEEP_AT_STARTUP": True,
}
BOOL_SETTINGS = {key for key, value in DEFAULTS.items() if isinstance(value, bool)}
INT_SETTINGS = {key for key, value in DEFAULTS.items() if type(value) is int}
OFF = {"0", "false", "off", "no", ""}


def init_media_config(app: Flask) -> None:
    """Fill the MEDIA_* settings the app does not have yet, from the environment or defaults."""
    for key, default in DEFAULTS.items():
        if key in app.config:
            continue
        raw = os.environ.get(key)
        if raw is None:
            app.config[key] = default
        elif key in BOOL_SETTINGS:
            app.config[key] = raw.strip().lower() not in OFF
        else:
            app.config[key] = int(raw) if key in INT_SETTINGS else raw.strip()
    if "MEDIA_FILES_ORIGIN" not in app.config:  # the object store's, for the pages' CSP
        from storyhub.media.storage import files_origin

        app.config["MEDIA_FILES_ORIGIN"] = files_origin(app)


@dataclass(frozen=True)
class Limits:
    """The limits processing enforces, taken from the configuration."""

    image_bytes: int = DEFAULTS["MEDIA_MAX_IMAGE_BYTES"]
    audio_bytes: int = DEFAULTS["MEDIA_MAX_AUDIO_BYTES"]
    video_bytes: int = DEFAULTS["MEDIA_MAX_VIDEO_BYTES"]
    pixels: int = DEFAULTS["MEDIA_MAX_PIXELS"]
    panorama_pixels: int = DEFAULTS["MEDIA_MAX_PANORAMA_PIXELS"]
    audio_seconds: int = DEFAULTS["MEDIA_MAX_AUDIO_SECONDS"]
    video_seconds: int = DEFAULTS["MEDIA_MAX_VIDEO_SECONDS"]
    concurrent: int = DEFAULTS["MEDIA_MAX_CONCURRENT_PROCESSING"]

    @classmethod
    def from_config(cls, config) -> "Limits":
        """Limits from a Flask config mapping (missing keys keep their defaults)."""
        names = {
            "image_bytes": "MEDIA_MAX_IMAGE_BYTES",
            "audio_bytes": "MEDIA_MAX_AUDIO_BYTES",
            "video_bytes": "MEDIA_MAX_VIDEO_BYTES",
            "pixels": "MEDIA_MAX_PIXELS",
            "panorama_pixels": "MEDIA_MAX_PANORAMA_PIXELS",
            "audio_seconds": "MEDIA_MAX_AUDIO_SECONDS",
            "video_seconds": "MEDIA_MAX_VIDEO_SECONDS",
            "concurrent": "MEDIA_MAX_CONCURRENT_PROCESSING",
        }
        return cls(**{field: int(config.get(key, DEFAULTS[key])) for field, key in names.items()})

    def max_bytes(self, kind: str) -> int:
        """The size limit for one kind of media."""
        return {"audio": self.audio_bytes, "video": self.video_bytes}.get(kind, self.image_bytes)
