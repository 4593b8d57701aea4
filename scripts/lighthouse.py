"""Lighthouse (mobile) on the immersive pages of the demo data: a story with a 360° view, its
pair reading view, its exchange page and the exchange's walk. Not part of the test suite.

    .venv/bin/python scripts/lighthouse.py            # scores, weight, what failed
    .venv/bin/python scripts/lighthouse.py --keep     # keep the reports' folder

Needs Lighthouse from npm (`npm install -g lighthouse`, or it runs through `npx --yes`) and
Chromium at CHROME_PATH (default /usr/bin/chromium). Builds a fresh SQLite site with
`flask seed-demo` (media included) in a temporary folder, serves it with gunicorn as production
does, and writes the JSON reports to test-artifacts/lighthouse/.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test-artifacts" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _flask(env: dict, *args: str) -> str:
    done = subprocess.run(
        [str(ROOT / ".venv/bin/flask"), *args], env=env, cwd=ROOT, check=True, capture_output=True
    )
    return done.stdout.decode()


FIND_PAGES = """
from storyhub import create_app
from storyhub.extensions import db
from storyhub.public.queries import public_stories
from storyhub.stories.models import Story, Block
app = create_app()
with app.app_context():
    with_view = db.select(Block.story_id).where(Block.kind == "panorama")
    story = db.session.scalars(
        public_stories().where(Story.id.in_(with_view)).order_by(Story.id)
    ).first()
    print(f"story /stories/{story.id}")
    print(f"pair /rounds/{story.round_id}/read")
    print(f"exchange /exchanges/{story.round.exchange_id}")
    print(f"walk /exchanges/{story.round.exchange_id}/walk")
"""


def _lighthouse() -> list[str]:
    found = shutil.which("lighthouse")
    return [found] if found else ["npx", "--yes", "lighthouse"]


def _wait(url: str) -> None:
    for _ in range(120):
        try:
            urllib.request.urlopen(url, timeout=5)  # noqa: S310 (our own site, http)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the site did not start at {url}")


def _report(name: str, path: Path) -> dict:
    data = json.loads(path.read_text())
    scores = {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES}
    audits = data["audits"]
    failed = []
    for category in ("accessibility", "best-practices"):
        for ref in data["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                failed.append(f"{category}: {audit['title']}")
    weight = audits["total-byte-weight"]["numericValue"]
    lcp = audits["largest-contentful-paint"]["numericValue"]
    return {"page": name, **scores, "kb": round(weight / 1024), "lcp_s": lcp / 1000, "failed": failed}


def main() -> int:
    keep = "--keep" in sys.argv
    work = Path(tempfile.mkdtemp(prefix="storyhub-lighthouse-"))
    port = _free_port()
    env = {
        **os.environ,
        "FLASK_APP": "wsgi.py",
        "DATABASE_URL": f"sqlite:///{work / 'site.sqlite3'}",
        "MEDIA_ROOT": str(work / "media"),
        "RATELIMIT_ENABLED": "false",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
    }
    print("Building the demo site (migrations, seed-demo with media)…", flush=True)
    _flask(env, "db", "upgrade")
    _flask(env, "seed-demo")
    pages = dict(
        line.split(" ", 1)
        for line in subprocess.run(
            [str(ROOT / ".venv/bin/python"), "-c", FIND_PAGES],
            env=env, cwd=ROOT, check=True, capture_output=True,
        ).stdout.decode().splitlines()
        if " /" in line
    )  # fmt: skip
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/python"), "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}",
         "wsgi:app"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    results = []
    try:
        site = f"http://127.0.0.1:{port}"
        _wait(site + "/")
        OUT.mkdir(parents=True, exist_ok=True)
        for name, path in pages.items():
            report = OUT / f"{name}.json"
            print(f"Lighthouse (mobile): {site}{path}", flush=True)
            subprocess.run(
                [*_lighthouse(), site + path, "--quiet", "--output=json",
                 f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}",
                 f"--only-categories={','.join(CATEGORIES)}"],
                env=env, check=True,
            )  # fmt: skip
            results.append(_report(name, report))
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\n{'page':10} perf  a11y  b.p.  seo   weight    LCP")
    for r in results:
        print(
            f"{r['page']:10} {r['performance']:4}  {r['accessibility']:4}  "
            f"{r['best-practices']:4}  {r['seo']:4}  {r['kb']:5} KB  {r['lcp_s']:.1f} s"
        )
        for line in r["failed"]:
            print(f"    {line}")
    print(f"\nReports: {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
