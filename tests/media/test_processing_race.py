"""Processing ends with a conditional write: an upload the sweep failed, or its uploader
deleted, while it was being processed never becomes "ready"; what processing wrote is deleted,
the original too, and the uploader is told once."""

import io

import pytest

from storyhub.extensions import db
from storyhub.media import pipeline, services, sweep
from storyhub.media.models import STATUS_FAILED, STATUS_PROCESSING, STATUS_READY, MediaItem
from storyhub.notifications.models import Notification
from tests.media import samples
from tests.races.helpers import after


@pytest.fixture
def stored(world, monkeypatch, media_root):
    """An upload stored and recorded, its processing not started yet."""
    monkeypatch.setattr(services, "_dispatch", lambda media: media)
    item = services.create_media(world.lea, world.a, "image", io.BytesIO(samples.jpeg()))
    assert item.status == STATUS_PROCESSING and (media_root / item.source_key).is_file()
    return item


def _meanwhile(monkeypatch, where, fn):
    """Run fn in another session once processing has reached `where` (decoded, or stored)."""
    name = {"decoded": "process_file", "stored": "_store"}[where]
    original = getattr(pipeline, name)

    def then_fn(*args, **kwargs):
        result = original(*args, **kwargs)
        assert after(fn.app, fn).error is None
        return result

    monkeypatch.setattr(pipeline, name, then_fn)


def _sweeper(app):
    def fail_it():
        return sweep.sweep_interrupted()

    fail_it.app = app
    return fail_it


def _told(user) -> int:
    query = db.select(db.func.count(Notification.id)).filter_by(
        user_id=user.id, kind="upload_interrupted"
    )
    return db.session.scalar(query)


def _files(media_root, item) -> list:
    folder = media_root / item.storage_key
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("where", ["decoded", "stored"])
def test_an_upload_the_sweep_failed_during_processing_stays_failed(
    stored, app, config, monkeypatch, media_root, world, where
):
    config(MEDIA_PROCESSING_TIMEOUT_MINUTES=0)
    _meanwhile(monkeypatch, where, _sweeper(app))
    pipeline.process_media(stored.id)
    db.session.expire_all()
    item = db.session.get(MediaItem, stored.id)
    assert item.status == STATUS_FAILED and item.failure == {"code": "interrupted"}
    assert item.renditions == [] and item.master_key is None and item.source_key is None
    assert _files(media_root, item) == []  # no rendition, no master, no original on disk
    assert _told(world.lea) == 1


def test_an_upload_deleted_during_processing_leaves_no_file(
    stored, app, monkeypatch, media_root, world
):
    def delete_it():
        services.delete_media(db.session.get(MediaItem, stored.id))

    delete_it.app = app
    _meanwhile(monkeypatch, "decoded", delete_it)
    storage_key, item_id = stored.storage_key, stored.id
    pipeline.process_media(item_id)
    db.session.expire_all()
    assert db.session.get(MediaItem, item_id) is None
    assert not (media_root / storage_key).exists()
    assert _told(world.lea) == 0


def test_an_upload_left_alone_becomes_ready(stored, media_root):
    pipeline.process_media(stored.id)
    db.session.expire_all()
    item = db.session.get(MediaItem, stored.id)
    assert item.status == STATUS_READY and item.source_key is None
    kept = {r["name"] for r in item.renditions} | {item.master_key.rsplit("/", 1)[1]}
    assert set(_files(media_root, item)) == kept  # the original is gone, nothing else stray


def test_the_sweep_deletes_renditions_a_crash_left_before_the_final_write(
    stored, app, config, monkeypatch, media_root, world
):
    class Crash(BaseException):
        """The process dies right after storing the renditions."""

    original = pipeline._store

    def store_then_die(*args):
        original(*args)
        raise Crash

    monkeypatch.setattr(pipeline, "_store", store_then_die)
    with pytest.raises(Crash):
        pipeline.process_media(stored.id)
    db.session.rollback()
    assert len(_files(media_root, stored)) > 2  # the original, renditions, the master
    config(MEDIA_PROCESSING_TIMEOUT_MINUTES=0)
    assert sweep.sweep_stuck_media() == 1
    db.session.expire_all()
    assert db.session.get(MediaItem, stored.id).status == STATUS_FAILED
    assert _files(media_root, stored) == [] and _told(world.lea) == 1


def test_any_worker_can_call_the_sweep_and_it_never_stops_the_work(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database away")

    monkeypatch.setattr(sweep, "sweep_interrupted", broken)
    assert sweep.sweep_stuck_media() == 0


@pytest.mark.parametrize("where", ["faces", "final write"])
def test_work_stopped_after_storing_leaves_no_unrecorded_file(
    stored, monkeypatch, media_root, where
):
    """A job's timeout (or any error) after the renditions were written: they are deleted, the
    item stays processing with its original, for the sweep or the job's failure handler."""

    class Timeout(BaseException):
        """What a job queue raises in the work when its time is up."""

    def stop(*args, **kwargs):
        raise Timeout

    if where == "faces":
        monkeypatch.setattr(pipeline.faces, "suggest_faces", stop)
    else:
        monkeypatch.setattr(pipeline, "utcnow", stop)  # just before the final write
    with pytest.raises(Timeout):
        pipeline.process_media(stored.id)
    db.session.expire_all()
    item = db.session.get(MediaItem, stored.id)
    assert item.status == STATUS_PROCESSING and item.renditions == []
    assert _files(media_root, item) == ["upload"]
