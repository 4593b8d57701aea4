"""Who runs the platform and how long each kind of data is kept: from the environment.

The notices (/privacy, /privacy/full, /legal, security.txt) quote these values, and `flask purge`
applies the retention periods: the notice and the schedule cannot drift apart.
"""

import os

from flask import Flask

DEFAULTS = {
    "PLATFORM_NAME": "StoryHub",
    "PLATFORM_PUBLISHER": "Réseau StoryHub (association loi 1901)",
    "PLATFORM_ADDRESS": "",
    "PLATFORM_CONTACT_EMAIL": "contact@storyhub.local",
    "PRIVACY_CONTACT_EMAIL": "",  # the data protection contact; PLATFORM_CONTACT_EMAIL when empty
    "SECURITY_CONTACT_EMAIL": "",  # security.txt's Contact; PLATFORM_CONTACT_EMAIL when empty
    "PLATFORM_HOST": "",  # the hosting provider (legal notice)
    "SUPERVISORY_AUTHORITY": "CNIL — 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07",
    "SUPERVISORY_AUTHORITY_URL": "https://www.cnil.fr/",
    "JOIN_CODE_DAYS": 30,
    "RETENTION_UPLOAD_HOURS": 24,
    "RETENTION_REJECTED_DAYS": 90,
    "RETENTION_NOTIFICATION_DAYS": 180,
    "RETENTION_INACTIVE_DAYS": 730,
    "RETENTION_INACTIVE_NOTICE_DAYS": 30,
    "TWINNING_AGE_GAP": 4,
    # Media files one "My data" ZIP holds (storyhub/rights/export.py); past it they are listed.
    "EXPORT_MAX_MEDIA_BYTES": 1024**3,
    # Past this many bytes of media, the ZIP is prepared in the background (storyhub/rights/jobs.py).
    "EXPORT_INLINE_MAX_BYTES": 20 * 1024**2,
    "EXPORT_PROCESSING": "thread",  # or "inline" (in the request), as MEDIA_PROCESSING
    # An upload still "processing" after this long was interrupted (a crash, a restart):
    # `flask purge` / `flask sweep-uploads` delete its original and mark it failed.
    "MEDIA_PROCESSING_TIMEOUT_MINUTES": 30,
}
INT_SETTINGS = {key for key, value in DEFAULTS.items() if isinstance(value, int)}


def init_privacy_settings(app: Flask) -> None:
    """Fill the settings the app does not have yet, from the environment or the defaults."""
    for key, default in DEFAULTS.items():
        if key in app.config:
            continue
        raw = os.environ.get(key)
        if raw is None or not raw.strip():
            app.config[key] = default
        else:
            app.config[key] = int(raw) if key in INT_SETTINGS else raw.strip()
    for key in ("PRIVACY_CONTACT_EMAIL", "SECURITY_CONTACT_EMAIL"):
        app.config[key] = app.config[key] or app.config["PLATFORM_CONTACT_EMAIL"]
