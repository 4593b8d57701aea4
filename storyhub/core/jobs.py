"""Slow work run by RQ workers (`MEDIA_PROCESSING=rq`, `EXPORT_PROCESSING=rq`, `DIGEST_PROCESSING=rq`,
`PURGE_PROCESSING=rq`), on Redis.

A job names its task by dotted path (`"storyhub.media.jobs.process"`) and passes plain values
(ids, a locale): this module imports no domain package, and the worker imports the task when it
runs it. `run` gives each job an app context of its own and a clean database session; a job that
raises, runs past its timeout or whose process dies calls its `on_failure` task with the same
arguments, so the domain records the failure and tells the person (see media/jobs.py).

The periodic work that cron starts (digests, round notices, purges) goes through `dispatch`: one
job per unit of work (one person's digest, one round's notice, one purge batch), each idempotent,
retried up to RQ_RETRIES times RQ_RETRY_INTERVAL seconds apart, then kept in RQ's failed registry
and logged (`flask failed-jobs` lists them). With the mode left at "inline", the same units run
in the command's own process, one after the other; one that fails is logged and skipped.

Start workers with `flask worker` (each job in a forked process, so memory is given back after
every file), or `rq worker -w storyhub.core.jobs.StoryHubWorker storyhub` with the app's
environment: `run` builds the app itself when there is none.
"""

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

import click
from flask import Flask, current_app, has_app_context
from redis import Redis
from redis.exceptions import RedisError
from rq import Callback, Queue, Retry, SimpleWorker, Worker
from rq.job import Job
from rq.timeouts import UnixSignalDeathPenalty
from werkzeug.utils import import_string

log = logging.getLogger(__name__)
DEFAULTS = {
    "RQ_QUEUE": "storyhub",  # name of the queue (several sites may share one Redis)
    "RQ_JOB_TIMEOUT": 600,  # seconds a job may run before it is stopped and counted failed
    "RQ_RETRIES": 3,  # further tries of a failed periodic job (digest, notice, purge batch)
    "RQ_RETRY_INTERVAL": 60,  # seconds between them (0: at once)
    "DIGEST_PROCESSING": "inline",  # send-digests, send-round-notices, announce-round-ends
    "PURGE_PROCESSING": "inline",  # purge --apply, sweep-uploads
}
MODES = ("MEDIA_PROCESSING", "EXPORT_PROCESSING", "DIGEST_PROCESSING", "PURGE_PROCESSING")
PERIODIC_MODES = ("DIGEST_PROCESSING", "PURGE_PROCESSING")
_WORKER_APP: list[Flask] = []  # the app of a plain `rq worker`, built once per process
_WORKER_PID: list[int] = []  # the process of `flask worker`: jobs in other ones were forked


def init_jobs(app: Flask) -> None:
    """Fill the RQ_* settings; refuse to start a queue mode without Redis."""
    for key, default in DEFAULTS.items():
        if key not in app.config:
            raw = os.environ.get(key)
            app.config[key] = default if raw is None else type(default)(raw.strip())
    for mode in PERIODIC_MODES:
        if app.config[mode] not in ("inline", "rq"):
            raise RuntimeError(f"{mode} is 'inline' or 'rq', not {app.config[mode]!r}")
    for mode in MODES:
        if app.config.get(mode) == "rq" and not app.config.get("REDIS_URL"):
            raise RuntimeError(f"{mode}=rq needs REDIS_URL (the queue lives in Redis)")


def uses_queue(mode: str) -> bool:
    """True when this kind of work (one of MODES) goes to the workers."""
    return current_app.config.get(mode) == "rq"


def connection(app: Flask | None = None) -> Redis:
    """A Redis connection for the queue (REDIS_URL)."""
    return Redis.from_url((app or current_app).config["REDIS_URL"])


def queue(app: Flask | None = None) -> Queue:
    """The app's job queue."""
    app = app or current_app._get_current_object()
    return Queue(app.config["RQ_QUEUE"], connection=connection(app))


def enqueue(task: str, *args, on_failure: str | None = None, retries: int = 0) -> Job:
    """Queue `task(*args)` for a worker, tried again up to `retries` times if it fails;
    `on_failure(*args)` runs once it failed for good."""
    config = current_app.config
    interval = int(config["RQ_RETRY_INTERVAL"])
    return queue().enqueue_call(
        run,
        args=(task, *args),
        timeout=int(config["RQ_JOB_TIMEOUT"]),
        result_ttl=3600,
        failure_ttl=7 * 24 * 3600,
        meta={"on_failure": on_failure},
        on_failure=Callback(job_failed),
        retry=Retry(max=retries, interval=interval) if retries > 0 else None,
    )


def dispatch(mode: str, task: str, *args):
    """One unit of periodic work: queued when `mode` is "rq" (True), else run now (its result,
    or None when it raised: logged, rolled back, and the next unit runs all the same)."""
    from storyhub.extensions import db

    if uses_queue(mode):
        enqueue(task, *args, retries=int(current_app.config["RQ_RETRIES"]))
        return True
    try:
        return import_string(task)(*args)
    except Exception:
        log.exception("%s%r failed; the next run tries it again", task, args)
        db.session.rollback()
        return None


@contextmanager
def queue_reachable() -> Iterator[None]:
    """For a cron command: an unreachable queue ends it with a message and exit status 1."""
    try:
        yield
    except RedisError as error:
        log.exception("the job queue cannot be reached")
        raise click.ClickException(
            f"The job queue (REDIS_URL) cannot be reached ({error}): what is left was not "
            "queued; the next run queues it."
        ) from None


def failed_jobs(app: Flask | None = None) -> list[Job]:
    """The jobs that failed for good and are still kept (RQ's failed registry, 7 days)."""
    registry = queue(app).failed_job_registry
    found = Job.fetch_many(registry.get_job_ids(), connection=registry.connection)
    return [job for job in found if job is not None]


def _app() -> Flask:
    """The app of this worker: the one `flask worker` runs in, or one built for `rq worker`."""
    if has_app_context():
        return current_app._get_current_object()
    if not _WORKER_APP:
        from storyhub import create_app

        _WORKER_APP.append(create_app())
    return _WORKER_APP[0]


def run(task: str, *args):
    """Run one job in an app context of its own (what the worker executes)."""
    from storyhub.extensions import db

    forked = bool(_WORKER_PID) and os.getpid() != _WORKER_PID[0]
    with _app().app_context():
        if forked:  # connections copied from the parent stay the parent's
            db.engine.dispose(close=False)
        try:
            return import_string(task)(*args)
        finally:
            db.session.remove()
            if forked:  # the process ends after this job: close its connections cleanly
                db.engine.dispose()


def describe_failure(job: Job) -> str:
    """One line for a failed job: when, its id, its task and arguments, its last error line."""
    result = job.latest_result()
    lines = (result.exc_string or "").strip().splitlines() if result else []
    task, *args = job.args
    when = f"{job.ended_at:%Y-%m-%d %H:%M}" if job.ended_at else "?"
    return f"{when} {job.id} {task}{tuple(args)!r}: {lines[-1] if lines else '?'}"


def job_failed(job: Job, connection, *exc_info) -> None:
    """RQ's failure callback (an exception or the timeout), and the worker's for a killed job:
    logged; once no try is left, the job's `on_failure` task runs."""
    error = exc_info[1] if len(exc_info) > 1 else None
    if job.retries_left:
        log.warning(
            "job %s %r failed (%r); %d more tries", job.id, job.args, error, job.retries_left
        )
        return
    log.error("job %s %r failed for good (%r)", job.id, job.args, error)
    handler = (job.meta or {}).get("on_failure")
    if handler:
        log.warning("job %s (%s) failed: running %s", job.id, job.args[:1], handler)
        run(handler, *job.args[1:])


class JobTimedOut(BaseException):
    """A job ran past RQ_JOB_TIMEOUT. Not an Exception: no `except Exception` in a task may take
    our timeout for the person's mistake (a file "damaged"); RQ fails the job, on_failure runs."""


class DeathPenalty(UnixSignalDeathPenalty):
    """RQ's timeout by SIGALRM, raising JobTimedOut."""

    def handle_death_penalty(self, signum, frame):
        """The alarm rang: stop the job."""
        raise JobTimedOut(f"the job ran past its {self._timeout} seconds")


class StoryHubWorker(Worker):
    """RQ's forking worker; a job whose process died (out of memory, killed) fails cleanly too."""

    death_penalty_class = DeathPenalty

    def handle_work_horse_killed(self, job, retpid, ret_val, rusage):
        """The job's process ended without reporting: run its failure task here."""
        super().handle_work_horse_killed(job, retpid, ret_val, rusage)
        try:
            job_failed(job, self.connection)
        finally:  # the next job is forked from here: it must not inherit a connection
            _dispose_connections()


class SimpleStoryHubWorker(SimpleWorker):
    """Jobs in the worker's own process (no fork): for tests and platforms without fork."""

    death_penalty_class = DeathPenalty


def _dispose_connections() -> None:
    """A forked job must never share a database connection with its parent worker."""
    from storyhub.extensions import db

    if has_app_context():
        db.engine.dispose()


def work(app: Flask, *, burst: bool = False, simple: bool = False) -> bool:
    """Run a worker on the app's queue until stopped (or until it is empty, with burst)."""
    from storyhub.extensions import db

    db.session.remove()
    _dispose_connections()  # the start-up sweep's, before any job is forked
    _WORKER_PID[:] = [os.getpid()]
    kind = SimpleStoryHubWorker if simple else StoryHubWorker
    worker = kind([queue(app)], connection=connection(app))
    # The scheduler puts a retried job back on the queue after RQ_RETRY_INTERVAL.
    return worker.work(burst=burst, with_scheduler=True)
