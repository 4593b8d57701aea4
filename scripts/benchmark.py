"""Benchmark of the public pages: SQL queries and response time, small site vs large site.

    .venv/bin/python scripts/benchmark.py [--stories 500] [--runs 15] [--db sqlite|postgresql]

Builds two throw-away databases from the migrations (a baseline with 5 published stories, and a
large one), then requests every public page anonymously through the WSGI app and prints, per
page: the number of SQL queries (must be the same at both sizes: no N+1) and the median time.
Targets: equal query counts, at most 12 queries, median under 150 ms on the project's 2-core
machine. Exits 1 if a target is missed. Not a test: figures depend on the machine.
"""

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402

from storyhub import create_app  # noqa: E402
from storyhub.extensions import db  # noqa: E402

MAX_QUERIES = 12
MAX_MEDIAN_MS = 150
POSTGRES_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def seed(stories: int) -> dict:
    """Public exchanges with approved stories (10 per exchange, across 2 rounds); return URLs."""
    from tests import factories

    made = 0
    first = {}
    while made < stories:
        exchange = factories.make_exchange(public=True)
        rounds = [
            factories.make_round(exchange),
            factories.make_round(exchange, question="Where do you meet?"),
        ]
        for n in range(min(10, stories - made)):
            round_ = rounds[n % 2]
            group = exchange.inviting_group if n % 4 < 2 else exchange.invited_group
            author = factories.make_young(group)
            story = factories.make_story(
                round_,
                group,
                authors=[author],
                status="approved",
                title=f"Notre école et la mer {made}",
                text="<p>Les écoles du quartier, le marché, la plage.</p>",
            )
            first.setdefault("story", story.id)
            first.setdefault("round", round_.id)
            first.setdefault("exchange", exchange.id)
            first.setdefault("territory", group.territory.slug)
            made += 1
    return first


def pages(ids: dict) -> dict[str, str]:
    """The public surfaces, by name."""
    return {
        "home": "/",
        "directory": "/explore",
        "directory filtered": "/explore?theme=living-together&country=FR",
        "exchange": f"/exchanges/{ids['exchange']}",
        "pair (round)": f"/rounds/{ids['round']}",
        "story": f"/stories/{ids['story']}",
        "territory": f"/places/{ids['territory']}",
        "map data": "/map/data.json",
        "search": "/search?q=ecole",
        "feed": "/feeds/stories.atom",
        "sitemap": "/sitemap.xml",
        "api stories": "/api/v1/stories",
        "api exchanges": "/api/v1/exchanges",
    }


def measure(app, url: str, runs: int) -> tuple[int, float, int]:
    """(queries of one request, median milliseconds, status)."""
    client = app.test_client()
    count = 0

    def counter(*_args):
        nonlocal count
        count += 1

    client.get(url)  # warm caches (templates, compiled SQL)
    sa.event.listen(db.engine, "before_cursor_execute", counter)
    response = client.get(url, headers={"Accept-Language": "fr"})
    sa.event.remove(db.engine, "before_cursor_execute", counter)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url, headers={"Accept-Language": "fr"})
        times.append((time.perf_counter() - start) * 1000)
    return count, statistics.median(times), response.status_code


def build(size: int, backend: str, workdir: Path):
    """An app on a fresh database with `size` public stories; returns (app, ids, cleanup)."""
    if backend == "sqlite":
        url, cleanup = f"sqlite:///{workdir / f'bench-{size}.sqlite3'}", (lambda: None)
    else:
        name = f"storyhub_bench_{uuid.uuid4().hex[:8]}"
        admin = sa.create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = POSTGRES_ADMIN.rsplit("/", 1)[0] + f"/{name}"

        def cleanup():
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    app = create_app(
        "testing", {"SQLALCHEMY_DATABASE_URI": url, "MEDIA_ROOT": str(workdir / "media")}
    )
    with app.app_context():
        upgrade()
        ids = seed(size)
        db.session.remove()
    return app, ids, cleanup


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=500)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in (5, args.stories):
            app, ids, cleanup = build(size, args.db, Path(tmp))
            with app.app_context():
                results[size] = {
                    name: measure(app, url, args.runs) for name, url in pages(ids).items()
                }
                db.session.remove()
                db.engine.dispose()
            cleanup()
    big = args.stories
    print(
        f"StoryHub public pages on {args.db}: baseline 5 stories vs {big} stories "
        f"(median of {args.runs} anonymous requests, French)"
    )
    print(
        f"targets: same query count at both sizes, <= {MAX_QUERIES} queries, median <= {MAX_MEDIAN_MS} ms\n"
    )
    print(
        f"{'page':<20} {'status':>6} {'queries@5':>10} {f'queries@{big}':>12} {'ms@5':>8} {f'ms@{big}':>9}  verdict"
    )
    failures = 0
    for name, (q_small, ms_small, _status) in results[5].items():
        q_big, ms_big, status_big = results[big][name]
        ok = (
            q_small == q_big
            and q_big <= MAX_QUERIES
            and ms_big <= MAX_MEDIAN_MS
            and status_big == 200
        )
        failures += not ok
        print(
            f"{name:<20} {status_big:>6} {q_small:>10} {q_big:>12} {ms_small:>8.1f} {ms_big:>9.1f}  "
            f"{'ok' if ok else 'MISSED'}"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
