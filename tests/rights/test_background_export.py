"""A large account's ZIP is prepared in the background, with its progress on the page."""

import threading

import pytest

from storyhub.extensions import db
from storyhub.rights.erasure import erase_account
from storyhub.rights.jobs import THREAD_NAME
from storyhub.rights.models import EXPORT_BUILDING, DataExport
from tests import factories
from tests.rights.conftest import EN, unzip

FR = {"Accept-Language": "fr"}


@pytest.fixture
def large(app, monkeypatch):
    """Every account counts as large; mode: 'inline' or 'thread'."""

    def set_mode(mode="inline"):
        monkeypatch.setitem(app.config, "EXPORT_INLINE_MAX_BYTES", 0)
        monkeypatch.setitem(app.config, "EXPORT_PROCESSING", mode)

    return set_mode


def _export() -> DataExport:
    db.session.expire_all()
    return db.session.scalars(db.select(DataExport)).one()


def test_a_large_export_is_prepared_then_downloaded(as_user, world, large):
    large("inline")
    response = as_user(world.lea).post("/account/data/download", headers=EN)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/account/data#download")
    export = _export()
    assert export.is_ready and export.done == export.total == 3
    page = as_user(world.lea).get("/account/data", headers=EN)
    assert b"Download the ZIP file" in page.data
    zipped = as_user(world.lea).get(f"/account/data/exports/{export.id}")
    assert zipped.status_code == 200 and zipped.headers["Cache-Control"] == "no-store"
    assert "data.json" in unzip(zipped).namelist()


def test_the_page_shows_how_far_it_has_got(as_user, world, large):
    large("inline")
    as_user(world.lea).post("/account/data/download")
    export = _export()
    export.status, export.done, export.total, export.storage_key = EXPORT_BUILDING, 2, 5, None
    db.session.commit()
    page = as_user(world.lea).get("/account/data", headers=EN)
    assert b"Being prepared: 2 of 5 files." in page.data
    assert as_user(world.lea).get(f"/account/data/exports/{export.id}").status_code == 404


def test_in_a_thread_the_page_waits_for_the_file(as_user, world, large):
    large("thread")
    response = as_user(world.lea).post("/account/data/download", headers=EN)
    assert response.status_code == 302
    for thread in threading.enumerate():
        if thread.name == THREAD_NAME:
            thread.join()  # waits on the state: the thread has finished writing
    export = _export()
    assert export.is_ready
    names = unzip(as_user(world.lea).get(f"/account/data/exports/{export.id}")).namelist()
    assert {"data.json", "index.html"} <= set(names)


def test_the_groups_educator_gets_it_others_do_not(as_user, world, large, client):
    large("inline")
    response = as_user(world.edu_a).post(f"/groups/{world.a.id}/members/{world.lea.id}/data")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/members/{world.lea.id}/rights#download")
    url = f"/account/data/exports/{_export().id}"
    assert as_user(world.edu_a).get(url).status_code == 200
    for other in (world.edu_b, world.yanis, factories.make_educator()):
        refused = as_user(other).get(url, headers=EN)
        assert refused.status_code == 403 and b"Not allowed" in refused.data
    assert as_user(world.lea).get(url).status_code == 200  # it is hers


def test_deleting_the_account_deletes_its_prepared_file(as_user, world, large, media_root):
    large("inline")
    as_user(world.lea).post("/account/data/download")
    key = _export().storage_key
    assert (media_root / key).is_file()
    erase_account(world.lea, world.edu_a)
    assert not (media_root / key).exists()
    assert db.session.scalars(db.select(DataExport)).all() == []


def test_a_new_export_replaces_the_previous_file(as_user, world, large, media_root):
    large("inline")
    as_user(world.lea).post("/account/data/download")
    first = _export().storage_key
    as_user(world.lea).post("/account/data/download")
    assert not (media_root / first).exists()
    assert (media_root / _export().storage_key).is_file()


def test_with_a_job_queue_a_worker_prepares_the_file(as_user, world, large, job_queue):
    large("rq")
    response = as_user(world.lea).post("/account/data/download", headers=FR)
    assert response.status_code == 302
    assert not _export().is_ready and len(job_queue.queue) == 1
    page = as_user(world.lea).get("/account/data", headers=EN)
    assert b"Download the ZIP file" not in page.data
    job_queue.run()
    export = _export()
    assert export.is_ready
    zipped = unzip(as_user(world.lea).get(f"/account/data/exports/{export.id}"))
    assert {"data.json", "index.html"} <= set(zipped.namelist())
    assert 'lang="fr"' in zipped.read("index.html").decode()  # the language of who asked


def test_a_failed_export_job_says_so_on_the_page(as_user, world, large, job_queue, monkeypatch):
    from storyhub.rights import jobs

    def broken(export_id):
        raise MemoryError("the worker ran out of memory")

    large("rq")
    monkeypatch.setattr(jobs, "build_export", broken)
    as_user(world.lea).post("/account/data/download")
    job_queue.run()
    assert _export().has_failed
    page = as_user(world.lea).get("/account/data", headers=EN)
    assert page.status_code == 200 and b"The file could not be prepared" in page.data


def test_an_unreachable_queue_says_the_file_could_not_be_prepared(
    as_user, world, large, app, monkeypatch
):
    large("rq")
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setitem(app.config, "RQ_QUEUE", "unreachable")
    response = as_user(world.lea).post("/account/data/download", headers=EN)
    assert response.status_code == 302
    assert _export().has_failed
    page = as_user(world.lea).get("/account/data", headers=EN)
    assert b"The file could not be prepared" in page.data
