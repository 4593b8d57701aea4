"""DIGEST_PROCESSING=rq and PURGE_PROCESSING=rq: the cron commands (send-digests,
send-round-notices, announce-round-ends, purge, sweep-uploads) queue one job per unit of work
(a person's digest, a round, a purge batch) on the real Redis, run by real workers; a job done
twice does its work once, a failing one is tried again a bounded number of times, then kept and
reported, and never stops the others. Without the setting, the same units run inline."""

import logging
import os
import smtplib
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from storyhub.accounts.models import User
from storyhub.core.jobs import enqueue
from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.notifications import digest
from storyhub.notifications.models import Notification
from storyhub.notifications.services import notify
from storyhub.privacy import purge
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
DIGEST = "storyhub.notifications.digest.send_digest"


@pytest.fixture
def config(app, monkeypatch):
    def change(**values):
        for key, value in values.items():
            monkeypatch.setitem(app.config, key, value)

    return change


@pytest.fixture
def queued(config, job_queue):
    """Digests and purges go to a queue of this test's own; a failed job is tried twice more,
    at once (the worker in burst mode runs the tries in the same pass)."""
    config(DIGEST_PROCESSING="rq", PURGE_PROCESSING="rq", RQ_RETRIES=2, RQ_RETRY_INTERVAL=0)
    return job_queue


def _opted_in(name):
    educator = factories.make_educator(name=name)
    educator.email_digest, educator.locale = True, "en"
    db.session.commit()
    notify([educator], "story_submitted", "/moderation/", story=f"Story for {name}")
    db.session.commit()
    return educator


def _emailed(user) -> list:
    query = db.select(Notification.emailed_at).filter_by(user_id=user.id)
    return list(db.session.scalars(query))


def _mails(app, user) -> int:
    return sum(mail["To"] == user.email for mail in app.extensions.get("storyhub_outbox", []))


def _worker_process(app, queue_name, redis_url, **env) -> subprocess.CompletedProcess:
    """`flask worker --burst` in its own process, on the test database and media folder."""
    env = {
        **os.environ,
        "STORYHUB_ENV": "testing",
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "MEDIA_ROOT": str(app.config["MEDIA_ROOT"]),
        "REDIS_URL": redis_url,
        "RQ_QUEUE": queue_name,
        "MAIL_SERVER": "",
        **env,
    }
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_digests_are_queued_one_per_educator_and_sent_by_a_real_worker(app, queued, redis_url):
    first, second = _opted_in("Ana"), _opted_in("Bruno")
    factories.make_educator(name="Not opted in")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["send-digests", "--base-url", "https://sh.example"])
    assert result.exit_code == 0 and "2 digest(s) queued." in result.output, result.output
    assert len(queued.queue) == 2 and app.extensions.get("storyhub_outbox", []) == []
    assert _emailed(first) == [None] and _emailed(second) == [None]

    done = _worker_process(app, queued.queue.name, redis_url, DIGEST_PROCESSING="rq")
    assert done.returncode == 0, done.stderr[-3000:]
    for person in (first, second):  # the worker process's mail, logged without MAIL_SERVER
        said = f"Mail (no MAIL_SERVER set) to {person.email}: StoryHub: 1 new notification"
        assert done.stderr.count(said) == 1, done.stderr[-3000:]
        assert f"Story for {person.display_name}" in done.stderr
    db.session.expire_all()
    assert all(_emailed(first)) and all(_emailed(second))
    assert len(queued.queue) == 0 and len(queued.queue.finished_job_registry) == 2
    again = runner.invoke(args=["send-digests"])
    assert "0 digest(s) queued." in again.output and len(queued.queue) == 0


def test_a_digest_job_run_twice_or_retried_mails_once(app, queued, monkeypatch):
    educator = _opted_in("Ana")
    real_send, calls = digest.send_mail, []

    def fails_once(*args):
        calls.append(args)
        if len(calls) == 1:
            raise smtplib.SMTPException("421 try again later")
        real_send(*args)

    monkeypatch.setattr(digest, "send_mail", fails_once)
    # cron ran twice before any worker was free: the same digest is queued twice
    assert digest.send_digests("https://sh.example") == 1
    assert digest.send_digests("https://sh.example") == 1
    queued.run()
    assert len(calls) == 2  # the failed try, then its retry; the second job found nothing
    assert _mails(app, educator) == 1
    assert all(_emailed(educator))
    assert queued.queue.failed_job_registry.get_job_ids() == []
    assert len(queued.queue.finished_job_registry) == 2
    enqueue(DIGEST, educator.id, "https://sh.example")  # a late duplicate does nothing either
    queued.run()
    assert _mails(app, educator) == 1 and len(calls) == 2


def test_a_digest_sent_by_two_workers_at_the_same_moment_goes_once(app, monkeypatch):
    educator = _opted_in("Ana")
    real_send, meanwhile = digest.send_mail, []

    def slow_send(*args):
        if not meanwhile:  # another worker runs the same digest while this one is mailing
            meanwhile.append("running")
            meanwhile[0] = digest.send_digest(educator.id, "https://sh.example")
        real_send(*args)

    monkeypatch.setattr(digest, "send_mail", slow_send)
    assert digest.send_digest(educator.id, "https://sh.example") is True
    assert meanwhile == [False] and _mails(app, educator) == 1


def test_a_digest_that_keeps_failing_is_reported_and_does_not_stop_the_others(
    app, queued, monkeypatch, caplog
):
    broken, fine = _opted_in("Broken"), _opted_in("Fine")
    real_send, tries = digest.send_mail, []

    def refuses_one(to, subject, body):
        if to == broken.email:
            tries.append(to)
            raise smtplib.SMTPRecipientsRefused({to: (550, b"mailbox unavailable")})
        real_send(to, subject, body)

    monkeypatch.setattr(digest, "send_mail", refuses_one)
    # the migrations' logging set-up (alembic's fileConfig) turned the module loggers off
    monkeypatch.setattr(logging.getLogger("storyhub.core.jobs"), "disabled", False)
    assert digest.send_digests("https://sh.example") == 2
    with caplog.at_level(logging.WARNING, logger="storyhub.core.jobs"):
        queued.run()
    assert len(tries) == 3  # the first try and RQ_RETRIES=2 more, then no more
    assert _mails(app, fine) == 1 and all(_emailed(fine))
    assert _emailed(broken) == [None]  # kept for the next digest
    [failed_id] = queued.queue.failed_job_registry.get_job_ids()
    logged = [r.getMessage() for r in caplog.records if r.name == "storyhub.core.jobs"]
    assert sum("more tries" in line for line in logged) == 2, logged
    assert sum(failed_id in line and "failed for good" in line for line in logged) == 1
    report = app.test_cli_runner().invoke(args=["failed-jobs"])
    assert report.exit_code == 1
    assert f"{failed_id} {DIGEST}({broken.id}, 'https://sh.example')" in report.output
    assert "SMTPRecipientsRefused" in report.output and "1 failed job(s)." in report.output


def test_inline_a_failing_digest_does_not_stop_the_others(app, config, monkeypatch):
    config(DIGEST_PROCESSING="inline")
    broken, fine = _opted_in("Broken"), _opted_in("Fine")
    real_send = digest.send_mail

    def refuses_one(to, subject, body):
        if to == broken.email:
            raise smtplib.SMTPRecipientsRefused({to: (550, b"mailbox unavailable")})
        real_send(to, subject, body)

    monkeypatch.setattr(digest, "send_mail", refuses_one)
    result = app.test_cli_runner().invoke(args=["send-digests"])
    assert "1 digest(s) sent." in result.output
    assert _mails(app, fine) == 1 and _emailed(broken) == [None]


def test_round_ends_are_announced_through_the_queue_once(app, queued):
    exchange = factories.make_exchange()
    young = [
        factories.make_young(group) for group in (exchange.inviting_group, exchange.invited_group)
    ]
    today = date.today()
    factories.make_round(exchange, "Over?", today - timedelta(20), today - timedelta(1))
    runner = app.test_cli_runner()
    assert "1 round(s) queued." in runner.invoke(args=["announce-round-ends"]).output
    assert "1 round(s) queued." in runner.invoke(args=["announce-round-ends"]).output  # not run yet
    queued.run()
    told = db.session.scalars(
        db.select(Notification.user_id).filter_by(kind="round_over_your_turn")
    )
    assert sorted(told) == sorted(person.id for person in young)  # once, though queued twice
    assert "0 round(s) queued." in runner.invoke(args=["announce-round-ends"]).output


def _due_for_purge(app):
    """An expired join code and an old notification."""
    group = factories.make_group(factories.make_educator())
    group.join_code = "ABCD2345"
    group.join_code_created_at = utcnow() - timedelta(days=app.config["JOIN_CODE_DAYS"] + 1)
    old = Notification(user_id=group.educators[0].id, kind="story_submitted", params={})
    old.created_at = utcnow() - timedelta(days=app.config["RETENTION_NOTIFICATION_DAYS"] + 1)
    db.session.add(old)
    db.session.commit()
    return group


def test_the_purge_is_queued_in_batches_and_done_by_a_real_worker(app, queued, redis_url):
    group = _due_for_purge(app)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["purge", "--apply"])
    assert result.exit_code == 0, result.output
    assert "expired_join_codes: 1 queued for deletion" in result.output
    assert "old_notifications: 1 queued for deletion" in result.output
    assert len(queued.queue) == 2  # one batch per kind with something to remove
    db.session.expire_all()
    assert db.session.get(Group, group.id).join_code == "ABCD2345"

    done = _worker_process(app, queued.queue.name, redis_url, PURGE_PROCESSING="rq")
    assert done.returncode == 0, done.stderr[-3000:]
    db.session.expire_all()
    assert db.session.get(Group, group.id).join_code is None
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 0
    assert len(queued.queue.finished_job_registry) == 2
    dry = runner.invoke(args=["purge"])
    assert "expired_join_codes: 0 would be deleted" in dry.output


def test_a_purge_batch_run_again_or_no_longer_due_removes_nothing(app, queued):
    group = _due_for_purge(app)
    young = factories.make_young(group)
    young.last_login_at = utcnow() - timedelta(days=800)
    young.inactivity_notice_at = utcnow() - timedelta(days=40)
    db.session.commit()
    purge.purge(apply=True)
    purge.purge(apply=True)  # cron twice before the workers: every batch queued twice
    young.last_login_at = utcnow()  # signed in between the queueing and the worker
    db.session.commit()
    queued.run()
    assert db.session.get(User, young.id) is not None  # no longer due: kept
    assert db.session.get(Group, group.id).join_code is None
    assert queued.queue.failed_job_registry.get_job_ids() == []
    assert purge.purge_batch("expired_join_codes", utcnow(), [group.id]) == 0


@pytest.mark.parametrize("mode", ["DIGEST_PROCESSING", "PURGE_PROCESSING"])
def test_a_periodic_queue_mode_needs_redis_and_a_known_value(database_url, mode):
    from storyhub import create_app

    with pytest.raises(RuntimeError, match=f"{mode}=rq needs REDIS_URL"):
        create_app("testing", {"SQLALCHEMY_DATABASE_URI": database_url, mode: "rq"})
    with pytest.raises(RuntimeError, match=f"{mode} is 'inline' or 'rq'"):
        create_app("testing", {"SQLALCHEMY_DATABASE_URI": database_url, mode: "yes"})


def test_a_real_worker_retries_a_failing_digest_later_then_reports_it(app, queued, redis_url):
    """RQ_RETRY_INTERVAL: the worker's scheduler puts the job back after the interval; once no
    try is left the job is failed, logged, and listed by flask failed-jobs."""
    import signal
    import time

    app.config["RQ_RETRY_INTERVAL"] = 1  # restored by the fixture's monkeypatch
    educator = _opted_in("Ana")
    assert digest.send_digests("https://sh.example") == 1
    env = {
        **os.environ,
        "STORYHUB_ENV": "testing",
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "MEDIA_ROOT": str(app.config["MEDIA_ROOT"]),
        "REDIS_URL": redis_url,
        "RQ_QUEUE": queued.queue.name,
        "MAIL_SERVER": "127.0.0.1",  # nothing listens on port 1: every try fails
        "MAIL_PORT": "1",
    }
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "worker"]
    worker = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 120
        while not queued.queue.failed_job_registry.get_job_ids():
            assert worker.poll() is None and time.monotonic() < deadline, "no failed job"
            time.sleep(0.5)
    finally:
        worker.send_signal(signal.SIGTERM)
        output = worker.communicate(timeout=60)[0]
    assert output.count("more tries") == 2, output[-3000:]
    assert output.count("failed for good") == 1, output[-3000:]
    db.session.expire_all()
    assert _emailed(educator) == [None]  # given back: the next digest will carry it
    report = app.test_cli_runner().invoke(args=["failed-jobs"])
    assert report.exit_code == 1 and f"{DIGEST}({educator.id}, " in report.output
    assert "ConnectionRefusedError" in report.output, report.output


@pytest.mark.parametrize(
    "command, mode",
    [(["send-digests"], "DIGEST_PROCESSING"), (["purge", "--apply"], "PURGE_PROCESSING")],
)
def test_an_unreachable_queue_ends_the_command_with_a_message(app, config, command, mode):
    educator = _opted_in("Ana")
    group = _due_for_purge(app)
    config(**{mode: "rq", "REDIS_URL": "redis://127.0.0.1:1/0", "RQ_QUEUE": "unreachable"})
    result = app.test_cli_runner().invoke(args=command)
    assert result.exit_code == 1, result.output
    assert "The job queue (REDIS_URL) cannot be reached" in result.output
    assert "Traceback" not in result.output
    db.session.expire_all()
    assert _emailed(educator) == [None] and db.session.get(Group, group.id).join_code
