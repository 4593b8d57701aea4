"""Rows of an expensive set-up, kept once and put back before each test that reads them.

The tests' tables are emptied after every test (tests/conftest.py). A module whose tests all
start from the same costly data (the demo with its painted and processed media) builds it once,
keeps its rows with `take()`, and each test puts them back with `restore(rows)`: the same rows,
ids and files as a fresh build, in a fraction of the time. Files stay where the build wrote them.
"""

import dataclasses
from types import SimpleNamespace

import sqlalchemy as sa

from storyhub.core import versions
from storyhub.extensions import db
from tests.sql import SentThisTest


def _tables():
    return [t for t in db.metadata.sorted_tables if t.name != "theme"]


_SEQUENCES: list = []


def _sequences() -> list[tuple[str, str, str]]:
    """PostgreSQL: (table, id column, its sequence) of every table with one (looked up once)."""
    if not _SEQUENCES:
        for table in _tables():
            for column in table.primary_key.columns:
                sequence = db.session.scalar(
                    sa.text("SELECT pg_get_serial_sequence(:table, :column)"),
                    {"table": f'"{table.name}"', "column": column.name},
                )
                if sequence:
                    _SEQUENCES.append((table.name, column.name, sequence))
    return _SEQUENCES


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
    # What the emptied tables still hold (the site version): on PostgreSQL one script, one
    # round trip (psycopg sends a script given without parameters as it is).
    deletes = [table.delete() for table in reversed(_tables())]
    if postgresql:
        script = ";\n".join(str(delete.compile(dialect=db.engine.dialect)) for delete in deletes)
        db.session.connection().exec_driver_sql(script)
    else:
        for delete in deletes:
            db.session.execute(delete)
    for table in _tables():
        if rows.get(table.name):
            db.session.execute(table.insert(), rows[table.name])
    if postgresql:
        tops = [
            f"setval('{sequence}', {max(row[column] for row in rows[table])})"
            for table, column, sequence in _sequences()
            if rows.get(table)
        ]
        if tops:
            db.session.execute(sa.text("SELECT " + ", ".join(tops)))
    db.session.info.pop(versions.CHANGED, None)  # the kept site version, not one more
    db.session.commit()


_KEPT: dict = {}


def once(key, build):
    """`build()`'s data for a test, built once per run and put back for each later test.

    The first test that asks builds it and keeps its rows and the identities of the objects
    `build` returned; each later test gets the same rows back (`restore`) and the same objects
    found again by their ids, as a fresh `build()` would give them. Only into empty tables:
    when the test already sent SQL before asking (another fixture made rows first, which
    `restore` would wipe or collide with), it is built afresh."""
    kept = _KEPT.get(key)
    if SentThisTest.count:
        return build()
    if kept is None:
        built = build()
        db.session.commit()
        _KEPT[key] = (take(), _identities(built))
        return built
    rows, identities = kept
    restore(rows)
    return _found(identities)


class _Row(tuple):
    """(mapped class, primary key) of an object returned by a build."""


class _Made(tuple):
    """(class, {attribute: identities}) of a dataclass or namespace returned by a build."""


def _identities(value):
    if isinstance(value, db.Model):
        return _Row((type(value), sa.inspect(value).identity))
    if dataclasses.is_dataclass(value):
        fields = dataclasses.fields(value)
        return _Made((type(value), {f.name: _identities(getattr(value, f.name)) for f in fields}))
    if isinstance(value, SimpleNamespace):
        return _Made((SimpleNamespace, {k: _identities(v) for k, v in vars(value).items()}))
    if isinstance(value, dict):
        return {k: _identities(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_identities(v) for v in value)
    return value


def _found(identities):
    if isinstance(identities, _Row):
        model, key = identities
        return db.session.get(model, key)
    if isinstance(identities, _Made):
        kind, values = identities
        return kind(**{k: _found(v) for k, v in values.items()})
    if isinstance(identities, dict):
        return {k: _found(v) for k, v in identities.items()}
    if isinstance(identities, (list, tuple)):
        return type(identities)(_found(v) for v in identities)
    return identities
