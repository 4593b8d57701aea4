"""Rows of an expensive set-up, kept once and put back before each test that reads them.

The tests' tables are emptied after every test (tests/conftest.py). A module whose tests all
start from the same costly data (the demo with its painted and processed media) builds it once,
keeps its rows with `take()`, and each test puts them back with `restore(rows)`: the same rows,
ids and files as a fresh build, in a fraction of the time. Files stay where the build wrote them.
"""

import sqlalchemy as sa

from storyhub.core import versions
from storyhub.extensions import db


def _tables():
    return [t for t in db.metadata.sorted_tables if t.name != "theme"]


def take() -> dict[str, list[dict]]:
    """Every row of every table (parents first), except the themes the migrations seed."""
    return {
        table.name: [dict(row) for row in db.session.execute(sa.select(table)).mappings()]
        for table in _tables()
    }


def restore(rows: dict[str, list[dict]]) -> None:
    """Put the kept rows back into the emptied tables, with their ids."""
    postgresql = db.engine.dialect.name == "postgresql"
    # Foreign keys are checked at commit (SQLite) or not at all (PostgreSQL, superuser's restore
    # mode): a few tables point at each other (a place's picture, its creator) and the rows
    # are a copy of a consistent state.
    if postgresql:
        db.session.execute(sa.text("SET LOCAL session_replication_role = replica"))
    else:
        db.session.execute(sa.text("PRAGMA defer_foreign_keys = ON"))
    for table in reversed(_tables()):  # what the emptied tables still hold (the site version)
        db.session.execute(table.delete())
    for table in _tables():
        if rows.get(table.name):
            db.session.execute(table.insert(), rows[table.name])
    if postgresql:
        for table in _tables():
            for column in table.primary_key.columns:
                sequence = db.session.scalar(
                    sa.text("SELECT pg_get_serial_sequence(:table, :column)"),
                    {"table": f'"{table.name}"', "column": column.name},
                )
                if sequence and rows.get(table.name):
                    top = max(row[column.name] for row in rows[table.name])
                    db.session.execute(sa.text("SELECT setval(:s, :v)"), {"s": sequence, "v": top})
    db.session.info.pop(versions.CHANGED, None)  # the kept site version, not one more
    db.session.commit()
