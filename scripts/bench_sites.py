"""The benchmarks' sites: a database per scale, migrated and filled by the data generator.

With a work directory the databases are kept and reused (SQLite files there; PostgreSQL
databases named storyhub_bench_<size>), else made for one run and dropped.
"""

import os
import secrets
import sys
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

POSTGRES_ADMIN = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def database_url(backend: str, size: int, workdir: Path, reuse: bool) -> tuple[str, bool]:
    """(URL of the database for this size, whether it must be filled)."""
    if backend == "sqlite":
        path = workdir / f"bench-{size}.sqlite3"
        if path.exists() and not reuse:
            path.unlink()
        return f"sqlite:///{path}", not path.exists()
    name = f"storyhub_bench_{size}" if reuse else f"storyhub_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if not exists:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return POSTGRES_ADMIN.rsplit("/", 1)[0] + f"/{name}", not exists


def drop_database(url: str) -> None:
    """Drop a throw-away PostgreSQL database (SQLite files go with the work directory)."""
    if url.startswith("postgresql"):
        admin = sa.create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
        admin.dispose()


def make_app(url: str, media: Path):
    """The app as production runs it (a random secret key, no debug), on this database."""
    from storyhub import create_app

    env = {"SECRET_KEY": secrets.token_hex(32), "SESSION_COOKIE_SECURE": "0"}
    os.environ.update(env)
    return create_app("production", {"SQLALCHEMY_DATABASE_URI": url, "MEDIA_ROOT": str(media)})


def fill(url: str, size: int, media: Path, empty: bool) -> None:
    """Migrate (from empty, or a kept database to today's head), then write the site."""
    from flask_migrate import upgrade

    from storyhub.extensions import db
    from storyhub.synthetic.generate import generate_data

    app = make_app(url, media)
    with app.app_context():
        upgrade()
        if empty:
            started = time.monotonic()
            counts = generate_data(size, echo=lambda _line: None)
            print(
                f"  filled {size} stories ({sum(counts.values())} rows) in "
                f"{time.monotonic() - started:.1f} s",
                file=sys.stderr,
            )
        db.engine.dispose()
