"""`flask generate-data --stories N`: a realistic site of N stories, written in bulk.

Everything is inserted with SQLAlchemy Core, many rows per statement and ids given in
Python, never through the ORM one object at a time. Photos are rows only: they all point at
a few real files made once, so that pages and media URLs work without N files on disk.
"""

import multiprocessing
import random
import time
import traceback
from collections import Counter
from queue import Empty

from PIL import Image, ImageDraw

from storyhub.core.versions import mark_public_change
from storyhub.exchanges.models import Theme
from storyhub.extensions import db
from storyhub.media.processing.images import render_picture
from storyhub.media.storage import get_storage
from storyhub.synthetic.bulk import BulkWriter
from storyhub.synthetic.bulk_mode import bulk_load, search_index_built_after
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
    """Write territories, groups, people and exchanges holding `stories` stories; row counts.

    Two processes share the work: a forked child makes the rows and prepares them for the
    driver, batch after batch, while this process writes them (on a busy machine each process
    gets its own share of the CPU, and making and writing overlap)."""
    theme_ids = list(db.session.scalars(db.select(Theme.id).order_by(Theme.id)))
    if not theme_ids:
        raise ValueError("no themes: run `flask db upgrade` first")
    pictures = shared_pictures()
    started = time.monotonic()
    step = max(1000, stories // 20)
    shown = [0]

    def progress(done: int) -> None:
        if done - shown[0] >= step:
            shown[0] = done
            echo(f"  {done} stories ({time.monotonic() - started:.0f} s)")

    with db.engine.connect() as conn:
        with bulk_load(conn) as side:
            writer = BulkWriter(conn, side=side)
            with search_index_built_after(conn):
                plan = (stories, seed, theme_ids, pictures, progress)
                _write_what_a_child_makes(writer, plan)
                writer.finish()
            echo(f"  rows written ({time.monotonic() - started:.0f} s), building the indexes")
        echo(f"  indexes built and statistics gathered ({time.monotonic() - started:.0f} s)")
    mark_public_change()  # written through a connection: no listener saw it
    db.session.commit()
    return writer.counts


def make_rows(writer, plan) -> None:
    """Every row of the site, given to the writer (which writes them or sends them on)."""
    stories, seed, theme_ids, pictures, progress = plan
    rng = random.Random(seed)
    territories = make_territories(writer, rng, max(4, stories // STORIES_PER_TERRITORY))
    groups = make_groups(writer, rng, territories, max(4, stories // STORIES_PER_GROUP))
    ContentMaker(writer, rng, groups, theme_ids, pictures).run(stories, progress)
    writer.flush()


def _make_in_child(queue, dialect, ids, plan) -> None:
    """The child: makes the rows from the ids the database is at, sends prepared batches,
    then the ids it reached and the counts (or what went wrong). Never touches the database."""
    try:
        maker = BulkWriter(
            None, dialect=dialect, ids=ids, send=lambda batch: queue.put(("rows", batch))
        )
        make_rows(maker, plan)
        queue.put(("done", (maker.ids, maker.counts)))
    except BaseException:  # noqa: BLE001 (told to the parent, which raises it)
        queue.put(("error", traceback.format_exc()))


def _write_what_a_child_makes(writer: BulkWriter, plan) -> None:
    """Fork the row maker and write its batches as they come (at most a few wait in the
    queue, so memory stays bounded); raise if it fails or dies."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=3)
    child = context.Process(
        target=_make_in_child, args=(queue, writer.dialect, writer.ids, plan), daemon=True
    )
    child.start()
    try:
        while True:
            try:
                kind, payload = queue.get(timeout=2)
            except Empty:
                if not child.is_alive():
                    raise RuntimeError("the process making the rows stopped") from None
                continue
            if kind == "rows":
                writer.write(payload)
            elif kind == "done":
                ids, counts = payload
                writer.ids.update(ids)
                writer.counts.update(counts)
                return
            else:
                raise RuntimeError(f"making the rows failed:\n{payload}")
    finally:
        child.join(timeout=10)
        if child.is_alive():
            child.terminate()
            child.join()
