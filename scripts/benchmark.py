"""Benchmark of the public pages as a visitor gets them: over HTTP, each request on its own.

    .venv/bin/python scripts/benchmark.py [--small 200] [--stories 10000] [--db sqlite|postgresql]
        [--runs 15] [--workdir DIR] [--json out.json] [--baseline earlier.json] [--page-cache]
        [--outside]

Builds two databases from the migrations and fills them with `flask generate-data` (a small
site and a large one; kept and reused with --workdir), starts the app on each in a separate
server process (production settings, one single-threaded worker: every request gets its own
request and app context, nothing carries over), and requests every public page anonymously over
loopback HTTP, the two sites in turn: each timed round asks the page of one site then of the
other (which goes first alternating), so both scales meet the same moments of a shared
machine's load and the growth from one to the other is not the load's drift between two runs.
For each page at each scale it prints the status, the SQL queries and SQL time of
one request (counted inside the server process), the median and 95th-percentile time seen by
the client, the body size, and the cost of a conditional request (If-None-Match) that should be
answered 304. With --baseline it prints an earlier run's figures for the large site beside.

The deep numbered API page ("api page <=500") is the deepest full page of 100 stories that
exists on each site, at most page 500 (the issue's ?per_page=100&page=500): the large site has
it, the small one stops near page 74, and an empty page past the end would be compared with a
full one. Its offset still grows with the site (page 74 against page 500), as a visitor's would.
With --outside it also serves each database from gunicorn as production runs it
(scripts/outside.py: one sync worker, nothing of the benchmark inside, the same settings as the
benchmark's server), asks it each page in pairs with its own requests (at least OUTSIDE_RUNS
pairs, which of the two goes first alternating, so both meet the same load on a shared machine)
and prints that median beside its own.

Targets (the exit code is 1 if any is missed, and the verdict column says which):
  - status 200, and the same number of queries at both scales (nothing grows with the data);
  - at most MAX_QUERIES queries and a median of at most MAX_MEDIAN_MS on the large site;
  - the median on the large site at most GROWTH times the small one (+ NOISE_MS);
  - a conditional request answered 304 with at most one query, when the page sends an ETag;
  - with --outside, the median of the paired differences (its time minus gunicorn's, request
    by request) within OUTSIDE_TOLERANCE of gunicorn's median (+ OUTSIDE_NOISE_MS): a pair meets
    the same moment of the machine's load, so a burst of other work slows both or neither,
    where two medians taken side by side can differ by the load alone.
Not a test: the figures depend on the machine (note it beside the figures you quote).
"""

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from bench_sites import database_url, drop_database, fill, make_app

MAX_QUERIES = 12
MAX_MEDIAN_MS = 150
GROWTH = 1.3
NOISE_MS = 15
OUTSIDE_TOLERANCE = 0.2
OUTSIDE_NOISE_MS = 5  # below this, differences are the loopback's and the scheduler's
OUTSIDE_RUNS = 25  # pairs of requests for the outside comparison, at least
HEADERS = {"Accept-Language": "fr", "User-Agent": "storyhub-benchmark"}


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
        deepest = max(1, min(500, total // 100))  # the deepest full page of 100, up to 500
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
        "api page <=500": f"/api/v1/stories?per_page=100&page={deepest}",  # see the docstring
        "api deep cursor": f"/api/v1/stories?per_page=100&cursor={cursor}",
        "api exchanges": "/api/v1/exchanges",
    }


def free_port() -> int:
    """A port nothing listens on now (asked of the system: a random one may be in use)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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


def measure_sites(sites: list[tuple[str, dict[str, str]]], media: Path, args) -> list[dict]:
    """Start a server on each database (and gunicorn beside each with --outside), measure every
    page on all of them in turn, stop the servers."""
    import outside

    servers, targets = [], []
    try:
        for url, _pages in sites:
            port = free_port()
            server = subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--serve",
                    url,
                    "--media",
                    str(media),
                    "--port",
                    str(port),
                ],
                stdout=subprocess.PIPE,
                text=True,
                # the settings gunicorn gets (production, no rate limits, page cache as asked):
                # the two servers differ only in how they serve, never in what the app does
                env=outside.server_env(url, str(media), args.page_cache),
            )
            servers.append(server)
            if server.stdout.readline().strip() != "ready":
                raise SystemExit("the benchmark server did not start")
            wait_until_listening(server, port)
            outside_port = None
            if args.outside:
                outside_port = free_port()
                servers.append(
                    outside.start_gunicorn(url, str(media), outside_port, args.page_cache)
                )
            targets.append((port, outside_port))
        results = [{} for _ in sites]
        for name in sites[0][1]:
            paths = [pages[name] for _url, pages in sites]
            asked = [(port, path, out) for (port, out), path in zip(targets, paths, strict=True)]
            for found, result in zip(results, measure_page(asked, args.runs), strict=True):
                found[name] = result
            times = " vs ".join(f"{found[name]['median']:.0f}" for found in results)
            print(f"  {name}: {times} ms", file=sys.stderr, flush=True)
        return results
    finally:
        for process in servers:
            process.terminate()
            process.wait()


def wait_until_listening(server: subprocess.Popen, port: int) -> None:
    """Wait for the server socket to accept (the server announces itself just before)."""
    while server.poll() is None:
        try:
            http.client.HTTPConnection("127.0.0.1", port).connect()
            return
        except ConnectionRefusedError:
            time.sleep(0.05)
    raise SystemExit("the benchmark server stopped")


def measure_page(sites: list[tuple[int, str, int | None]], runs: int) -> list[dict]:
    """For each site (its server's port, the page's path there, gunicorn's port or None): one
    warm-up, one measured request for the SQL figures; then `runs` timed rounds (at least
    OUTSIDE_RUNS with --outside), each asking every site once, which site goes first
    alternating every two rounds. With --outside each ask is a pair: the same request to both
    servers one right after the other, which goes first alternating every round (so neither
    always meets the other's leftovers), the pair's difference kept."""
    firsts = []
    for port, path, outside_port in sites:
        get(port, path)
        if outside_port:
            get(outside_port, path)
        firsts.append(get(port, path))
    paired = any(outside_port for _port, _path, outside_port in sites)
    times = [[] for _ in sites]
    outside_times = [[] for _ in sites]
    differences = [[] for _ in sites]
    for n in range(max(runs, OUTSIDE_RUNS) if paired else runs):
        order = range(len(sites)) if (n // 2) % 2 == 0 else reversed(range(len(sites)))
        for i in order:
            port, path, outside_port = sites[i]
            if not outside_port:
                times[i].append(get(port, path)["ms"])
                continue
            if n % 2:
                theirs = get(outside_port, path)["ms"]
                ours = get(port, path)["ms"]
            else:
                ours = get(port, path)["ms"]
                theirs = get(outside_port, path)["ms"]
            times[i].append(ours)
            outside_times[i].append(theirs)
            differences[i].append(ours - theirs)
    return [
        summary(port, path, first, times[i], outside_times[i], differences[i], runs)
        for i, ((port, path, _out), first) in enumerate(zip(sites, firsts, strict=True))
    ]


def summary(port, path, first, times, outside_times, differences, runs) -> dict:
    """One site's figures for a page: the first request's, median and p95 of the timed ones,
    the outside comparison, and the conditional request's (asked last, on its own)."""
    times = sorted(times)
    count = len(times)
    result = dict(first, median=statistics.median(times), p95=times[int(0.95 * (count - 1))])
    if outside_times:
        result["outside"] = statistics.median(outside_times)
        result["paired_difference"] = statistics.median(differences)
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
    for site, which in ((small, "S"), (big, "L")):
        outside = site.get("outside")
        if outside is not None and abs(site["paired_difference"]) > (
            OUTSIDE_TOLERANCE * outside + OUTSIDE_NOISE_MS
        ):
            missed.append(f"outside@{which} differs >{OUTSIDE_TOLERANCE:.0%}")
    return missed


def report(args, results: dict, baseline: dict | None) -> int:
    """Print the table; return the number of pages that missed a target."""
    small, big = args.small, args.stories
    print(
        f"StoryHub public pages over HTTP on {args.db}: {small} vs {big} stories "
        f"(one server process per site, asked in turn; each request its own context; median/p95 of "
        f"{max(args.runs, OUTSIDE_RUNS) if args.outside else args.runs}; "
        f"{'out = median from outside, gunicorn, diff = median of paired differences; ' if args.outside else ''}"
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
    if args.outside:
        head += f"{'out@S':>7}{'out@L':>7}{'diff@S':>7}{'diff@L':>7}"
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
        if args.outside:
            line += f"{s.get('outside', 0):>7.1f}{b.get('outside', 0):>7.1f}"
            line += f"{s.get('paired_difference', 0):>+7.1f}{b.get('paired_difference', 0):>+7.1f}"
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
    parser.add_argument(
        "--outside",
        action="store_true",
        help="also measure each page from outside (gunicorn + a separate client) and compare",
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
    sizes, urls = (args.small, args.stories), []
    try:
        for size in sizes:
            url, empty = database_url(args.db, size, workdir, reuse)
            urls.append(url)
            fill(url, size, media, empty)
        measured = measure_sites([(url, page_urls(url, media)) for url in urls], media, args)
        results = dict(zip(sizes, measured, strict=True))
    finally:
        if not reuse:
            for url in urls:
                drop_database(url)
            shutil.rmtree(workdir, ignore_errors=True)
    baseline = json.loads(args.baseline.read_text())[str(args.stories)] if args.baseline else None
    if args.json:
        args.json.write_text(json.dumps({str(k): v for k, v in results.items()}, indent=1))
    return 1 if report(args, results, baseline) else 0


if __name__ == "__main__":
    raise SystemExit(main())
