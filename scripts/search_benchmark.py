"""Search at scale, measured from outside: 20 different queries, 95th percentile under 50 ms.

    .venv/bin/python scripts/search_benchmark.py [--stories 100000] [--db sqlite|postgresql]
        [--runs 10] [--workdir DIR | --database-url URL] [--cold]
        [--save FILE] [--baseline FILE]

Fills (or reuses, with --workdir or --database-url) a synthetic site like scripts/benchmark.py,
starts gunicorn on it (scripts/outside.py: production settings, one worker, page cache off, so
that every request reaches the search code) and asks each query `runs` times from a separate client
process, after one warm-up. The search cache (each query's ranked window and facet counts kept
per content version) is on as in production, so the timed requests reuse the warm-up's window;
--cold turns it off (SEARCH_CACHE=0): every request then finds, counts and ranks again.
Then, in this process, each query is asked twice through the app with its SQL timed (the
first ask always builds the window). Prints each query's median and p95 from outside, its SQL
time and statements, the p50 and p95 over every request, and the machine's load average
before and after; with --baseline (a file written by an earlier --save) the earlier figures
are printed beside. Exits 1 when the p95 is over TARGET_P95_MS or any answer is not a 200.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import bench_sites
import outside
import sqlalchemy as sa

TARGET_P95_MS = 50
QUERIES = (
    "marché", "foot", "barge", "grand-mère", "pluie", "pêcheurs", "école", "quartier",
    "bus school", "river", "music", "village", "lagon", "danse", "harbour", "jardins partagés",
    "boulangerie", "elders", "tram", "vivre ensemble",
)  # fmt: skip


def search_paths() -> list[str]:
    """The 20 search addresses, the second half with a filter as visitors narrow down."""
    from urllib.parse import urlencode

    paths = []
    for number, words in enumerate(QUERIES):
        params = {"q": words}
        if number % 4 == 3:
            params["language"] = "fr"
        elif number % 4 == 1 and number > 10:
            params["country"] = "FR"
        paths.append("/search?" + urlencode(params))
    return paths


def sql_figures(url: str, media: Path, paths: list[str]) -> dict[str, dict]:
    """{path: {"queries", "sql_ms", "app_ms"}, and the same "_first"}: each path asked twice
    through the app in this process, its SQL statements counted and timed (the first time the
    search cache, when on, is empty for this process; the second time it holds the path's
    window). The outside figures are of the second kind after the client's warm-up."""
    from storyhub.extensions import db

    app = bench_sites.make_app(url, media)
    app.config["PAGE_CACHE"] = False
    counted = {"n": 0, "seconds": 0.0}
    with app.app_context():
        engine = db.engine

    def before(conn, cursor, statement, parameters, context, executemany):
        conn.info["search_bench_started"] = time.perf_counter()

    def after(conn, cursor, statement, parameters, context, executemany):
        counted["n"] += 1
        counted["seconds"] += time.perf_counter() - conn.info.pop("search_bench_started")

    sa.event.listen(engine, "before_cursor_execute", before)
    sa.event.listen(engine, "after_cursor_execute", after)
    client = app.test_client()
    headers = dict(outside.HEADERS)
    figures = {}
    try:
        for label in ("first", "again"):  # again: kept by the search cache when it is on
            for path in paths:
                counted.update(n=0, seconds=0.0)
                started = time.perf_counter()
                client.get(path, headers=headers)
                suffix = "" if label == "again" else "_first"
                figures.setdefault(path, {}).update(
                    {
                        f"queries{suffix}": counted["n"],
                        f"sql_ms{suffix}": counted["seconds"] * 1000,
                        f"app_ms{suffix}": (time.perf_counter() - started) * 1000,
                    }
                )
    finally:
        sa.event.remove(engine, "before_cursor_execute", before)
        sa.event.remove(engine, "after_cursor_execute", after)
        engine.dispose()
    return figures


def percentile(times: list[float], fraction: float) -> float:
    ordered = sorted(times)
    return ordered[int(fraction * (len(ordered) - 1))] if ordered else 0.0


def _load() -> str:
    return " ".join(f"{n:.1f}" for n in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--workdir", type=Path, help="keep the database here and reuse it")
    parser.add_argument("--database-url", help="an already filled database (migrated to head)")
    parser.add_argument("--save", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--baseline", type=Path, help="JSON of an earlier --save, shown beside")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="SEARCH_CACHE=0: every request finds, counts and ranks its window again",
    )
    args = parser.parse_args()
    if args.cold:
        os.environ["SEARCH_CACHE"] = "0"  # read by the gunicorn server and the app made here
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="storyhub-search-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if args.database_url:
        url, empty = args.database_url, False
        args.db = "postgresql" if url.startswith("postgresql") else "sqlite"
    else:
        reuse = args.workdir is not None
        url, empty = bench_sites.database_url(args.db, args.stories, workdir, reuse)
    baseline = json.loads(args.baseline.read_text()) if args.baseline else None
    paths = search_paths()
    load_before = _load()
    try:
        bench_sites.fill(url, args.stories, workdir / "media", empty)
        figures = outside.measure(url, str(workdir / "media"), paths, args.runs, False)
        load_after = _load()
        sql = sql_figures(url, workdir / "media", paths)
    finally:
        if args.workdir is None and args.database_url is None:
            bench_sites.drop_database(url)
    every = [t for path in paths for t in figures[path]["times"]]
    errors = sum(figures[p]["errors"] + (figures[p]["status"] != 200) for p in paths)
    result = {
        "db": args.db,
        "stories": args.stories,
        "runs": args.runs,
        "search_cache": not args.cold,
        "load": [load_before, load_after],
        "p50": percentile(every, 0.5),
        "p95": percentile(every, 0.95),
        "errors": errors,
        "queries": {
            path: {
                **{k: figures[path][k] for k in ("median", "p95", "status", "bytes")},
                **sql[path],
            }
            for path in paths
        },
    }
    _print(result, baseline)
    if args.save:
        args.save.write_text(json.dumps(result, indent=1))
    return 0 if result["p95"] <= TARGET_P95_MS and not errors else 1


def _print(result: dict, baseline: dict | None) -> None:
    kept = "kept per content version" if result.get("search_cache", True) else "off (cold)"
    print(
        f"Search over {result['stories']} stories on {result['db']}, from outside "
        f"({result['runs']} each, search cache {kept}); load average (1, 5, 15 min) before: {result['load'][0]}, "
        f"after: {result['load'][1]}"
    )
    if baseline:
        print(f"baseline beside (was): load {baseline['load'][0]} / {baseline['load'][1]}")
    head = f"{'query':<44}{'st':>4}{'median':>8}{'p95':>8}{'sql ms':>8}{'q':>4}{'1st sql':>8}"
    head += f"{'1st q':>6}{'KB':>6}"
    print(head + (f"{'was med':>9}{'was p95':>9}{'was sql':>9}" if baseline else ""))
    for path, found in result["queries"].items():
        line = (
            f"{path:<44}{found['status']:>4}{found['median']:>8.1f}{found['p95']:>8.1f}"
            f"{found['sql_ms']:>8.1f}{found['queries']:>4}{found['sql_ms_first']:>8.1f}"
            f"{found['queries_first']:>6}{found['bytes'] / 1024:>6.1f}"
        )
        was = (baseline or {}).get("queries", {}).get(path)
        if was:
            line += f"{was['median']:>9.1f}{was['p95']:>9.1f}{was.get('sql_ms', 0):>9.1f}"
        print(line)
    verdict = "ok" if result["p95"] <= TARGET_P95_MS and not result["errors"] else "MISSED"
    count = len(result["queries"]) * result["runs"]
    line = (
        f"\nover {count} requests: p50 {result['p50']:.1f} ms, p95 {result['p95']:.1f} ms "
        f"(target {TARGET_P95_MS})"
    )
    if baseline:
        line += f"; baseline p50 {baseline['p50']:.1f} ms, p95 {baseline['p95']:.1f} ms"
    sql = [q["sql_ms"] for q in result["queries"].values()]
    first = [q["sql_ms_first"] for q in result["queries"].values()]
    print(
        f"{line}\nSQL per request: median {percentile(sql, 0.5):.1f} ms, max {max(sql):.1f} ms "
        f"(first ask: median {percentile(first, 0.5):.1f} ms, max {max(first):.1f} ms); "
        f"errors: {result['errors']}  {verdict}"
    )


if __name__ == "__main__":
    sys.exit(main())
