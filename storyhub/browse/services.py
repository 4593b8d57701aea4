"""Curating the public pages: featuring exchanges, choosing a territory's picture."""

import logging
import secrets
import tempfile
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _

from storyhub.accounts.models import User
from storyhub.browse.models import TerritoryPicture
from storyhub.browse.permissions import can_feature_exchange, can_manage_territory_picture
from storyhub.core.errors import DomainError
from storyhub.core.models import utcnow
from storyhub.exchanges.models import Exchange
from storyhub.extensions import db
from storyhub.media.config import Limits
from storyhub.media.processing import MediaRefused, process_file, too_large
from storyhub.media.services import UploadRefused
from storyhub.media.storage import get_storage
from storyhub.territories.models import Territory

log = logging.getLogger(__name__)


def feature_exchange(exchange: Exchange, admin: User) -> None:
    """Show a public exchange among the featured ones of the home page."""
    if not can_feature_exchange(admin, exchange):
        raise DomainError(_("Only an admin can feature an exchange, and only a public one."))
    exchange.featured_at = utcnow()
    db.session.commit()


def unfeature_exchange(exchange: Exchange, admin: User) -> None:
    """Stop featuring an exchange (allowed even once it is private again)."""
    if not (admin.is_authenticated and admin.is_admin):
        raise DomainError(_("Only an admin can stop featuring an exchange."))
    exchange.featured_at = None
    db.session.commit()


def set_territory_picture(
    territory: Territory, admin: User, upload: BinaryIO, alt_text: str
) -> TerritoryPicture:
    """Clean an uploaded photo into renditions and make it the territory's picture."""
    if not can_manage_territory_picture(admin):
        raise DomainError(_("Only an admin can choose the picture of a territory."))
    alt_text = " ".join((alt_text or "").split())
    if not alt_text:
        raise DomainError(_("Describe the photo in a few words, for those who cannot see it."))
    token = secrets.token_hex(4)
    base = f"territories/{secrets.token_hex(12)}"
    renditions, width, height = _process(upload, token)
    keys = _store(base, renditions)
    old = territory.picture
    if old is not None:
        _delete_files(old)
        db.session.delete(old)
        db.session.flush()
    picture = TerritoryPicture(
        territory=territory,
        storage_key=base,
        alt_text=alt_text,
        width=width,
        height=height,
        renditions=keys,
        uploaded_by=admin,
    )
    db.session.add(picture)
    db.session.commit()
    return picture


def remove_territory_picture(territory: Territory, admin: User) -> None:
    """Remove a territory's picture and its files (the latest public photo shows again)."""
    if not can_manage_territory_picture(admin):
        raise DomainError(_("Only an admin can choose the picture of a territory."))
    picture = territory.picture
    if picture is None:
        return
    _delete_files(picture)
    db.session.delete(picture)
    db.session.commit()


def _process(upload: BinaryIO, token: str):
    """Check the upload by content and clean it (metadata dropped), or raise UploadRefused."""
    stream = getattr(upload, "stream", upload)
    limits = Limits.from_config(current_app.config)
    with tempfile.TemporaryDirectory(prefix="storyhub-territory-") as tmp:
        path = Path(tmp) / "upload"
        with path.open("wb") as out:
            _copy_limited(stream, out, limits.image_bytes)
        try:
            processed = process_file("image", path, limits, [], token, Path(tmp))
        except MediaRefused as refusal:
            raise UploadRefused(refusal) from None
        except Exception:  # a file that crashes a decoder is refused as damaged, never a 500
            log.exception("processing a territory picture failed")
            raise UploadRefused(MediaRefused("damaged")) from None
    return processed.renditions, processed.width, processed.height


def _copy_limited(stream: BinaryIO, out, limit: int) -> None:
    size = 0
    while chunk := stream.read(1 << 20):
        size += len(chunk)
        if size > limit:
            raise UploadRefused(too_large(size, limit))
        out.write(chunk)


def _store(base: str, renditions) -> list[dict]:
    storage, records = get_storage(), []
    try:
        for rendition in renditions:
            key = f"{base}/{rendition.name}"
            records.append(rendition.record(key, storage.save(key, rendition.data)))
    except Exception:  # leave no half-written picture behind
        for record in records:
            storage.delete(record["key"])
        log.exception("storing a territory picture failed")
        raise UploadRefused(MediaRefused("server_error")) from None
    return records


def _delete_files(picture: TerritoryPicture) -> None:
    storage = get_storage()
    for rendition in picture.renditions or ():
        storage.delete(rendition["key"])
