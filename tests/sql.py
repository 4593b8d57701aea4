"""Counting the SQL statements a piece of code sends: the one helper of every query-count test."""

from contextlib import contextmanager

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
