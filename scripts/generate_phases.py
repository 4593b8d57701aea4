"""One `flask generate-data` run on a new database, timed phase by phase.

    .venv/bin/python scripts/generate_phases.py sqlite|postgresql STORIES [--workdir DIR]
        [--profile DIR] [--keep]

Migrates an empty database once (kept as a template: DIR/template.sqlite3, or the PostgreSQL
database storyhub_gen_template), copies it, runs the generator on the copy and prints: the
wall time and load average, the CPU of this process (the writer), of the forked child (the
row maker) and of PostgreSQL's backends for this run's connections, the time of each lane of
the writing (the main connection; on PostgreSQL the side connections writing the search rows),
and every statement that took more than 0.3 s (index builds, the full-text index, ANALYZE).
With --profile, cProfile files of the writer and of the child go to that directory. The copy
is dropped at the end unless --keep. Not a test: figures depend on the machine's load.
"""

import argparse
import cProfile
import os
import resource
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
ADMIN = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
SLOW = 0.3


def make_app(url: str, workdir: Path):
    from storyhub import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "MEDIA_ROOT": str(workdir / "media")})


def admin_run(*statements: str) -> list:
    engine = sa.create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        results = []
        for statement in statements:
            result = conn.execute(sa.text(statement))
            results.append(result.all() if result.returns_rows else [])
    engine.dispose()
    return results


def new_database(backend: str, stories: int, workdir: Path) -> str:
    """A copy of a migrated empty database (the template is migrated the first time)."""
    from flask_migrate import upgrade

    from storyhub.extensions import db

    if backend == "sqlite":
        template = workdir / "template.sqlite3"
        url = f"sqlite:///{template}"
    else:
        template = "storyhub_gen_template"
        url = ADMIN.rsplit("/", 1)[0] + f"/{template}"
        if not admin_run("SELECT 1 FROM pg_database WHERE datname = 'storyhub_gen_template'")[0]:
            admin_run(f'CREATE DATABASE "{template}"')
    app = make_app(url, workdir)
    with app.app_context():
        upgrade()  # a no-op once migrated to the head
        db.engine.dispose()
    if backend == "sqlite":
        path = workdir / f"generated-{stories}.sqlite3"
        path.unlink(missing_ok=True)
        shutil.copy(template, path)
        return f"sqlite:///{path}"
    name = f"storyhub_gen_{stories}"
    admin_run(
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'CREATE DATABASE "{name}" TEMPLATE "{template}"',
    )
    return ADMIN.rsplit("/", 1)[0] + f"/{name}"


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process of this machine (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Watch:
    """The phases of one run: lanes of the writing, slow statements, backends."""

    def __init__(self):
        self.started = time.monotonic()
        self.lanes: defaultdict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        self.slow: list[tuple[float, float, str]] = []
        self.backends: set[int] = set()

    def install(self, profile_dir: str | None) -> None:
        from storyhub.synthetic import bulk, generate

        sa.event.listen(sa.Engine, "connect", self._connected)
        sa.event.listen(sa.Engine, "before_cursor_execute", self._before)
        sa.event.listen(sa.Engine, "after_cursor_execute", self._after)
        write_rows = bulk._write_rows

        def timed(conn, batch):
            wall, cpu = time.monotonic(), time.thread_time()
            write_rows(conn, batch)
            names = {name for name, _, _ in batch}
            if not names:
                return write_rows(conn, batch)
            lane = "+".join(sorted(names)) if names <= set(bulk.SPREAD) else "main connection"
            self.lanes[lane][0] += time.monotonic() - wall
            self.lanes[lane][1] += time.thread_time() - cpu

        bulk._write_rows = timed
        if profile_dir:
            make_in_child = generate._make_in_child

            def profiled(*args):
                profiler = cProfile.Profile()
                profiler.enable()
                try:
                    make_in_child(*args)
                finally:
                    profiler.disable()
                    profiler.dump_stats(f"{profile_dir}/child.prof")

            generate._make_in_child = profiled

    def _connected(self, dbapi_connection, record):
        if hasattr(dbapi_connection, "info") and hasattr(dbapi_connection.info, "backend_pid"):
            self.backends.add(dbapi_connection.info.backend_pid)

    def _before(self, conn, cursor, statement, parameters, context, executemany):
        conn.info["statement_started"] = time.monotonic()

    def _after(self, conn, cursor, statement, parameters, context, executemany):
        took = time.monotonic() - conn.info.pop("statement_started", time.monotonic())
        if took > SLOW:
            at = time.monotonic() - self.started
            self.slow.append((at, took, " ".join(statement.split())[:100]))

    def echo(self, line: str) -> None:
        print(f"[{time.monotonic() - self.started:7.1f} s] {line}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("backend", choices=("sqlite", "postgresql"))
    parser.add_argument("stories", type=int)
    parser.add_argument("--workdir", type=Path, default=Path("instance/generate-phases"))
    parser.add_argument("--profile", help="directory for writer.prof and child.prof")
    parser.add_argument("--keep", action="store_true", help="keep the generated database")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("STORYHUB_ENV", "testing")
    url = new_database(args.backend, args.stories, args.workdir)

    from storyhub.extensions import db
    from storyhub.synthetic.generate import generate_data

    app = make_app(url, args.workdir)
    watch = Watch()
    watch.install(args.profile)
    with app.app_context():
        load_before = os.getloadavg()
        self_before = resource.getrusage(resource.RUSAGE_SELF)
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        profiler = cProfile.Profile() if args.profile else None
        watch.started = time.monotonic()
        if profiler:
            profiler.enable()
        counts = generate_data(args.stories, echo=watch.echo)
        if profiler:
            profiler.disable()
            profiler.dump_stats(f"{args.profile}/writer.prof")
        wall = time.monotonic() - watch.started
        backends = sum(process_cpu(pid) for pid in watch.backends)  # before the pool closes
        db.engine.dispose()
    own = resource.getrusage(resource.RUSAGE_SELF)
    child = resource.getrusage(resource.RUSAGE_CHILDREN)

    def cpu(after, before) -> float:
        return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime

    print(
        f"\n{args.backend}, {args.stories} stories, {sum(counts.values())} rows: wall {wall:.1f} s"
    )
    print(f"load average before {load_before}, after {os.getloadavg()} ({os.cpu_count()} CPUs)")
    print(
        f"CPU: writer {cpu(own, self_before):.1f} s, row maker (child) "
        f"{cpu(child, children_before):.1f} s"
        + (f", PostgreSQL backends {backends:.1f} s" if args.backend == "postgresql" else "")
    )
    for lane, (lane_wall, lane_cpu) in sorted(watch.lanes.items()):
        print(f"  writing, {lane}: {lane_wall:.1f} s wall, {lane_cpu:.1f} s CPU in the writer")
    print("statements over 0.3 s (at, took, statement):")
    for at, took, statement in watch.slow:
        print(f"  {at:7.1f} {took:6.1f}  {statement}")
    if not args.keep:
        if args.backend == "sqlite":
            Path(url.removeprefix("sqlite:///")).unlink()
        else:
            admin_run(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


if __name__ == "__main__":
    main()
