"""Counting the SQL statements a piece of code sends: the one helper of every query-count test."""

from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy import event

from storyhub.extensions import db


@contextmanager
def count_queries():
    """Count the SQL statements sent while the block runs: `with count_queries() as n: ...`."""
    statements = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


class SentThisTest:
    """The SQL statements sent by any engine, in any thread, since the test began (counted for
    the db_independent check and tests/snapshot.py; reset by tests/conftest.py: app_context)."""

    count = 0
    first: str | None = None


@sa.event.listens_for(sa.Engine, "before_cursor_execute")
def _count_statement(conn, cursor, statement, parameters, context, executemany):
    SentThisTest.count += 1
    if SentThisTest.first is None:
        SentThisTest.first = statement
