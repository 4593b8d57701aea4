"""Media in an S3-compatible object store (moto's server, over real HTTP): the app checks who may
see a file, then redirects to a presigned URL of that one object; the redirect is never cached,
a private file never gets a publicly cacheable answer, and a withdrawal is obeyed at once."""

import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from storyhub.extensions import db
from storyhub.media import services
from storyhub.media.models import STATUS_READY, MediaItem
from storyhub.media.storage import get_storage
from tests.conftest import login_as
from tests.media import samples
from tests.media.conftest import upload

pytestmark = pytest.mark.usefixtures("s3_store")
ROOT = Path(__file__).resolve().parents[2]


def url_of(media, role="image") -> str:
    return f"/media/{media.id}/{media.renditions_with(role)[-1]['name']}"


def from_store(location: str, headers: dict | None = None):
    """What the object store answers to the browser following the redirect."""
    request = urllib.request.Request(location, headers=headers or {})  # noqa: S310
    try:
        return urllib.request.urlopen(request, timeout=30)  # noqa: S310 (the test server)
    except urllib.error.HTTPError as error:
        return error


def test_public_media_redirect_to_a_short_lived_url_of_the_object(client, story_media, s3_endpoint):
    media = story_media("approved", public=True)
    response = client.get(url_of(media))
    assert response.status_code == 302
    assert response.headers["Cache-Control"] == "no-store"
    location = response.headers["Location"]
    assert location.startswith(f"{s3_endpoint}/storyhub-test-")
    assert parse_qs(urlsplit(location).query)["X-Amz-Expires"] == ["60"]
    answer = from_store(location)
    assert answer.status == 200
    assert answer.headers["Content-Type"] == "image/webp"
    assert answer.headers["Cache-Control"] == "public, max-age=60"
    assert answer.read()[:4] == b"RIFF"


def test_a_private_file_never_gets_a_publicly_cacheable_answer(as_user, world, story_media):
    media = story_media("draft")
    response = as_user(world.lea).get(url_of(media))
    assert response.status_code == 302 and response.headers["Cache-Control"] == "no-store"
    answer = from_store(response.headers["Location"])
    assert answer.status == 200
    assert answer.headers["Cache-Control"] == "private, no-store"


def test_who_may_not_see_the_file_gets_no_url(client, as_user, world, story_media):
    media = story_media("draft")
    for person in (None, world.amina, world.edu_b, world.stranger):
        signed = as_user(person) if person else client.application.test_client()
        response = signed.get(url_of(media))
        assert response.status_code == 404 and "Location" not in response.headers


def test_after_unpublishing_no_new_url_is_signed(client, story_media):
    media = story_media("approved", public=True)
    assert client.get(url_of(media)).status_code == 302
    media.story.status = "unpublished"
    db.session.commit()
    response = client.get(url_of(media))
    assert response.status_code == 404 and "Location" not in response.headers


def test_a_deleted_item_is_gone_from_the_store_even_for_a_url_signed_before(
    as_user, world, s3_store
):
    media = upload(world.lea, world.a)
    location = as_user(world.lea).get(url_of(media)).headers["Location"]
    assert from_store(location).status == 200
    services.delete_media(media)
    assert from_store(location).status in (403, 404)  # S3 says 403 to who may not list
    assert s3_store.list_objects_v2(Bucket=get_storage().bucket).get("KeyCount", 0) == 0


def test_the_bucket_is_private_an_unsigned_address_is_refused(as_user, world):
    media = upload(world.lea, world.a)
    location = as_user(world.lea).get(url_of(media)).headers["Location"]
    assert from_store(location.split("?")[0]).status == 403


def test_the_url_lives_as_long_as_configured_and_never_long(as_user, world, config):
    config(MEDIA_S3_URL_EXPIRES=15)
    media = upload(world.lea, world.a)
    location = as_user(world.lea).get(url_of(media)).headers["Location"]
    assert parse_qs(urlsplit(location).query)["X-Amz-Expires"] == ["15"]
    config(MEDIA_S3_URL_EXPIRES=7200, MEDIA_S3_BUCKET=get_storage().bucket + "-other")
    with pytest.raises(RuntimeError, match="1 to 3600 seconds"):
        get_storage()


def test_a_video_seeks_in_the_store_with_range_requests(as_user, world, tmp_path):
    data = samples.video(tmp_path / "c.mp4").read_bytes()
    media = upload(world.lea, world.a, kind="video", data=data)
    location = as_user(world.lea).get(url_of(media, "video")).headers["Location"]
    answer = from_store(location, {"Range": "bytes=0-99"})
    assert answer.status == 206 and len(answer.read()) == 100
    assert answer.headers["Content-Type"] == "video/mp4"


def test_pages_allow_the_store_as_a_source_of_pictures_sounds_and_panoramas(client, s3_endpoint):
    policy = client.get("/").headers["Content-Security-Policy"]
    for directive in ("img-src", "media-src", "connect-src"):
        part = next(p for p in policy.split(";") if p.strip().startswith(directive))
        assert s3_endpoint in part, directive
    assert s3_endpoint not in next(p for p in policy.split(";") if "script-src" in p)


def test_a_prepared_data_export_is_downloaded_from_the_store(as_user, world, config):
    config(EXPORT_INLINE_MAX_BYTES=0, EXPORT_PROCESSING="inline")
    upload(world.lea, world.a)
    assert as_user(world.lea).post("/account/data/download").status_code == 302
    from storyhub.rights.models import DataExport

    export = db.session.scalars(db.select(DataExport)).one()
    assert export.is_ready and get_storage().exists(export.storage_key)
    zipped = as_user(world.lea).get(f"/account/data/exports/{export.id}")
    assert zipped.status_code == 200 and zipped.headers["Cache-Control"] == "no-store"
    assert zipped.data[:2] == b"PK"


def test_a_real_worker_process_stores_the_files_in_the_bucket(
    app, client, world, config, job_queue, s3_endpoint, redis_url, tmp_path
):
    config(MEDIA_PROCESSING="rq")
    media = upload(world.lea, world.a)
    store = get_storage()
    assert store.keys(media.storage_key) == [f"{media.storage_key}/upload"]
    env = {
        **os.environ,
        "STORYHUB_ENV": "testing",
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "MEDIA_ROOT": str(tmp_path / "unused"),
        "REDIS_URL": redis_url,
        "RQ_QUEUE": app.config["RQ_QUEUE"],
        "MEDIA_PROCESSING": "rq",
        **{k: str(app.config[k]) for k in app.config if k.startswith("MEDIA_S3_")},
        "MEDIA_STORAGE": "s3",
    }
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    db.session.expire_all()
    media = db.session.get(MediaItem, media.id)
    assert media.status == STATUS_READY
    keys = store.keys(media.storage_key)
    assert f"{media.storage_key}/upload" not in keys
    assert {r["key"] for r in media.renditions} <= set(keys)
    assert not (tmp_path / "unused").exists()  # nothing went to the local disk
    location = login_as(client, world.lea).get(url_of(media)).headers["Location"]
    assert from_store(location).status == 200


def test_the_sweep_deletes_what_an_interrupted_processing_left_in_the_bucket(
    world, config, monkeypatch
):
    """A worker died after writing renditions, before recording them: the sweep fails the item
    and deletes every object of its folder, as on the local disk."""
    from storyhub.media import sweep
    from storyhub.media.models import STATUS_FAILED

    monkeypatch.setattr(services, "_dispatch", lambda media: media)  # the process dies here
    media = upload(world.lea, world.a)
    store = get_storage()
    store.save(f"{media.storage_key}/1200w-0badc0de.webp", b"RIFF half a picture")
    config(MEDIA_PROCESSING_TIMEOUT_MINUTES=0)
    assert sweep.sweep_stuck_media() == 1
    db.session.expire_all()
    assert db.session.get(MediaItem, media.id).status == STATUS_FAILED
    assert store.keys(media.storage_key) == []


def test_after_image_consent_is_withdrawn_no_new_url_is_signed(client, world, story_media):
    from storyhub.groups.services import record_consent

    media = story_media("approved", public=True)
    services.tag_people(media, [world.lea])
    assert client.get(url_of(media)).status_code == 302
    record_consent(world.a, world.lea, "image", False, None, world.edu_a)
    response = client.get(url_of(media))
    assert response.status_code == 404 and "Location" not in response.headers


def test_the_cors_command_gives_the_bucket_its_rule_once(app, s3_store, config):
    from storyhub.media.s3 import CORS_RULES

    runner, bucket = app.test_cli_runner(), app.config["MEDIA_S3_BUCKET"]
    check = runner.invoke(args=["media-bucket-cors", "--check"])
    assert check.exit_code == 1 and f"The bucket {bucket} lacks the CORS rule" in check.output
    done = runner.invoke(args=["media-bucket-cors"])
    assert done.exit_code == 0 and f"The bucket {bucket} has the CORS rule" in done.output
    assert s3_store.get_bucket_cors(Bucket=bucket)["CORSRules"][0]["AllowedOrigins"] == ["*"]
    assert get_storage().cors_rules() == CORS_RULES
    assert runner.invoke(args=["media-bucket-cors", "--check"]).exit_code == 0
    assert runner.invoke(args=["media-bucket-cors"]).exit_code == 0  # again: the same rule
    config(MEDIA_STORAGE="local")
    local = runner.invoke(args=["media-bucket-cors"])
    assert local.exit_code != 0 and "for MEDIA_STORAGE=s3" in local.output
