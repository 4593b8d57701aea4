"""Crash-safe uploads: a crash between storing an upload and processing it leaves, after the
sweep, no original on disk and no item "processing"; the uploader reads what happened."""

import io
import os
import threading
from datetime import timedelta
from types import SimpleNamespace
from unittest import mock

import pytest

from storyhub import create_app
from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.media import services, sweep
from storyhub.media.models import STATUS_FAILED, STATUS_PROCESSING, MediaItem
from storyhub.notifications.models import Notification
from storyhub.privacy.purge import purge
from tests.media import samples
from tests.races.helpers import BARRIER_TIMEOUT, Decision, after

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


def _told(user) -> int:
    """Notifications telling this user an upload was interrupted."""
    query = db.select(db.func.count(Notification.id)).filter_by(
        user_id=user.id, kind="upload_interrupted"
    )
    return db.session.scalar(query)


def _assert_swept(item, original, uploader) -> None:
    db.session.expire_all()
    item = db.session.get(MediaItem, item.id)
    assert item.status == STATUS_FAILED and item.source_key is None
    assert item.failure == {"code": "interrupted"}
    assert not original.exists()
    assert _told(uploader) == 1


def _start_app(app, media_root, **overrides):
    """Start another process of the site on the same database and files."""
    settings = {
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "MEDIA_ROOT": str(media_root),
        "MEDIA_SWEEP_AT_STARTUP": True,
        "MEDIA_PROCESSING_TIMEOUT_MINUTES": 0,
        **overrides,
    }
    with mock.patch.dict(os.environ, {"STORYHUB_ENV": "testing"}):
        return create_app(settings)


def test_starting_the_site_fails_an_interrupted_upload_and_tells_its_uploader(
    crashed, app, media_root, world, as_user
):
    item, original = crashed
    _start_app(app, media_root)
    _assert_swept(item, original, world.lea)
    client = as_user(world.lea)
    bell = client.get("/notifications/", headers=EN).get_data(as_text=True)
    assert "interrupted on our side" in bell and "send it again" in bell


def test_starting_the_site_leaves_an_upload_within_the_timeout_alone(crashed, app, media_root):
    item, original = crashed
    _start_app(app, media_root, MEDIA_PROCESSING_TIMEOUT_MINUTES=30)
    db.session.expire_all()
    assert db.session.get(MediaItem, item.id).status == STATUS_PROCESSING and original.exists()


def test_the_start_up_sweep_can_be_switched_off(crashed, app, media_root):
    item, original = crashed
    _start_app(app, media_root, MEDIA_SWEEP_AT_STARTUP=False)
    db.session.expire_all()
    assert db.session.get(MediaItem, item.id).status == STATUS_PROCESSING and original.exists()


def test_the_site_starts_on_a_database_not_created_yet(tmp_path):
    """`flask db upgrade` starts the app before any table exists: the sweep stays out of its way."""
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    started = _start_app(
        SimpleNamespace(config={"SQLALCHEMY_DATABASE_URI": url}), tmp_path / "media"
    )
    assert started.config["MEDIA_SWEEP_AT_STARTUP"] is True


def test_the_background_worker_sweeps_when_it_starts(crashed, app, config, world):
    item, original = crashed
    config(MEDIA_PROCESSING_TIMEOUT_MINUTES=0)
    services._process_in_thread(app, item.id + 1000)  # a worker starting on another upload
    _assert_swept(item, original, world.lea)


def test_a_sweep_that_found_the_item_late_does_nothing(crashed, app, config, world):
    """Two processes sweep: the second read the item before the first failed it."""
    item, original = crashed
    config(MEDIA_PROCESSING_TIMEOUT_MINUTES=0)
    seen = sweep.interrupted_items(utcnow())
    assert [m.id for m in seen] == [item.id]
    first = after(app, sweep.sweep_interrupted)
    assert first.result == 1
    assert sweep.fail_interrupted(seen) == 0  # its list is stale: the conditional update says so
    _assert_swept(item, original, world.lea)  # told once, not twice


@pytest.mark.parametrize("run", range(3))
def test_two_processes_sweeping_at_once_fail_the_item_once(crashed, app, config, world, run):
    """Both have read the item as processing; then both act at the same moment."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("real concurrency needs row locks: run with --db=postgresql")
    item, original = crashed
    config(MEDIA_PROCESSING_TIMEOUT_MINUTES=0)
    barrier = threading.Barrier(2, timeout=BARRIER_TIMEOUT)

    def sweeper():
        found = sweep.interrupted_items(utcnow())
        barrier.wait()
        return sweep.fail_interrupted(found)

    first, second = Decision(app, sweeper), Decision(app, sweeper)
    for thread in (first, second):
        thread.start()
    for thread in (first, second):
        thread.join()
    assert (first.error, second.error) == (None, None)
    assert sorted([first.result, second.result]) == [0, 1]
    _assert_swept(item, original, world.lea)
