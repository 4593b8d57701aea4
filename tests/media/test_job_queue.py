"""MEDIA_PROCESSING=rq: uploads are processed by RQ workers on the real Redis; the item shows
"processing" until a worker is done; a job that fails (an error, its timeout, its process killed)
marks the item failed, deletes the original and tells the uploader."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyhub.core import jobs
from storyhub.extensions import db
from storyhub.media import pipeline, services
from storyhub.media.models import STATUS_FAILED, STATUS_PROCESSING, STATUS_READY, MediaItem
from storyhub.notifications.models import Notification
from tests.conftest import login_as
from tests.media.conftest import upload

ROOT = Path(__file__).resolve().parents[2]
EN = {"Accept-Language": "en"}


@pytest.fixture
def queued(config, job_queue):
    """Uploads are processed by RQ workers, on a queue of this test's own."""
    config(MEDIA_PROCESSING="rq")
    return job_queue.queue


@pytest.fixture
def in_process_worker(job_queue):
    """run() -> RQ's SimpleWorker on the queue, in this process, until the queue is empty."""
    return job_queue.run


def _told(user) -> int:
    query = db.select(db.func.count(Notification.id)).filter_by(
        user_id=user.id, kind="upload_interrupted"
    )
    return db.session.scalar(query)


def _worker_process(app, media_root, queue_name, redis_url) -> subprocess.CompletedProcess:
    """`flask worker --burst` in its own process, on the test database and media folder."""
    env = {
        **os.environ,
        "STORYHUB_ENV": "testing",
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "MEDIA_ROOT": str(media_root),
        "REDIS_URL": redis_url,
        "RQ_QUEUE": queue_name,
        "MEDIA_PROCESSING": "rq",
    }
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_a_real_worker_process_prepares_the_upload(
    app, client, world, story_media, queued, media_root, redis_url
):
    media = story_media("draft")
    assert media.status == STATUS_PROCESSING and len(queued) == 1
    signed_in = login_as(client, world.lea)
    page = signed_in.get(f"/media/{media.id}", headers=EN).get_data(as_text=True)
    assert "This file is being checked and prepared." in page
    editor = signed_in.get(f"/stories/{media.story_id}/edit", headers=EN).get_data(as_text=True)
    assert "This file is being checked and prepared" in editor
    assert signed_in.get(f"/media/{media.id}/status").get_json()["status"] == "processing"

    done = _worker_process(app, media_root, queued.name, redis_url)
    assert done.returncode == 0, done.stderr[-3000:]

    db.session.expire_all()
    media = db.session.get(MediaItem, media.id)
    assert media.status == STATUS_READY and media.renditions and media.source_key is None
    assert not (media_root / f"{media.storage_key}/upload").exists()
    fallback = media.renditions_with("fallback")[0]["name"]
    assert signed_in.get(f"/media/{media.id}/{fallback}").status_code == 200
    assert "being checked" not in signed_in.get(f"/media/{media.id}", headers=EN).get_data(
        as_text=True
    )
    assert len(queued) == 0 and queued.finished_job_registry.get_job_ids()


def test_a_refused_file_is_kept_with_its_reason_by_the_worker(
    world, english, queued, in_process_worker
):
    from tests.media import samples

    media = upload(world.lea, world.a, data=samples.truncated(samples.jpeg()))
    in_process_worker()
    media = db.session.get(MediaItem, media.id)
    assert media.status == STATUS_FAILED and media.source_key is None
    assert "damaged or incomplete" in services.failure_message(media)


def test_a_job_that_raises_fails_the_item_and_tells_the_uploader(
    world, client, queued, in_process_worker, monkeypatch, media_root
):
    def broken(media_id):
        raise RuntimeError("the database went away")

    media = upload(world.lea, world.a)
    original = media_root / media.source_key
    assert original.is_file()
    monkeypatch.setattr(pipeline, "process_media", broken)
    in_process_worker()
    media = db.session.get(MediaItem, media.id)
    assert media.status == STATUS_FAILED and media.failure == {"code": "interrupted"}
    assert media.source_key is None and not original.exists()
    assert _told(world.lea) == 1
    bell = login_as(client, world.lea).get("/notifications/", headers=EN).get_data(as_text=True)
    assert "interrupted on our side" in bell and "send it again" in bell
    detail = login_as(client, world.lea).get(f"/media/{media.id}", headers=EN)
    assert "It is not your fault" in detail.get_data(as_text=True)
    assert queued.failed_job_registry.get_job_ids()


def test_a_job_past_its_timeout_fails_the_item_and_leaves_no_file(
    world, queued, in_process_worker, monkeypatch, config, media_root
):
    """The timeout is ours, never the person's: the file is not called damaged."""
    config(RQ_JOB_TIMEOUT=1)
    real_store = pipeline._store

    def slow_store(media, processed, token):
        outcome = real_store(media, processed, token)
        time.sleep(30)  # stopped by the alarm after 1 s, renditions already written
        return outcome

    monkeypatch.setattr(pipeline, "_store", slow_store)
    media = upload(world.lea, world.a)
    started = time.monotonic()
    in_process_worker()
    assert time.monotonic() - started < 20
    media = db.session.get(MediaItem, media.id)
    assert media.status == STATUS_FAILED and media.failure == {"code": "interrupted"}
    assert _told(world.lea) == 1
    left = [p for p in media_root.rglob("*") if p.is_file()]
    assert left == [], left


def test_a_job_whose_process_was_killed_fails_the_item(world, queued, monkeypatch):
    """The worker's process for one job died (out of memory): the worker fails it cleanly."""
    media = upload(world.lea, world.a)
    [job] = queued.get_jobs()
    worker = jobs.StoryHubWorker([queued], connection=queued.connection)
    worker.handle_work_horse_killed(job, 4242, signal.SIGKILL, None)
    db.session.expire_all()
    media = db.session.get(MediaItem, media.id)
    assert media.status == STATUS_FAILED and media.failure == {"code": "interrupted"}
    assert _told(world.lea) == 1


def test_a_job_for_an_item_already_done_does_nothing(world, queued, in_process_worker):
    media = upload(world.lea, world.a)
    in_process_worker()
    assert db.session.get(MediaItem, media.id).status == STATUS_READY
    from storyhub.media import jobs as media_jobs

    media_jobs.failed(media.id)  # a late failure report never fails a ready item
    db.session.expire_all()
    assert db.session.get(MediaItem, media.id).status == STATUS_READY
    assert _told(world.lea) == 0


def test_without_the_queue_the_upload_is_refused_at_once(world, english, config, media_root):
    config(MEDIA_PROCESSING="rq", REDIS_URL="redis://127.0.0.1:1/0", RQ_QUEUE="unreachable")
    with pytest.raises(services.UploadRefused, match="not your fault") as refused:
        upload(world.lea, world.a)
    assert refused.value.status == 503
    assert db.session.scalar(db.select(db.func.count(MediaItem.id))) == 0
    assert not [p for p in media_root.rglob("*") if p.is_file()]


@pytest.mark.parametrize("mode", ["MEDIA_PROCESSING", "EXPORT_PROCESSING"])
def test_a_queue_mode_without_redis_refuses_to_start(database_url, mode):
    from storyhub import create_app

    with pytest.raises(RuntimeError, match=f"{mode}=rq needs REDIS_URL"):
        create_app("testing", {"SQLALCHEMY_DATABASE_URI": database_url, mode: "rq"})


@pytest.mark.parametrize(
    "headers, said",
    [(EN, "Your file was received. It is being checked and prepared."), ({}, "bien arrivé")],
)
def test_the_plain_upload_form_says_the_file_is_being_prepared(
    client, world, queued, headers, said
):
    from io import BytesIO

    from tests.media import samples

    data = {"kind": "image", "file": (BytesIO(samples.jpeg()), "square.jpg"), "alt_text": "A"}
    signed_in = login_as(client, world.lea)
    response = signed_in.post("/media/upload", data=data, headers=headers, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and said in page
    assert "Your file is ready" not in page and "est prêt" not in page


def test_the_worker_command_says_it_needs_redis(app, config):
    config(REDIS_URL="")
    result = app.test_cli_runner().invoke(args=["worker", "--burst"])
    assert result.exit_code != 0 and "flask worker needs REDIS_URL" in result.output
