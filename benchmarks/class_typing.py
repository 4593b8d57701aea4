"""A class typing its drafts while the public pages are loaded (benchmarks/load.py --typing).

    .venv/bin/python benchmarks/class_typing.py --database-url URL --media DIR [--every 0.5]

Takes 30 drafts of the database that have a young author and only text (written by `flask
generate-data`) and saves one of them, in turn, every `--every` seconds through the editor's own
service (storyhub.stories.services.save_story: the story, its blocks with new words in the
first, its save counter, as the editor's autosave does), until stopped (SIGTERM). Then prints, as JSON, how many saves were
made and the public content version before and after: with drafts unseen by the public
(storyhub/core/versions.py) the version, hence every page kept in the page cache, stays.
"""

import argparse
import json
import os
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from outside import server_env  # noqa: E402  (scripts/outside.py: production settings)

DRAFTS = 30  # a class


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--media", default="")
    parser.add_argument("--every", type=float, default=0.5, help="seconds between two saves")
    args = parser.parse_args()
    os.environ.update(server_env(args.database_url, args.media, True))
    from sqlalchemy import select

    from storyhub import create_app
    from storyhub.core.errors import DomainError
    from storyhub.core.versions import current_version
    from storyhub.extensions import db
    from storyhub.stories import services
    from storyhub.stories.blocks import BlockDraft
    from storyhub.stories.content import StoryInput
    from storyhub.stories.models import STATUS_DRAFT, Story

    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    app = create_app()
    with app.app_context():
        drafts = [
            story
            for story in db.session.scalars(
                select(Story).where(Story.status == STATUS_DRAFT).order_by(Story.id).limit(500)
            )
            if story.authors and story.blocks and all(b.kind == "text" for b in story.blocks)
        ][:DRAFTS]
        if not drafts:
            raise SystemExit("no draft with an author in this database")
        before = current_version()[0]
        saves = 0
        while not stopping:
            story = drafts[saves % len(drafts)]
            # The words of its first block grow, the others stay (the same blocks, by id).
            blocks = [BlockDraft(kind="text", id=b.id, body=b.body_html) for b in story.blocks]
            blocks[0].body = f"<p>Typed by the class, save {saves}.</p>"
            data = StoryInput(title=story.title, language=story.language, blocks=blocks)
            try:
                services.save_story(story, story.authors[0], data)
                saves += 1
            except DomainError:  # its round closed: the editor would say so; take the next
                db.session.rollback()
                drafts.remove(story)
                if not drafts:
                    raise
            time.sleep(args.every)
        db.session.remove()
        from flask import g

        g.pop("content_version", None)
        after = current_version()[0]
    print(json.dumps({"saves": saves, "version_before": before, "version_after": after}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
