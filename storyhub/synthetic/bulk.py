"""Buffered bulk inserts: rows gathered per table, written many per statement, parents first.

Rows go to the database driver directly, not through SQLAlchemy's per-row parameter
handling: COPY on PostgreSQL, one prepared INSERT run over every row (executemany) on SQLite.
Each column's own SQLAlchemy conversion (dates, JSON) is applied, so what is stored is what
the ORM would store.
"""

from collections import Counter
from contextlib import contextmanager

from sqlalchemy import func, select, text

from storyhub.extensions import db

# Parents before children: a flush writes every buffer in this order, so each row's
# foreign keys point at rows written in the same flush or an earlier one.
ORDER = (
    "territory",
    "youth_group",
    "user",
    "group_educator",
    "consent",
    "exchange",
    "exchange_theme",
    "round",
    "story",
    "story_author",
    "story_theme",
    "media_item",
    "block",
    "reaction",
    "comment",
    "moderation_entry",
    "search_document",
)
WITH_ID = (
    "territory",
    "youth_group",
    "user",
    "consent",
    "exchange",
    "round",
    "story",
    "media_item",
    "block",
    "reaction",
    "comment",
    "moderation_entry",
)


class BulkWriter:
    """Ids given in Python (so children can point at parents before they are written)."""

    def __init__(self, conn, batch: int = 20000):
        self.conn = conn
        self.batch = batch
        self.tables = {name: db.metadata.tables[name] for name in ORDER}
        self.rows: dict[str, list[dict]] = {name: [] for name in ORDER}
        self.pending = 0
        self.counts: Counter = Counter()
        self.ids = {name: self._max_id(name) for name in WITH_ID}

    def _max_id(self, name: str) -> int:
        table = self.tables[name]
        return self.conn.scalar(select(func.coalesce(func.max(table.c.id), 0)))

    def new_id(self, name: str) -> int:
        """The next free id of a table."""
        self.ids[name] += 1
        return self.ids[name]

    def add(self, name: str, row: dict) -> None:
        """Buffer one row; write everything once the buffers hold a batch."""
        self.rows[name].append(row)
        self.pending += 1
        if self.pending >= self.batch:
            self.flush()

    def flush(self) -> None:
        """Write every buffer (one COPY or executemany per table) and commit."""
        cursor = self.conn.connection.dbapi_connection.cursor()
        for name in ORDER:
            rows = self.rows[name]
            if rows:
                self._write(cursor, name, rows)
                self.counts[name] += len(rows)
                rows.clear()
        cursor.close()
        self.pending = 0
        self.conn.commit()

    def _write(self, cursor, name: str, rows: list[dict]) -> None:
        """The rows of one table (all with the same keys) through the driver."""
        dialect = self.conn.dialect
        table = self.tables[name]
        defaults = _defaults(table, rows[0])
        if defaults:
            rows = [{**defaults, **row} for row in rows]
        columns = list(rows[0])
        converters = [table.c[column].type._cached_bind_processor(dialect) for column in columns]
        if any(converters):
            pairs = list(zip(columns, converters, strict=True))
            values = [
                tuple(convert(row[c]) if convert else row[c] for c, convert in pairs)
                for row in rows
            ]
        else:
            values = [tuple(row[c] for c in columns) for row in rows]
        quoted = ", ".join(f'"{column}"' for column in columns)
        if dialect.name == "postgresql":
            with cursor.copy(f'COPY "{name}" ({quoted}) FROM STDIN') as copy:
                for value in values:
                    copy.write_row(value)
        else:
            marks = ", ".join("?" for _ in columns)
            insert = f'INSERT INTO "{name}" ({quoted}) VALUES ({marks})'  # noqa: S608 (our names)
            cursor.executemany(insert, values)

    def finish(self) -> None:
        """Write what is left; on PostgreSQL move each id sequence past the ids given here."""
        self.flush()
        if self.conn.dialect.name == "postgresql":
            for name in WITH_ID:
                sequence = func.pg_get_serial_sequence(f'"{name}"', "id")
                self.conn.execute(select(func.setval(sequence, max(self.ids[name], 1))))
        self.conn.execute(text("ANALYZE"))
        self.conn.commit()


@contextmanager
def search_index_built_after(conn):
    """The full-text index built once at the end, not row by row: on SQLite the insert
    trigger feeding FTS5 is set aside and the index rebuilt; on PostgreSQL the GIN indexes
    of search_document are dropped and created again. Restored even if generation fails."""
    if conn.dialect.name == "sqlite":
        saved = (
            conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'search_document_ai'"
            )
            .scalars()
            .all()
        )
        if saved:
            conn.exec_driver_sql("DROP TRIGGER search_document_ai")
            saved.append("INSERT INTO search_document_fts(search_document_fts) VALUES ('rebuild')")
    else:
        indexes = conn.exec_driver_sql(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = 'search_document' AND indexdef ~ ' USING gin '"
        ).all()
        for name, _ in indexes:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
        saved = [definition for _, definition in indexes]
    conn.commit()
    try:
        yield
    except BaseException:
        conn.rollback()  # a failed statement leaves the transaction unusable
        raise
    finally:
        for statement in saved:
            conn.exec_driver_sql(statement)
        conn.commit()


def _defaults(table, row: dict) -> dict:
    """The Python-side defaults of the columns a row leaves out, as an INSERT would fill them."""
    found = {}
    for column in table.c:
        default = column.default
        if column.name in row or default is None or default.is_sequence:
            continue
        found[column.name] = default.arg(None) if default.is_callable else default.arg
    return found


def fast_sqlite(conn) -> None:
    """Generated data can be regenerated: skip the fsync of every commit on SQLite."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA synchronous=OFF")
        conn.exec_driver_sql("PRAGMA cache_size=-200000")
