"""`flask generate-data --stories N`: a realistic site of N stories, written in bulk.

Everything is inserted with SQLAlchemy Core, many rows per statement and ids given in
Python, never through the ORM one object at a time. Photos are rows only: they all point at
a few real files made once, so that pages and media URLs work without N files on disk.
"""

import random
import time
from collections import Counter

from PIL import Image, ImageDraw

from storyhub.core.versions import mark_public_change
from storyhub.exchanges.models import Theme
from storyhub.extensions import db
from storyhub.media.processing.images import render_picture
from storyhub.media.storage import get_storage
from storyhub.synthetic.bulk import BulkWriter, bulk_load, search_index_built_after
from storyhub.synthetic.content import ContentMaker
from storyhub.synthetic.people import make_groups, make_territories

STORIES_PER_GROUP = 40
STORIES_PER_TERRITORY = 400
PICTURES = 4
COLOURS = ((214, 96, 48), (40, 120, 160), (90, 150, 70), (230, 190, 60))


def shared_pictures() -> list[dict]:
    """A few pictures processed like uploads, stored once under synthetic/ keys."""
    storage = get_storage()
    made = []
    for number, colour in enumerate(COLOURS[:PICTURES]):
        image = Image.new("RGB", (1600, 1000), colour)
        draw = ImageDraw.Draw(image)
        for step in range(0, 1600, 80):
            draw.ellipse((step, 300 + number * 60, step + 120, 420 + number * 60), fill="white")
        records = []
        for rendition in render_picture(image, [], f"s{number}"):
            key = f"synthetic/{number}/{rendition.name}"
            records.append(rendition.record(key, storage.save(key, rendition.data)))
        made.append({"width": image.width, "height": image.height, "renditions": records})
    return made


def generate_data(stories: int, seed: int = 2026, echo=print) -> Counter:
    """Write territories, groups, people and exchanges holding `stories` stories; row counts."""
    rng = random.Random(seed)
    theme_ids = list(db.session.scalars(db.select(Theme.id).order_by(Theme.id)))
    if not theme_ids:
        raise ValueError("no themes: run `flask db upgrade` first")
    pictures = shared_pictures()
    started = time.monotonic()
    with db.engine.connect() as conn:
        with bulk_load(conn):
            writer = BulkWriter(conn)
            territories = make_territories(writer, rng, max(4, stories // STORIES_PER_TERRITORY))
            groups = make_groups(writer, rng, territories, max(4, stories // STORIES_PER_GROUP))
            step = max(1000, stories // 20)
            shown = [0]

            def progress(done: int) -> None:
                if done - shown[0] >= step:
                    shown[0] = done
                    echo(f"  {done} stories ({time.monotonic() - started:.0f} s)")

            with search_index_built_after(conn):
                ContentMaker(writer, rng, groups, theme_ids, pictures).run(stories, progress)
                writer.flush()
            echo(f"  rows written ({time.monotonic() - started:.0f} s), building the indexes")
        writer.finish()
        echo(f"  indexes built and statistics gathered ({time.monotonic() - started:.0f} s)")
    mark_public_change()  # written through a connection: no listener saw it
    db.session.commit()
    return writer.counts
