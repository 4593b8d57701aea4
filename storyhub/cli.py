"""flask commands: create-admin, seed-demo, generate-data, purge, announce-round-ends,
sweep-uploads, worker, failed-jobs, media-bucket-cors, send-round-notices."""

import click
from flask import Flask

from storyhub.core.errors import DomainError


def register_cli(app: Flask) -> None:
    """Attach the commands to the app."""

    @app.cli.command("create-admin")
    @click.option("--email", prompt=True)
    @click.option("--name", prompt="Display name", default="Admin")
    @click.password_option()
    def create_admin_command(email: str, name: str, password: str) -> None:
        """Create a platform admin account."""
        from storyhub.accounts.services import create_admin

        try:
            user = create_admin(email, name, password)
        except DomainError as error:
            raise click.ClickException(error.message) from error
        click.echo(f"Admin {user.email} created.")

    @app.cli.command("seed-demo")
    @click.option("--without-media", is_flag=True, help="Skip painting and uploading the media.")
    def seed_demo_command(without_media: bool) -> None:
        """Fill the database with demo territories, groups, people, stories and their media."""
        from storyhub.demo import seed_demo

        if app.config.get("STORYHUB_ENV") == "production":
            raise click.ClickException(
                "seed-demo is for development: its accounts have published passwords."
            )

        lines = seed_demo(with_media=not without_media)
        click.echo("\n".join(lines))

    @app.cli.command("generate-data")
    @click.option("--stories", type=click.IntRange(1, 10_000_000), required=True)
    @click.option("--seed", type=int, default=2026, show_default=True)
    def generate_data_command(stories: int, seed: int) -> None:
        """Fill the database with a synthetic site of N stories (load tests, benchmarks)."""
        import time

        from storyhub.synthetic.generate import generate_data

        if app.config.get("STORYHUB_ENV") == "production":
            raise click.ClickException("generate-data is for test databases, not production.")
        started = time.monotonic()
        counts = generate_data(stories, seed=seed, echo=click.echo)
        for table, count in sorted(counts.items()):
            click.echo(f"{table}: {count}")
        click.echo(f"{sum(counts.values())} rows in {time.monotonic() - started:.1f} s")

    @app.cli.command("purge")
    @click.option("--apply", is_flag=True, help="Delete for real (without it: a dry run).")
    @click.option("--dry-run", "dry_run", is_flag=True, help="Only count (the default).")
    def purge_command(apply: bool, dry_run: bool) -> None:
        """Delete what the retention periods say is no longer needed (daily, from cron)."""
        from storyhub.core.jobs import queue_reachable, uses_queue
        from storyhub.privacy.purge import KINDS, purge

        if apply and dry_run:
            raise click.UsageError("Choose --apply or --dry-run, not both.")
        with queue_reachable():
            counts = purge(apply=apply)
        verb = "deleted" if apply else "would be deleted"
        if apply and uses_queue("PURGE_PROCESSING"):
            verb = "queued for deletion"
        for kind in KINDS:
            click.echo(f"{kind.name}: {counts[kind.name]} {verb} ({kind.what})")
        if not apply:
            click.echo("Dry run: nothing was deleted. Run `flask purge --apply` to delete.")

    @app.cli.command("announce-round-ends")
    def announce_round_ends_command() -> None:
        """Tell the young people of each round just over that it is their turn to say what
        changed for them, once per round (daily, from cron)."""
        from storyhub.core.jobs import queue_reachable, uses_queue
        from storyhub.impact.turns import announce_round_ends

        verb = "queued" if uses_queue("DIGEST_PROCESSING") else "announced"
        with queue_reachable():
            announced = announce_round_ends()
        click.echo(f"{announced} round(s) {verb}.")

    @app.cli.command("sweep-uploads")
    def sweep_uploads_command() -> None:
        """Fail uploads interrupted while processing and delete their originals (also in purge)."""
        from storyhub.core.jobs import queue_reachable, uses_queue
        from storyhub.privacy.purge import SWEEP, purge

        with queue_reachable():
            counts = purge(apply=True, kinds=SWEEP)
        queued = " (queued)" if uses_queue("PURGE_PROCESSING") else ""
        click.echo(
            f"interrupted_uploads: {counts['interrupted_uploads']} marked failed, "
            f"originals deleted{queued}"
        )
        click.echo(f"stray_originals: {counts['stray_originals']} deleted{queued}")

    @app.cli.command("worker")
    @click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
    @click.option("--simple", is_flag=True, help="Run each job in this process (no fork).")
    def worker_command(burst: bool, simple: bool) -> None:
        """Run queued jobs (MEDIA_, EXPORT_, DIGEST_, PURGE_PROCESSING=rq) until stopped."""
        from storyhub.core.jobs import work

        if not app.config.get("REDIS_URL"):
            raise click.ClickException("flask worker needs REDIS_URL: the queue lives in Redis.")
        work(app, burst=burst, simple=simple)

    @app.cli.command("media-bucket-cors")
    @click.option(
        "--check", is_flag=True, help="Only say whether the rule is there (exit 1 if not)."
    )
    def media_bucket_cors_command(check: bool) -> None:
        """Give the object store's bucket the CORS rule the panorama viewer needs (once, with
        keys allowed s3:PutBucketCORS)."""
        from storyhub.media.s3 import CORS_RULES
        from storyhub.media.storage import get_storage

        storage = get_storage()
        if not hasattr(storage, "cors_rules"):
            raise click.ClickException("media-bucket-cors is for MEDIA_STORAGE=s3.")
        if not check:
            storage.set_cors_rules()
        if storage.cors_rules() != CORS_RULES:
            click.echo(f"The bucket {storage.bucket} lacks the CORS rule: {CORS_RULES}")
            raise SystemExit(1)
        click.echo(f"The bucket {storage.bucket} has the CORS rule: {CORS_RULES}")

    @app.cli.command("failed-jobs")
    def failed_jobs_command() -> None:
        """List the queued jobs that failed for good (kept 7 days), newest last; exits 1 if any."""
        from storyhub.core.jobs import describe_failure, failed_jobs

        if not app.config.get("REDIS_URL"):
            raise click.ClickException(
                "flask failed-jobs needs REDIS_URL: the queue lives in Redis."
            )
        jobs = failed_jobs(app)
        for job in sorted(jobs, key=lambda job: job.ended_at or job.created_at):
            click.echo(describe_failure(job))
        click.echo(f"{len(jobs)} failed job(s).")
        if jobs:
            raise SystemExit(1)

    @app.cli.command("send-round-notices")
    def send_round_notices_command() -> None:
        """Tell both groups of a round that opened, and remind once a group that has not
        answered a round closing within two days (run it every hour)."""
        from storyhub.core.jobs import queue_reachable, uses_queue
        from storyhub.stories.round_notices import send_round_notices

        with queue_reachable():
            opened, closing = send_round_notices()
        queued = uses_queue("DIGEST_PROCESSING")
        click.echo(f"rounds_opened: {opened} {'queued' if queued else 'announced'}")
        click.echo(f"rounds_closing: {closing} {'queued' if queued else 'reminded'}")
