"""The "my data" ZIP: data.json, a readable index.html, CSV tables (stories, comments,
reflections), and the media files.

Built into a temporary file that spills to disk past a few megabytes, so its memory use stays
small whatever the size of the account: in the request for a small account, in the background
(storyhub/rights/jobs.py) past EXPORT_INLINE_MAX_BYTES of media. Media files are bounded by
EXPORT_MAX_MEDIA_BYTES: past it, the remaining files are listed (with their id and a note) but
not included, and the page says so before the download.
"""

import csv
import io
import json
import shutil
import tempfile
import zipfile
from pathlib import PurePosixPath

from flask import current_app, render_template
from flask_babel import gettext as _

from storyhub.accounts.models import User
from storyhub.core.models import utcnow
from storyhub.media.models import MediaItem
from storyhub.media.storage import get_storage
from storyhub.rights import collect

SPOOL_BYTES = 8 * 1024 * 1024
PRIMARY_ROLES = ("full", "image", "video", "audio")


def best_rendition(item: MediaItem) -> dict | None:
    """The one file that best stands for an item: the largest of its main renditions."""
    renditions = [r for r in item.renditions or () if r.get("key")]
    for role in PRIMARY_ROLES:
        found = [r for r in renditions if r.get("role") == role]
        if found:
            return max(found, key=lambda r: (r.get("width") or 0, r.get("bytes") or 0))
    return max(renditions, key=lambda r: r.get("bytes") or 0, default=None)


def media_budget() -> int:
    """How many bytes of media files one export may hold."""
    return int(current_app.config["EXPORT_MAX_MEDIA_BYTES"])


def gather(person: User) -> dict:
    """Every section of the export, as plain values (media without their files yet)."""
    found = collect.own_stories(person)
    return {
        "exported_at": collect.plain(utcnow()),
        "profile": collect.profile(person),
        "groups": collect.groups(person),
        "consents": collect.consents(person),
        "stories": collect.stories(found),
        "comments": collect.comments(person),
        "translations": collect.translations(person),
        "reactions": collect.reactions(person),
        "answers": collect.answers(person),
        "reflections": collect.reflections(person),
        "reports": collect.reports(person),
        "notifications": collect.notifications(person),
        "moderation": collect.decisions(person, [s.id for s in found]),
    }


def media_bytes(person: User) -> int:
    """How many bytes of media files the person's export would hold."""
    found = (best_rendition(item) for item in collect.media(person))
    return sum((r.get("bytes") or 0) for r in found if r is not None)


def _add_media(archive: zipfile.ZipFile, person: User, progress=None) -> list[dict]:
    """Write each media file (within the budget) and describe every item."""
    storage, budget, rows = get_storage(), media_budget(), []
    items = collect.media(person)
    for done, item in enumerate(items):
        if progress is not None:
            progress(done, len(items))
        rendition = best_rendition(item)
        if rendition is None or not storage.exists(rendition["key"]):
            rows.append(collect.media_row(item, person, None, _("No file kept for this item.")))
            continue
        size = rendition.get("bytes") or 0
        if size > budget:
            note = _("Too large to fit in this download: ask the StoryHub team for it.")
            rows.append(collect.media_row(item, person, None, note))
            continue
        budget -= size
        name = f"media/{item.id}-{item.kind}{PurePosixPath(rendition['key']).suffix}"
        info = zipfile.ZipInfo(name, _zip_time())
        info.compress_type = zipfile.ZIP_STORED  # already compressed: store as it is
        with storage.open(rendition["key"]) as stream, archive.open(info, "w") as out:
            shutil.copyfileobj(stream, out, 1024 * 1024)
        rows.append(collect.media_row(item, person, name))
    return rows


def _zip_time() -> tuple:
    now = utcnow()
    return (now.year, now.month, now.day, now.hour, now.minute, now.second)


def _csv(rows: list[dict], columns: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_export(person: User, progress=None) -> tempfile.SpooledTemporaryFile:
    """The finished ZIP for person, rewound; progress(done, total) is told after each file."""
    data = gather(person)
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (sent, then closed)
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        data["media"] = _add_media(archive, person, progress)
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("index.html", render_template("rights/export.html", data=data))
        stories = [{**s, "authors": ", ".join(s["authors"])} for s in data["stories"]]
        columns = ("id", "title", "status", "exchange", "question", "authors", "published_at")
        archive.writestr("stories.csv", _csv(stories, columns))
        columns = ("id", "story", "body", "status", "reason", "created_at")
        archive.writestr("comments.csv", _csv(data["comments"], columns))
        columns = ("id", "story", "language", "title", "status", "feedback", "published_at")
        archive.writestr("translations.csv", _csv(data["translations"], columns))
        columns = ("id", "exchange", "body", "status", "feedback", "created_at", "published_at")
        archive.writestr("reflections.csv", _csv(data["reflections"], columns))
    spool.seek(0)
    return spool


def file_name(person: User) -> str:
    """storyhub-data-<id>-<date>.zip (never the person's name)."""
    return f"storyhub-data-{person.id}-{utcnow():%Y-%m-%d}.zip"
