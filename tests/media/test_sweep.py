"""Crash-safe uploads: a crash between storing an upload and processing it leaves, after the
sweep, no original on disk and no item "processing"; the uploader reads what happened."""

import io
from datetime import timedelta

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.media import services
from storyhub.media.models import STATUS_FAILED, STATUS_PROCESSING, MediaItem
from storyhub.privacy.purge import purge
from tests.media import samples

EN = {"Accept-Language": "en"}


class Crash(BaseException):
    """The process dies: nothing after this line runs (not even `except Exception`)."""


@pytest.fixture
def crashed(world, monkeypatch, media_root):
    """An upload stored, then the process died before processing it."""

    def die(_media):
        raise Crash

    monkeypatch.setattr(services, "_dispatch", die)
    with pytest.raises(Crash):
        services.create_media(world.lea, world.a, "image", io.BytesIO(samples.jpeg()))
    db.session.rollback()
    item = db.session.scalar(db.select(MediaItem))
    assert item.status == STATUS_PROCESSING and item.source_key
    original = media_root / item.source_key
    assert original.is_file()  # the original, GPS and all, is on disk
    return item, original


def test_the_sweep_deletes_the_original_and_marks_the_item_failed(crashed, config):
    item, original = crashed
    later = utcnow() + timedelta(minutes=31)
    counts = purge(apply=True, now=later)
    assert counts["interrupted_uploads"] == 1
    db.session.refresh(item)
    assert item.status == STATUS_FAILED and item.source_key is None
    assert item.failure == {"code": "interrupted"}
    assert not original.exists() and not original.parent.exists()


def test_an_upload_still_within_the_timeout_is_left_alone(crashed):
    item, original = crashed
    counts = purge(apply=True, now=utcnow() + timedelta(minutes=29))
    assert counts["interrupted_uploads"] == 0
    db.session.refresh(item)
    assert item.status == STATUS_PROCESSING and original.exists()


def test_the_dry_run_only_counts(crashed):
    item, original = crashed
    assert purge(apply=False, now=utcnow() + timedelta(hours=2))["interrupted_uploads"] == 1
    db.session.refresh(item)
    assert item.status == STATUS_PROCESSING and original.exists()


def test_the_timeout_comes_from_the_configuration(crashed, config):
    config(MEDIA_PROCESSING_TIMEOUT_MINUTES=5)
    assert purge(apply=False, now=utcnow() + timedelta(minutes=6))["interrupted_uploads"] == 1


def test_the_uploader_reads_a_clear_message(crashed, as_user, world):
    item, _original = crashed
    purge(apply=True, now=utcnow() + timedelta(minutes=31))
    client = as_user(world.lea)
    status = client.get(f"/media/{item.id}/status", headers=EN)
    assert status.status_code == 200
    assert status.json["status"] == "failed"
    assert "interrupted on our side" in status.json["error"]
    assert "send it again" in status.json["error"]
    page = client.get(f"/media/{item.id}", headers=EN)
    assert page.status_code == 200
    assert "interrupted on our side" in page.get_data(as_text=True)
    other = as_user(world.amina).get(f"/media/{item.id}/status", headers=EN)
    assert other.status_code == 404


def test_the_sweep_command_does_it_on_its_own(crashed, app, config):
    item, original = crashed
    config(MEDIA_PROCESSING_TIMEOUT_MINUTES=0)
    result = app.test_cli_runner().invoke(args=["sweep-uploads"])
    assert result.exit_code == 0, result.output
    assert "interrupted_uploads: 1 marked failed" in result.output
    db.session.refresh(item)
    assert item.status == STATUS_FAILED and not original.exists()


def test_a_failed_item_goes_with_the_unused_uploads_a_day_later(crashed):
    item, _original = crashed
    purge(apply=True, now=utcnow() + timedelta(minutes=31))
    item_id = item.id
    counts = purge(apply=True, now=utcnow() + timedelta(hours=25))
    assert counts["unused_uploads"] == 1
    assert db.session.get(MediaItem, item_id) is None
