"""Test fixtures: an app migrated from empty on SQLite or PostgreSQL, clients, users of each role.

Choose the database with `pytest --db=postgresql` (default: sqlite). On PostgreSQL a fresh
database is created for the run and dropped at the end.

Tests whose subject uses no database at all (pure functions: the sanitizer, image and sound
processing, stylesheets and scripts read as files, the translation catalogues...) are marked
`db_independent` (`@pytest.mark.db_independent`, or `pytestmark = pytest.mark.db_independent`
for a whole module): they run once, in the SQLite run, and the PostgreSQL run leaves them out
(deselected), as a second run of them would check nothing more. The mark is checked: a marked
test that sends a single SQL statement (from any thread) fails, so the mark must go and the
test runs on both databases again. Tests that touch the database are never marked.
"""

import os
import uuid
from unittest import mock

import pytest
import sqlalchemy as sa
from flask import g, has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade

from storyhub import create_app
from storyhub.extensions import db
from tests import factories, snapshot
from tests.sql import SentThisTest as _Statements

POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def pytest_collection_modifyitems(config, items):
    """--db=postgresql: the tests marked db_independent are left out (the SQLite run has them)."""
    if config.getoption("--db") == "sqlite":
        return
    independent = [item for item in items if item.get_closest_marker("db_independent")]
    if independent:
        config.hook.pytest_deselected(items=independent)
        items[:] = [item for item in items if not item.get_closest_marker("db_independent")]


def pytest_addoption(parser):
    parser.addoption(
        "--db",
        default=os.environ.get("STORYHUB_TEST_DB", "sqlite"),
        choices=("sqlite", "postgresql"),
        help="database the tests run on",
    )


@sa.event.listens_for(sa.Engine, "connect")
def _sqlite_without_fsync(dbapi_connection, connection_record):
    """Test databases are thrown away: SQLite need not wait for the disk at each commit (with a
    thousand tests committing often, fsync was a large share of the run on a busy disk)."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.close()


def new_database(kind: str, directory, prefix: str):
    """A new empty database of this kind (sqlite file in directory, or PostgreSQL), dropped
    when the generator is closed: `yield from new_database(...)` in a fixture."""
    if kind == "sqlite":
        yield f"sqlite:///{directory / (prefix + '.sqlite3')}"
        return
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        # Thrown away after the run: a commit need not wait for the WAL to reach the disk
        # (visibility, locks and isolation are unchanged; only crash durability goes).
        conn.execute(sa.text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def database_url(request, tmp_path_factory):
    """A fresh, empty database for this test run."""
    kind = request.config.getoption("--db")
    yield from new_database(kind, tmp_path_factory.mktemp("db"), "storyhub_test")


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    """The application, its database built by the Alembic migrations from empty."""
    # The overrides must reach create_app: the engine is built there, from the config of that
    # moment (updating the config afterwards left the tests on instance/storyhub.sqlite3).
    overrides = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("media")),
    }
    with mock.patch.dict(os.environ, {"STORYHUB_ENV": "testing"}):
        application = create_app(overrides)
    with application.app_context():
        upgrade()
        db.engine.dispose()
    return application


DEFAULT_THEME_SLUGS = (
    "living-together",
    "youth-engagement",
    "citizen-participation",
    "ageing-well",
    "mental-health",
    "environment",
    "sport-and-inclusion",
    "culture-and-memory",
)
SEEDED_TABLES = {"theme"}  # filled by the migrations; kept between tests


_EMPTYING_SQL: list[str] = []


def _emptying_sql(tables) -> str:
    """PostgreSQL: the tables' emptying as one script, sent in one round trip (built once).

    The children's DELETEs first, then the id sequences restarted at 1 (as TRUNCATE ... RESTART
    IDENTITY; DELETE is about 50 times faster than TRUNCATE on these nearly empty tables), then
    the themes a test added. About 40 statements sent one by one through the session cost some
    60 ms a test on a busy machine, over two thousand tests; as one script, a few ms."""
    if not _EMPTYING_SQL:
        dialect = db.engine.dialect
        statements = [str(table.delete().compile(dialect=dialect)) for table in tables]
        sequences = []
        for table in tables:
            for column in table.primary_key.columns:
                name = db.session.scalar(
                    sa.text("SELECT pg_get_serial_sequence(:table, :column)"),
                    {"table": f'"{table.name}"', "column": column.name},
                )
                sequences += [name] if name else []
        if sequences:
            statements.append(
                "SELECT " + ", ".join(f"setval('{name}', 1, false)" for name in sequences)
            )
        themes = _themes_added_by_tests()
        statements.append(
            str(themes.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        )
        _EMPTYING_SQL.append(";\n".join(statements))
        db.session.rollback()
    return _EMPTYING_SQL[0]


def _themes_added_by_tests():
    theme = db.metadata.tables["theme"]
    return theme.delete().where(theme.c.slug.not_in(DEFAULT_THEME_SLUGS))


def _empty_tables() -> None:
    tables = [t for t in reversed(db.metadata.sorted_tables) if t.name not in SEEDED_TABLES]
    if db.engine.dialect.name == "postgresql":
        script = _emptying_sql(tables)
        # Without parameters psycopg sends the script as it is, its statements in one
        # transaction, in order (children first).
        connection = db.session.connection(execution_options={"no_parameters": True})
        connection.exec_driver_sql(script)
    else:
        # Children first, foreign keys left on: toggling PRAGMA foreign_keys is ignored inside
        # a transaction and sticks to whichever pooled connection ran it, which left later
        # tests without ON DELETE CASCADE.
        for table in tables:
            db.session.execute(table.delete())
        db.session.execute(_themes_added_by_tests())
    db.session.commit()


@pytest.fixture(autouse=True)
def app_context(app, request):
    """Each test runs in an app context on empty tables. A test marked db_independent must send
    no SQL statement (its tables then need no emptying)."""
    independent = request.node.get_closest_marker("db_independent") is not None
    with app.app_context():
        _Statements.count, _Statements.first = 0, None
        yield
        sent, first = _Statements.count, _Statements.first
        db.session.remove()
        if not (independent and sent == 0):
            _empty_tables()
        db.session.remove()
        app.extensions.get("storyhub_outbox", []).clear()
    if independent and sent:
        pytest.fail(
            f"marked db_independent, yet it sent {sent} SQL statement(s), the first: {first!r}."
            " It uses the database: remove the mark, so that it runs on PostgreSQL too."
        )


@pytest.fixture(scope="session")
def demo_rows(app):
    """The demo with its painted and processed media, seeded once for the whole run and kept as
    rows (tests/snapshot.py); its files stay in the media folder. Seeding paints and processes
    about a dozen files (some 20 s of CPU): the modules that read the demo share one seeding."""
    from storyhub.demo import seed_demo

    with app.app_context():
        seed_demo()
        rows = snapshot.take()
        db.session.remove()
        _empty_tables()
        db.session.remove()
    return rows


@pytest.fixture
def demo(demo_rows):
    """The demo site (with media) in the test's emptied tables: the same rows, ids and files as
    a fresh `seed_demo()`."""
    snapshot.restore(demo_rows)


class FreshGlobalsClient(FlaskClient):
    """Each request starts with an empty `g`, as in production where it has its own app context.

    Tests keep one app context open (for the shared db session), and Flask reuses it for the
    client's requests: without this, the signed-in user and the locale cached in `g` by one
    request would leak into the next.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            vars(g._get_current_object()).clear()
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app):
    """A test client (CSRF is off in TestConfig; a dedicated test turns it on)."""
    app.test_client_class = FreshGlobalsClient
    return app.test_client()


@pytest.fixture
def face_suggestions(app, monkeypatch):
    """The face detector on, as in production (the tests' settings leave it off: it is a tenth
    of the suite's CPU when every test photo goes through it)."""
    monkeypatch.setitem(app.config, "MEDIA_FACE_SUGGESTIONS", "on")


@pytest.fixture
def territory():
    return factories.make_territory()


@pytest.fixture
def admin_user():
    return factories.make_admin()


@pytest.fixture
def educator(territory):
    return factories.make_educator()


@pytest.fixture
def pending_educator():
    return factories.make_educator(verified=False)


@pytest.fixture
def group(educator, territory):
    return factories.make_group(educator, territory)


@pytest.fixture
def young(group):
    return factories.make_young(group)


def login_as(client, user):
    """Sign a test client in as user without going through the form."""
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


@pytest.fixture
def as_user(client):
    """as_user(user) -> a client signed in as user."""
    return lambda user: login_as(client, user)


REDIS_TEST_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The test Redis (database 15), or a skip when it is not running; with
    STORYHUB_REQUIRE_REDIS=1 (CI, .ci/run) a missing Redis fails the test instead."""
    import redis

    try:
        up = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        up = False
    if not up:
        message = "Redis is not running on 127.0.0.1:6379 (.ci/run starts it)"
        if os.environ.get("STORYHUB_REQUIRE_REDIS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return REDIS_TEST_URL


@pytest.fixture
def job_queue(app, redis_url, monkeypatch):
    """Slow work goes to an RQ queue of this test's own on the real Redis (emptied afterwards).

    `job_queue.queue` is the rq Queue; `job_queue.run()` runs RQ's SimpleWorker on it in this
    process until it is empty (the worker process itself: tests/media/test_job_queue.py)."""
    import signal
    from types import SimpleNamespace

    from redis import Redis
    from rq import Queue

    from storyhub.core.jobs import SimpleStoryHubWorker

    name = f"test-{uuid.uuid4().hex[:10]}"
    for key, value in {"REDIS_URL": redis_url, "RQ_QUEUE": name, "RQ_JOB_TIMEOUT": 60}.items():
        monkeypatch.setitem(app.config, key, value)
    queue = Queue(name, connection=Redis.from_url(redis_url))

    def run() -> None:
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            worker = SimpleStoryHubWorker([queue], connection=queue.connection)
            worker.work(burst=True, with_scheduler=False)
        finally:  # RQ installs its own shutdown handlers: give pytest its own back
            for sig, handler in handlers.items():
                signal.signal(sig, handler)
        db.session.expire_all()

    yield SimpleNamespace(queue=queue, run=run)
    queue.delete(delete_jobs=True)
    for registry in (queue.failed_job_registry, queue.finished_job_registry):
        for job_id in registry.get_job_ids():
            registry.remove(job_id, delete_job=True)


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    """moto's S3-compatible server (moto[server], a dev dependency) in its own process on a
    free port, for the whole run: the object-store backend is tested over real HTTP."""
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (tmp_path_factory.mktemp("moto") / "server.log").open("w")
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    # As S3: CORS headers only as the bucket's rule says (moto answers every origin otherwise).
    env = {**os.environ, "MOTO_DISABLE_GLOBAL_CORS": "1"}
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"moto's S3 server did not start (log: {log.name})")
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture
def s3_store(app, s3_endpoint, monkeypatch):
    """Media in a fresh private bucket of the S3-compatible server (emptied afterwards)."""
    import boto3

    settings = {
        "MEDIA_STORAGE": "s3",
        "MEDIA_S3_BUCKET": f"storyhub-test-{uuid.uuid4().hex[:12]}",
        "MEDIA_S3_ENDPOINT_URL": s3_endpoint,
        "MEDIA_S3_REGION": "us-east-1",
        "MEDIA_S3_ACCESS_KEY_ID": "testing",
        "MEDIA_S3_SECRET_ACCESS_KEY": "testing",
        "MEDIA_S3_URL_EXPIRES": 60,
        "MEDIA_FILES_ORIGIN": s3_endpoint,
    }
    for key, value in settings.items():
        monkeypatch.setitem(app.config, key, value)
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    bucket = settings["MEDIA_S3_BUCKET"]
    client.create_bucket(Bucket=bucket)
    yield client
    for item in client.list_objects_v2(Bucket=bucket).get("Contents", []):
        client.delete_object(Bucket=bucket, Key=item["Key"])
    client.delete_bucket(Bucket=bucket)
