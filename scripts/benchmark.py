"""Benchmark of the public pages as a visitor gets them: over HTTP, each request on its own.

    .venv/bin/python scripts/benchmark.py [--small 200] [--stories 10000] [--db sqlite|postgresql]
        [--runs 15] [--workdir DIR] [--json out.json] [--baseline earlier.json] [--page-cache]

Builds two databases from the migrations and fills them with `flask generate-data` (a small
site and a large one; kept and reused with --workdir), starts the app in a separate server
process (production settings, one single-threaded worker: every request gets its own request
and app context, nothing carries over), and requests every public page anonymously over
loopback HTTP. For each page at each scale it prints the status, the SQL queries and SQL time of
one request (counted inside the server process), the median and 95th-percentile time seen by
the client, the body size, and the cost of a conditional request (If-None-Match) that should be
answered 304. With --baseline it prints an earlier run's figures for the large site beside.

Targets (the exit code is 1 if any is missed, and the verdict column says which):
  - status 200, and the same number of queries at both scales (nothing grows with the data);
  - at most MAX_QUERIES queries and a median of at most MAX_MEDIAN_MS on the large site;
  - the median on the large site at most GROWTH times the small one (+ NOISE_MS);
  - a conditional request answered 304 with at most one query, when the page sends an ETag.
Not a test: the figures depend on the machine (note it beside the figures you quote).
"""

import argparse
import http.client
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MAX_QUERIES = 12
MAX_MEDIAN_MS = 150
GROWTH = 1.3
NOISE_MS = 15
POSTGRES_ADMIN = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
HEADERS = {"Accept-Language": "fr", "User-Agent": "storyhub-benchmark"}


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


def page_urls(url: str, media: Path) -> dict[str, str]:
    """The public surfaces, by name, pointing at the newest public story and its places."""
    from storyhub.api.pagination import encode_cursor
    from storyhub.extensions import db
    from storyhub.public.queries import public_stories
    from storyhub.stories.models import Story

    app = make_app(url, media)
    with app.app_context():
        story = db.session.scalar(public_stories().order_by(Story.id.desc()).limit(1))
        newest = public_stories().order_by(Story.published_at.desc(), Story.id.desc())
        total = db.session.scalar(sa.select(sa.func.count()).select_from(newest.subquery()))
        deep = db.session.scalar(newest.offset(min(5000, total // 2)).limit(1))
        cursor = encode_cursor(deep.published_at, deep.id)
        ids = {
            "story": story.id,
            "round": story.round_id,
            "exchange": story.round.exchange_id,
            "territory": story.group.territory.slug,
        }
        db.engine.dispose()
    return {
        "home": "/",
        "directory": "/explore",
        "directory filtered": "/explore?theme=living-together&status=active",
        "directory deep": "/explore?page=20",
        "exchange": f"/exchanges/{ids['exchange']}",
        "pair (round)": f"/rounds/{ids['round']}",
        "story": f"/stories/{ids['story']}",
        "territory": f"/places/{ids['territory']}",
        "map": "/map",
        "map data": "/map/data.json",
        "search": "/search?q=ecole",
        "feed": "/feeds/stories.atom",
        "sitemap": "/sitemap.xml",
        "api stories": "/api/v1/stories",
        "api deep page": "/api/v1/stories?per_page=100&page=50",
        "api deep cursor": f"/api/v1/stories?per_page=100&cursor={cursor}",
        "api exchanges": "/api/v1/exchanges",
    }


def serve(url: str, media: str, port: int) -> None:
    """The server process: the app behind a WSGI wrapper that reports the SQL of each request."""
    import logging

    from werkzeug.serving import make_server

    from storyhub.extensions import db

    app = make_app(url, Path(media))
    with app.app_context():
        engine = db.engine
    counted = {"n": 0, "seconds": 0.0}

    @sa.event.listens_for(engine, "before_cursor_execute")
    def before(conn, cursor, statement, parameters, context, executemany):
        conn.info["bench_started"] = time.perf_counter()

    @sa.event.listens_for(engine, "after_cursor_execute")
    def after(conn, cursor, statement, parameters, context, executemany):
        counted["n"] += 1
        counted["seconds"] += time.perf_counter() - conn.info.pop("bench_started")

    def measured(environ, start_response):
        counted.update(n=0, seconds=0.0)

        def start(status, headers, exc_info=None):
            headers = [*headers, ("X-Bench-Queries", str(counted["n"]))]
            headers.append(("X-Bench-SQL-Ms", f"{counted['seconds'] * 1000:.1f}"))
            return start_response(status, headers, exc_info)

        return app(environ, start)

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # errors still show
    print("ready", flush=True)
    make_server("127.0.0.1", port, measured, threaded=False).serve_forever()


def get(port: int, path: str, etag: str | None = None) -> dict:
    """One request on a new connection: status, SQL figures, time, size, ETag, cookies."""
    conn = http.client.HTTPConnection("127.0.0.1", port)
    headers = dict(HEADERS, **({"If-None-Match": etag} if etag else {}))
    started = time.perf_counter()
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    conn.close()
    return {
        "status": response.status,
        "queries": int(response.getheader("X-Bench-Queries", "-1")),
        "sql_ms": float(response.getheader("X-Bench-SQL-Ms", "0")),
        "ms": elapsed,
        "bytes": len(body),
        "etag": response.getheader("ETag"),
        "cookie": response.getheader("Set-Cookie") is not None,
    }


def measure_site(url: str, media: Path, pages: dict[str, str], runs: int) -> dict:
    """Start a server on this database, measure every page, stop the server."""
    port = 20000 + secrets.randbelow(20000)
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", url, "--media", str(media), "--port", str(port)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        if server.stdout.readline().strip() != "ready":
            raise SystemExit("the benchmark server did not start")
        wait_until_listening(server, port)
        results = {}
        for name, path in pages.items():
            results[name] = measure_page(port, path, runs)
            print(f"  {name}: {results[name]['median']:.0f} ms", file=sys.stderr, flush=True)
        return results
    finally:
        server.terminate()
        server.wait()


def wait_until_listening(server: subprocess.Popen, port: int) -> None:
    """Wait for the server socket to accept (the server announces itself just before)."""
    while server.poll() is None:
        try:
            http.client.HTTPConnection("127.0.0.1", port).connect()
            return
        except ConnectionRefusedError:
            time.sleep(0.05)
    raise SystemExit("the benchmark server stopped")


def measure_page(port: int, path: str, runs: int) -> dict:
    """One warm-up, one measured request for the SQL figures, then `runs` timed requests."""
    get(port, path)
    first = get(port, path)
    times = sorted(get(port, path)["ms"] for _ in range(runs))
    result = dict(first, median=statistics.median(times), p95=times[int(0.95 * (runs - 1))])
    if first["etag"]:
        again = [get(port, path, etag=first["etag"]) for _ in range(max(3, runs // 3))]
        result["not_modified"] = {
            "status": again[-1]["status"],
            "queries": again[-1]["queries"],
            "median": statistics.median(r["ms"] for r in again),
        }
    return result


def verdict(small: dict, big: dict) -> list[str]:
    """The targets this page missed (empty when it met them all)."""
    missed = []
    if big["status"] != 200 or small["status"] != 200:
        missed.append(f"status {big['status']}")
    if big["queries"] != small["queries"]:
        missed.append("queries grow")
    if big["queries"] > MAX_QUERIES:
        missed.append(f">{MAX_QUERIES} queries")
    if big["median"] > MAX_MEDIAN_MS:
        missed.append(f">{MAX_MEDIAN_MS} ms")
    if big["median"] > GROWTH * small["median"] + NOISE_MS:
        missed.append(f">x{GROWTH} slower")
    cond = big.get("not_modified")
    if cond and (cond["status"] != 304 or cond["queries"] > 1):
        missed.append(f"conditional: {cond['status']}, {cond['queries']} queries")
    return missed


def report(args, results: dict, baseline: dict | None) -> int:
    """Print the table; return the number of pages that missed a target."""
    small, big = args.small, args.stories
    print(
        f"StoryHub public pages over HTTP on {args.db}: {small} vs {big} stories "
        f"(one server process, each request its own context; median/p95 of {args.runs}; "
        f"page cache {'on' if args.page_cache else 'off'})"
    )
    print(
        f"targets: equal queries, <= {MAX_QUERIES} queries, median <= {MAX_MEDIAN_MS} ms and "
        f"<= x{GROWTH} (+{NOISE_MS} ms) of the small site, 304 with <= 1 query\n"
    )
    head = (
        f"{'page':<19}{'st':>4}{'q@S':>5}{'q@L':>5}{'sqlms@L':>8}{'ms@S':>7}{'ms@L':>7}"
        f"{'p95@L':>7}{'KB@L':>7}{'304q':>5}{'304ms':>6}{'cookie':>7}"
    )
    if baseline:
        head += f"{'|before: q':>11}{'ms':>7}{'KB':>6}"
    print(head + "  verdict")
    failures = 0
    for name, b in results[big].items():
        s = results[small][name]
        cond = b.get("not_modified") or {}
        missed = verdict(s, b)
        failures += bool(missed)
        line = (
            f"{name:<19}{b['status']:>4}{s['queries']:>5}{b['queries']:>5}{b['sql_ms']:>8.1f}"
            f"{s['median']:>7.1f}{b['median']:>7.1f}{b['p95']:>7.1f}{b['bytes'] / 1024:>7.1f}"
            f"{cond.get('queries', '-'):>5}"
            f"{cond.get('median', 0):>6.1f}{'yes' if b['cookie'] else 'no':>7}"
        )
        before = (baseline or {}).get(name)
        if baseline:
            line += (
                f"{before['queries']:>11}{before['median']:>7.1f}{before['bytes'] / 1024:>6.0f}"
                if before
                else f"{'-':>11}{'-':>7}{'-':>6}"
            )
        print(line + "  " + ("ok" if not missed else "MISSED: " + ", ".join(missed)))
    print(f"\n{failures} page(s) missed a target" if failures else "\nevery target met")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--workdir", type=Path, help="keep the databases here and reuse them")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--baseline", type=Path, help="an earlier --json, shown beside")
    parser.add_argument(
        "--page-cache",
        action="store_true",
        help="serve with the anonymous page cache on (off by default: measure the page work)",
    )
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--media", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.media, args.port)
        return 0
    os.environ["PAGE_CACHE"] = "1" if args.page_cache else "0"  # read by the server process
    reuse = args.workdir is not None
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="storyhub-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    media = workdir / "media"
    results = {}
    for size in (args.small, args.stories):
        url, empty = database_url(args.db, size, workdir, reuse)
        try:
            fill(url, size, media, empty)
            results[size] = measure_site(url, media, page_urls(url, media), args.runs)
        finally:
            if not reuse:
                drop_database(url)
    if not reuse:
        shutil.rmtree(workdir, ignore_errors=True)
    baseline = json.loads(args.baseline.read_text())[str(args.stories)] if args.baseline else None
    if args.json:
        args.json.write_text(json.dumps({str(k): v for k, v in results.items()}, indent=1))
    return 1 if report(args, results, baseline) else 0


if __name__ == "__main__":
    raise SystemExit(main())
