"""Wiring is explicit: a guard that protects a child holds in a process that never imported a
view (a CLI command, a job worker, a future API), not only behind the web pages."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs in a fresh interpreter: a bare Flask app (not create_app, which registers every view),
# tables created from the models, a submitted story whose photo shows a young person without
# image consent. Prints what happened and which views modules were imported.
SCRIPT = textwrap.dedent(
    """
    import sys
    from flask import Flask
    from storyhub.extensions import babel, db
    from storyhub import models  # noqa: F401  (every table)
    from storyhub.stories.models import Block
    from storyhub.stories.services import approve_story
    from storyhub.media.models import MediaItem
    from storyhub.exchanges.models import Theme
    from tests import factories

    app = Flask("worker")
    app.config.update(SQLALCHEMY_DATABASE_URI="sqlite://", MEDIA_ROOT=sys.argv[1])
    db.init_app(app)
    babel.init_app(app)
    with app.app_context():
        db.create_all()
        db.session.add(Theme(slug="living-together", name_fr="Vivre ensemble",
                             name_en="Living together"))
        educator = factories.make_educator()
        group = factories.make_group(educator)
        tom = factories.make_young(group, name="Tom", image=False)
        round_ = factories.make_round(factories.make_exchange(group))
        story = factories.make_story(round_, group, authors=[tom], status="submitted")
        photo = MediaItem(kind="image", status="ready", group_id=group.id, story_id=story.id,
                          storage_key="k", alt_text="Tom on a bench", renditions=[],
                          blur_regions=[], people=[tom])
        story.blocks.append(Block(kind="image", position=1, media=photo))
        db.session.commit()
        try:
            approve_story(story, educator)
            print("APPROVED", story.status)
        except Exception as error:
            print("REFUSED", type(error).__name__, story.status)
    views = sorted(m for m in sys.modules if m.startswith("storyhub") and m.endswith("views"))
    print("VIEWS", views)
    """
)


def test_approval_refuses_missing_image_consent_in_a_process_without_views(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "REFUSED ImageConsentMissing submitted" in lines
    assert "VIEWS []" in lines
