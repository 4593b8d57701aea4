"""Load benchmark: the public pages under concurrent load, as production serves them.

    .venv/bin/python benchmarks/load.py --database-url URL --media DIR
        [--workers 2] [--connections 16] [--duration 10] [--page-cache both|on|off]
        [--only NAME ...] [--json out.json] [--bare-each] [--typing SECONDS]

Fill the database first (`flask db upgrade` then `flask generate-data --stories 100000`).
For each page cache setting (PAGE_CACHE=1, then 0) it starts `gunicorn wsgi:app` (sync
workers, production settings, the given database), then loads each public page and the bare
route /healthz (no database, no template) from a second process over loopback: wrk
(`apt-get install wrk`) when installed, otherwise a small Python load tool (threads, one
keep-alive connection each; it needs more CPU than wrk, so its figures are lower). Prints per
page: requests per second, median and 99th percentile latency, errors (non-2xx/3xx answers and
socket errors), the ratio of the page's requests per second to the bare route's (measured
before and after the pages, the mean of both; with --bare-each, also after every page, and each
ratio is to the bare runs on either side of its page; each page is asked a few times at once
before its load, so that every worker's page cache holds it), the largest resident memory of a
worker after the page; then the peak memory (VmHWM) of each app process. Ratio targets (issue
10): at least 0.5 with the page cache on, 0.2 with it off. With --typing, a class saves its
drafts through the editor's service all along (benchmarks/class_typing.py), and the run says how
many saves were made and whether the public content version moved. Not part of the test suite:
figures, not checks.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from benchmark import page_urls  # noqa: E402  (scripts/benchmark.py: the pages and their ids)
from outside import server_env  # noqa: E402  (scripts/outside.py: production settings)

BARE = "/healthz"
HEADERS = {"Accept-Language": "fr", "Accept-Encoding": "gzip", "User-Agent": "storyhub-load"}
TARGETS = {True: 0.5, False: 0.2}  # least ratio to the bare route, page cache on / off
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def free_port() -> int:
    """A port nobody listens on now (a fixed guess could fall on one of the thousands of
    loopback connections the load left waiting in TIME_WAIT, and gunicorn could not bind it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(url: str, media: str, port: int, workers: int, cache: bool):
    """gunicorn as production runs it (sync workers), answering /healthz."""
    env = server_env(url, media, cache)
    env.setdefault("WEB_CONCURRENCY", str(workers))
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        *("--workers", str(workers), "--bind", f"127.0.0.1:{port}"),
        *("--timeout", "300", "--log-level", "warning", "wsgi:app"),
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped")
        try:
            if get(port, BARE)[0] == 200 and len(worker_pids(server.pid)) == workers:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer")


def get(port: int, path: str) -> tuple[int, int]:
    """(status, bytes) of one GET."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    connection.request("GET", path, headers=HEADERS)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, len(body)


def warm_up(port: int, path: str, workers: int) -> tuple[int, int]:
    """(status, bytes) of the page, asked first by two clients per worker at once, twice: while
    one sync worker builds the page another takes the next connection, so each worker's own
    page cache (in-process when there is no Redis) holds the page before the load starts."""
    answers: list[tuple[int, int]] = []

    def ask() -> None:
        answers.append(get(port, path))

    for _ in range(2):
        threads = [threading.Thread(target=ask) for _ in range(2 * workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return answers[0]


def drain(port: int) -> None:
    """Wait for the requests the client left queued (slow pages) before the next load."""
    for _ in range(3):
        get(port, BARE)


def worker_pids(master: int) -> list[int]:
    """The master's child processes (gunicorn's workers)."""
    try:
        return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    except OSError:
        return []


def memory_mb(pid: int, field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of a process, in MB."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    found = re.search(rf"^{field}:\s+(\d+) kB", status, re.M)
    return int(found.group(1)) / 1024 if found else 0.0


def _ms(value: str, unit: str) -> float:
    return float(value) * UNITS[unit]


def run_wrk(port: int, path: str, connections: int, duration: int) -> dict:
    """wrk on one path: requests/s, p50, p99 (ms), requests, errors."""
    headers = [arg for name, value in HEADERS.items() for arg in ("-H", f"{name}: {value}")]
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "60s"]
    out = subprocess.run(
        [*command, *headers, f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = (int(bad.group(1)) if bad else 0) + (sum(map(int, socket.groups())) if socket else 0)
    figures = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "errors": errors,
    }
    for key, value in latency.items():
        number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", value).groups()
        figures[f"p{key}"] = _ms(number, unit)
    return figures


def run_python(port: int, path: str, connections: int, duration: int) -> dict:
    """The same figures as run_wrk, from threads each keeping one connection open."""
    times: list[float] = []
    errors = [0]
    deadline = time.monotonic() + duration

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=HEADERS)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors[0] += 1
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            times.append((time.perf_counter() - started) * 1000)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    ordered = sorted(times) or [0.0]
    return {
        "rps": len(times) / elapsed,
        "requests": len(times),
        "errors": errors[0],
        "p50": statistics.median(ordered),
        "p99": ordered[int(0.99 * (len(ordered) - 1))],
    }


def load_page(port: int, path: str, args) -> dict:
    """Load one path from another process (wrk, or this script with --client)."""
    if shutil.which("wrk"):
        return run_wrk(port, path, args.connections, args.duration)
    command = [sys.executable, __file__, "--client", str(port), path]
    command += ["--connections", str(args.connections), "--duration", str(args.duration)]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def measure(url: str, media: str, pages: dict[str, str], cache: bool, args) -> dict:
    """Every page and the bare route loaded against a fresh gunicorn with PAGE_CACHE on/off."""
    port = free_port()
    server = start_gunicorn(url, media, port, args.workers, cache)
    typing = start_typing(url, media, args.typing) if args.typing else None
    try:
        results: dict[str, dict] = {}
        first_bare = load_page(port, BARE, args)
        drain(port)
        bare_before = first_bare
        for name, path in pages.items():
            status, size = warm_up(port, path, args.workers)
            figures = load_page(port, path, args)
            drain(port)
            if args.bare_each:  # the bare route right after each page too (a shared machine)
                bare_after = load_page(port, BARE, args)
                figures["bare_rps"] = (bare_before["rps"] + bare_after["rps"]) / 2
                bare_before = bare_after
            pids = worker_pids(server.pid)
            figures.update(path=path, status=status, kb=size / 1024)
            figures["rss"] = max(memory_mb(pid, "VmRSS") for pid in pids)
            results[name] = figures
            print(f"  {name}: {figures['rps']:.1f} req/s", file=sys.stderr, flush=True)
        last_bare = load_page(port, BARE, args)
        peaks = {"master": memory_mb(server.pid, "VmHWM")}
        peaks.update({f"worker {pid}": memory_mb(pid, "VmHWM") for pid in worker_pids(server.pid)})
    finally:
        typed = stop_typing(typing) if typing else None
        server.terminate()
        server.wait()
    bare_rps = (first_bare["rps"] + last_bare["rps"]) / 2
    for figures in results.values():
        bare = figures.get("bare_rps", bare_rps)
        figures["ratio"] = figures["rps"] / bare if bare else 0.0
    run = {"bare": [first_bare, last_bare], "bare_rps": bare_rps, "pages": results, "peak": peaks}
    return run | ({"typing": typed} if typed else {})


def start_typing(url: str, media: str, every: float) -> subprocess.Popen:
    """A class saving its drafts every `every` seconds meanwhile (benchmarks/class_typing.py)."""
    command = [sys.executable, str(ROOT / "benchmarks" / "class_typing.py"), "--database-url", url]
    command += ["--media", media, "--every", str(every)]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)


def stop_typing(typing: subprocess.Popen) -> dict:
    """Stop the class typing; what it did (saves, the content version before and after)."""
    typing.terminate()
    out, _ = typing.communicate(timeout=60)
    return json.loads(out.strip().splitlines()[-1]) if out.strip() else {"saves": 0}


def report(run: dict, cache: bool, args) -> list[str]:
    """The printed table of one run; the pages under the ratio target."""
    target = TARGETS[cache]
    first, last = run["bare"]
    print(
        f"\nPAGE_CACHE={int(cache)}  ({args.workers} sync workers, wrk -c{args.connections}, "
        f"{args.duration} s per page)"
    )
    print(
        f"bare route {BARE}: {first['rps']:.0f} req/s before the pages, "
        f"{last['rps']:.0f} after (p50 {first['p50']:.1f} / {last['p50']:.1f} ms, "
        f"errors {first['errors'] + last['errors']})"
    )
    print(
        f"{'page':20} {'st':>3} {'req/s':>8} {'n':>6} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} "
        f"{'ratio':>6} {'KB':>7} {'rss MB':>7}  target >= {target}"
    )
    missed = []
    for name, f in run["pages"].items():
        ok = f["ratio"] >= target and f["errors"] == 0 and f["status"] < 400
        missed += [] if ok else [name]
        done = f["requests"] > 0  # none completed: no latency to show, only "slower than -d"
        p50, p99 = (f"{f['p50']:>8.1f}", f"{f['p99']:>8.1f}") if done else (f"{'-':>8}",) * 2
        print(
            f"{name:20} {f['status']:>3} {f['rps']:>8.1f} {f['requests']:>6} {p50} "
            f"{p99} {f['errors']:>6} {f['ratio']:>6.3f} {f['kb']:>7.1f} "
            f"{f['rss']:>7.1f}  {'ok' if ok else 'MISSED'}"
            + (f"  (bare {f['bare_rps']:.0f} req/s)" if "bare_rps" in f else "")
        )
    peaks = ", ".join(f"{name} {mb:.0f} MB" for name, mb in run["peak"].items())
    print(f"peak memory (VmHWM): {peaks}")
    if typed := run.get("typing"):
        print(
            f"meanwhile a class typed its drafts: {typed['saves']} saves through the editor's "
            f"service, public content version {typed.get('version_before')} -> "
            f"{typed.get('version_after')}"
        )
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="the database to serve (filled beforehand)")
    parser.add_argument("--media", default="", help="MEDIA_ROOT of that database")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--page-cache", choices=("both", "on", "off"), default="both")
    parser.add_argument("--only", nargs="*", help="page names to load (default: all)")
    parser.add_argument("--json", help="write every figure to this file")
    parser.add_argument(
        "--bare-each",
        action="store_true",
        help="also load the bare route after each page; each ratio is then to the mean of the "
        "bare runs just before and after its page (steadier when other work shares the machine)",
    )
    parser.add_argument(
        "--typing",
        type=float,
        metavar="SECONDS",
        help="meanwhile a class saves its drafts, one save every SECONDS (benchmarks/class_typing.py)",
    )
    parser.add_argument("--client", type=int, help=argparse.SUPPRESS)
    parser.add_argument("path", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        print(json.dumps(run_python(args.client, args.path, args.connections, args.duration)))
        return 0
    if not args.database_url:
        parser.error("--database-url is required")
    pages = page_urls(args.database_url, Path(args.media or ROOT / "instance" / "media"))
    if args.only:
        pages = {name: path for name, path in pages.items() if name in args.only}
    load = os.getloadavg()
    print(
        f"StoryHub load benchmark, {args.database_url.split(':', 1)[0]}, "
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs, "
        f"client: {'wrk' if shutil.which('wrk') else 'python'}"
    )
    settings = {"both": (True, False), "on": (True,), "off": (False,)}[args.page_cache]
    runs, missed = {}, []
    for cache in settings:
        runs[f"cache_{'on' if cache else 'off'}"] = run = measure(
            args.database_url, args.media, pages, cache, args
        )
        missed += [
            f"{name} (cache {'on' if cache else 'off'})" for name in report(run, cache, args)
        ]
    load = os.getloadavg()
    print(f"\nload average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    print(f"below target or with errors: {', '.join(missed) or 'none'}")
    if args.json:
        Path(args.json).write_text(json.dumps(runs, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
