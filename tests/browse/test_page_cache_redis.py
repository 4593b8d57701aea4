"""The page cache shared in Redis by two app processes never shows a stale public page.

One app server runs in its own process (as behind a load balancer), a second app lives in this
test process; both keep anonymous pages in the same Redis database. A page one process built
is served by the other from Redis; a publication made through this process is visible at once
through the other's cache, and a consent withdrawal takes the story out of both at once.
"""

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import redis
import sqlalchemy as sa

from storyhub import create_app
from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_PARENTAL, Consent
from tests import factories
from tests.stories.helpers import pair  # noqa: F401 (fixture)

REDIS_URL = "redis://127.0.0.1:6379/14"  # a database of its own, emptied by the test
ROOT = Path(__file__).resolve().parents[2]
TITLE, LATER = "Zephyrine square at dusk", "Kestrel bridge at dawn"
SERVER = textwrap.dedent(
    """
    import sys
    from werkzeug.serving import make_server
    from storyhub import create_app
    url, media, redis_url, port = sys.argv[1:5]
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url, "MEDIA_ROOT": media,
                                 "PAGE_CACHE": True, "REDIS_URL": redis_url})
    server = make_server("127.0.0.1", int(port), app, threaded=False)
    print("ready", flush=True)
    server.serve_forever()
    """
)


@pytest.fixture
def shared_redis():
    """The Redis database both processes use, emptied before and after."""
    try:
        store = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
        store.ping()
    except redis.RedisError:
        message = "Redis is not running on 127.0.0.1:6379 (.ci/run starts it)"
        if os.environ.get("STORYHUB_REQUIRE_REDIS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    store.flushdb()
    yield REDIS_URL
    store.flushdb()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def other_process(app, shared_redis):
    """An app server in another process on the test database and the shared Redis."""
    port = _free_port()
    args = [app.config["SQLALCHEMY_DATABASE_URI"], app.config["MEDIA_ROOT"], shared_redis]
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, *args, str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout.readline().strip() == "ready"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait()


@pytest.fixture
def this_process(app, shared_redis):
    """A second app in this process, on the same database and the same Redis."""
    return create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "MEDIA_ROOT": app.config["MEDIA_ROOT"],
            "PAGE_CACHE": True,
            "REDIS_URL": shared_redis,
        },
    )


def _get(base: str, path: str) -> str:
    """A page from the other process, over HTTP as a visitor asks it."""
    import http.client
    from urllib.parse import urlsplit

    where = urlsplit(base)
    conn = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    conn.request("GET", path, headers={"Accept-Language": "en"})
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    assert response.status == 200, (path, response.status)
    return body


def _publish(site, title):
    story = factories.make_story(site.round, site.a, [site.lea], status="approved", title=title)
    story.published_at = utcnow()
    site.exchange.inviting_published_at = site.exchange.invited_published_at = utcnow()
    db.session.commit()
    return story


def test_a_page_built_by_one_process_is_served_by_the_other_from_redis(
    pair,  # noqa: F811
    other_process,
    this_process,
):
    _publish(pair, TITLE)
    path = f"/exchanges/{pair.exchange.id}"
    assert TITLE in _get(other_process, path)  # built there, kept in Redis
    client = this_process.test_client()
    statements = []
    with this_process.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    page = client.get(path, base_url=other_process, headers={"Accept-Language": "en"})
    assert page.status_code == 200 and TITLE in page.get_data(as_text=True)
    assert len(statements) == 1, statements  # the content version only: the page came from Redis


def test_publication_and_withdrawal_reach_the_other_process_at_once(
    pair,  # noqa: F811
    other_process,
    this_process,
):
    story = _publish(pair, TITLE)
    path = f"/exchanges/{pair.exchange.id}"
    client = this_process.test_client()
    assert TITLE in _get(other_process, path)
    assert LATER not in _get(other_process, path)  # kept in Redis now

    _publish(pair, LATER)  # published through this process
    assert LATER in _get(other_process, path)

    consent = db.session.scalar(
        db.select(Consent).filter_by(user_id=pair.lea.id, kind=CONSENT_PARENTAL)
    )
    consent.granted = False  # withdrawn through this process
    db.session.commit()
    for body in (
        _get(other_process, path),
        client.get(path, base_url=other_process).get_data(as_text=True),
        _get(other_process, f"/rounds/{pair.round.id}"),
    ):
        assert TITLE not in body and LATER not in body
    assert f"/stories/{story.id}" not in _get(other_process, "/")
