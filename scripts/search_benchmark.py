"""Search at scale, measured from outside: 20 different queries, 95th percentile under 50 ms.

    .venv/bin/python scripts/search_benchmark.py [--stories 100000] [--db sqlite|postgresql]
        [--runs 10] [--workdir DIR]

Fills (or reuses, with --workdir) a synthetic site like scripts/benchmark.py, starts gunicorn
on it (scripts/outside.py: production settings, one worker, page cache off — search pages are
never cached anyway) and asks each query `runs` times from a separate client process. Prints
each query's median and p95 and the p95 over every request; exits 1 when that is over
TARGET_P95_MS or any answer is not a 200.
"""

import argparse
import sys
import tempfile
from pathlib import Path

import bench_sites
import outside

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--workdir", type=Path, help="keep the database here and reuse it")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="storyhub-search-"))
    workdir.mkdir(parents=True, exist_ok=True)
    url, empty = bench_sites.database_url(args.db, args.stories, workdir, args.workdir is not None)
    try:
        bench_sites.fill(url, args.stories, workdir / "media", empty)
        paths = search_paths()
        figures = outside.measure(url, str(workdir / "media"), paths, args.runs, False)
    finally:
        if args.workdir is None:
            bench_sites.drop_database(url)
    print(f"Search over {args.stories} stories on {args.db}, from outside ({args.runs} each)")
    print(f"{'query':<44}{'st':>4}{'median':>8}{'p95':>8}{'KB':>6}")
    every, errors = [], 0
    for path in paths:
        found = figures[path]
        every.extend(found["times"])
        errors += found["errors"] + (found["status"] != 200)
        print(
            f"{path:<44}{found['status']:>4}{found['median']:>8.1f}{found['p95']:>8.1f}"
            f"{found['bytes'] / 1024:>6.1f}"
        )
    every.sort()
    p95 = every[int(0.95 * (len(every) - 1))]
    verdict = "ok" if p95 <= TARGET_P95_MS and not errors else "MISSED"
    print(
        f"\np95 over {len(every)} requests: {p95:.1f} ms (target {TARGET_P95_MS}); "
        f"errors: {errors}  {verdict}"
    )
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
