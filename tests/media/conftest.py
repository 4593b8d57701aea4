"""Fixtures of the media tests: a twinned exchange, stories in each status, uploads."""

import io
from types import SimpleNamespace

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.media import services
from storyhub.media.storage import get_storage
from tests import factories, snapshot
from tests.media import samples


@pytest.fixture
def english(app):
    """Run service calls inside an English request, so messages are in English."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


@pytest.fixture
def config(app, monkeypatch):
    """config(KEY=value, ...): change the app's settings for one test only."""

    def change(**values):
        for key, value in values.items():
            monkeypatch.setitem(app.config, key, value)

    return change


@pytest.fixture(autouse=True)
def media_root(tmp_path, config):
    """Each test stores its files in a folder of its own."""
    config(MEDIA_ROOT=str(tmp_path / "media"))
    return tmp_path / "media"


@pytest.fixture(params=["local", "s3"])
def each_store(request):
    """Run the test with media on the local disk, then in an S3-compatible object store."""
    if request.param == "s3":
        request.getfixturevalue("s3_store")
    return request.param


@pytest.fixture
def stored_keys(app, media_root):
    """stored_keys() -> every key the current store holds (local disk or bucket)."""

    def keys() -> list[str]:
        if app.config.get("MEDIA_STORAGE") == "s3":
            store = get_storage()
            listing = store.client.list_objects_v2(Bucket=store.bucket).get("Contents", [])
            return sorted(item["Key"] for item in listing)
        files = [p for p in media_root.rglob("*") if p.is_file()]
        return sorted(p.relative_to(media_root).as_posix() for p in files)

    return keys


@pytest.fixture
def world():
    """Two groups in a private exchange with a round; young people, their educators, a stranger
    (built once per run, its rows put back for each test: tests/snapshot.py)."""
    return snapshot.once("media: world", _make_world)


def _make_world():
    edu_a, edu_b = factories.make_educator(), factories.make_educator()
    group_a = factories.make_group(edu_a, name="4e B")
    group_b = factories.make_group(edu_b, name="Kaweni")
    exchange = factories.make_exchange(group_a, group_b)
    return SimpleNamespace(
        edu_a=edu_a,
        edu_b=edu_b,
        a=group_a,
        b=group_b,
        lea=factories.make_young(group_a, name="Léa"),
        yanis=factories.make_young(group_a, name="Yanis", image=False),
        amina=factories.make_young(group_b, name="Amina"),
        stranger=factories.make_young(factories.make_group(factories.make_educator())),
        outsider_educator=factories.make_educator(),
        exchange=exchange,
        round=factories.make_round(exchange),
    )


def upload(user, group, kind="image", data=None, **extra):
    """Create and process a media item through the service, as the upload view does."""
    data = samples.jpeg() if data is None else data
    return services.create_media(user, group, kind, io.BytesIO(data), **extra)


@pytest.fixture
def story_media(world):
    """story_media(status, public=False) -> a photo shown in a block of a story of group A."""

    def make(status="draft", public=False):
        if public:
            world.exchange.inviting_published_at = world.exchange.invited_published_at = utcnow()
            db.session.commit()
        from storyhub.stories.models import Block

        story = factories.make_story(world.round, world.a, authors=[world.lea], status=status)
        media = upload(world.lea, world.a, story=story, alt_text="Our square at dusk")
        story.blocks.append(Block(kind=media.kind, position=len(story.blocks), media=media))
        db.session.commit()
        return media

    return make
