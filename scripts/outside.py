"""An outside measurement of the public pages: gunicorn as production runs it, loaded from
another process over loopback, knowing nothing of the app.

    .venv/bin/python scripts/outside.py --database-url URL --media DIR [--runs 15]
        [--page-cache] PATH [PATH ...]

Starts `gunicorn wsgi:app` (one sync worker, production settings, the given database),
then a separate client process asks each path `runs` times (one connection per request, after
one warm-up) and prints one JSON line per path: median and 95th percentile in ms, status,
bytes. scripts/benchmark.py --outside runs it on the same pages and compares: its own medians
must be within OUTSIDE_TOLERANCE of these, or the benchmark flatters.
"""

import argparse
import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADERS = {"Accept-Language": "fr", "User-Agent": "storyhub-outside"}


def server_env(url: str, media: str, page_cache: bool) -> dict[str, str]:
    """The environment of a production app server on this database."""
    return dict(
        os.environ,
        STORYHUB_ENV="production",
        DATABASE_URL=url,
        MEDIA_ROOT=media,
        SECRET_KEY=secrets.token_hex(32),
        SESSION_COOKIE_SECURE="0",
        PREFERRED_URL_SCHEME="http",
        PAGE_CACHE="1" if page_cache else "0",
        RATELIMIT_ENABLED="0",  # one client asks hundreds of times: not what limits are for
    )


def start_gunicorn(url: str, media: str, port: int, page_cache: bool) -> subprocess.Popen:
    """gunicorn wsgi:app with one sync worker, ready to answer."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=server_env(url, media, page_cache),
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/robots.txt", headers=HEADERS)
            connection.getresponse().read()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer")


def timed_get(port: int, path: str) -> tuple[float, int, int]:
    """(ms, status, bytes) of one GET on a new connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.perf_counter()
    connection.request("GET", path, headers=HEADERS)
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    return elapsed, response.status, len(body)


def load(port: int, paths: list[str], runs: int) -> None:
    """The client process: each path `runs` times after a warm-up; one JSON line per path."""
    for path in paths:
        timed_get(port, path)
        results = [timed_get(port, path) for _ in range(runs)]
        times = sorted(r[0] for r in results)
        line = {
            "path": path,
            "median": statistics.median(times),
            "p95": times[int(0.95 * (runs - 1))],
            "status": results[-1][1],
            "bytes": results[-1][2],
            "errors": sum(1 for r in results if r[1] >= 400),
            "times": times,
        }
        print(json.dumps(line), flush=True)


def measure(url: str, media: str, paths: list[str], runs: int, page_cache: bool) -> dict:
    """{path: figures} measured from outside against a fresh gunicorn on this database."""
    port = 40000 + secrets.randbelow(20000)
    server = start_gunicorn(url, media, port, page_cache)
    try:
        client = subprocess.run(
            [sys.executable, __file__, "--load", str(port), "--runs", str(runs), *paths],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        server.terminate()
        server.wait()
    found = (json.loads(line) for line in client.stdout.splitlines() if line.strip())
    return {item["path"]: item for item in found}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--database-url")
    parser.add_argument("--media", default="")
    parser.add_argument("--page-cache", action="store_true")
    parser.add_argument("--load", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        load(args.load, args.paths, args.runs)
        return 0
    if not args.database_url:
        parser.error("--database-url is required")
    figures = measure(args.database_url, args.media, args.paths, args.runs, args.page_cache)
    for path in args.paths:
        print(json.dumps(figures[path]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
