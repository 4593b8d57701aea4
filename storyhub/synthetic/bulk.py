"""Buffered bulk inserts: rows gathered per table, written many per statement, parents first.

Rows go to the database driver directly, not through SQLAlchemy's per-row parameter
handling: COPY on PostgreSQL, one prepared INSERT run over every row (executemany) on SQLite.
Each column's own SQLAlchemy conversion (dates, JSON) is applied, so what is stored is what
the ORM would store.
"""

from collections import Counter
from contextlib import contextmanager
from datetime import date, datetime
from itertools import repeat
from operator import itemgetter

from sqlalchemy import Date, DateTime, func, select, text
from sqlalchemy.dialects.sqlite import DATE as SQLITE_DATE
from sqlalchemy.dialects.sqlite import DATETIME as SQLITE_DATETIME

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

    def __init__(self, conn, batch: int = 100_000, *, dialect=None, ids=None, send=None):
        self.conn = conn
        self.dialect = dialect or conn.dialect
        self.batch = batch
        self.send = send  # when given, prepared batches go there: another process writes them
        self.tables = {name: db.metadata.tables[name] for name in ORDER}
        self.rows: dict[str, list[dict]] = {name: [] for name in ORDER}
        self.pending = 0
        self.counts: Counter = Counter()
        self.ids = dict(ids) if ids is not None else {name: self._max_id(name) for name in WITH_ID}

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
        """Every buffer as one batch, parents first: written here (one COPY or executemany per
        table, then a commit) or handed to `send`."""
        batch = []
        for name in ORDER:
            rows = self.rows[name]
            if rows:
                batch.append(self._prepare(name, rows))
                self.counts[name] += len(rows)
                rows.clear()
        self.pending = 0
        if self.send is not None:
            self.send(batch)
        else:
            self.write(batch)

    def write(self, batch: list[tuple[str, list[str], list[tuple]]]) -> None:
        """Prepared rows of each table through the driver, then commit."""
        cursor = self.conn.connection.dbapi_connection.cursor()
        for name, columns, values in batch:
            quoted = ", ".join(f'"{column}"' for column in columns)
            if self.dialect.name == "postgresql":
                with cursor.copy(f'COPY "{name}" ({quoted}) FROM STDIN') as copy:
                    for value in values:
                        copy.write_row(value)
            else:
                marks = ", ".join("?" for _ in columns)
                insert = f'INSERT INTO "{name}" ({quoted}) VALUES ({marks})'  # noqa: S608
                cursor.executemany(insert, values)
        cursor.close()
        self.conn.commit()

    def _prepare(self, name: str, rows: list[dict]) -> tuple[str, list[str], list[tuple]]:
        """The rows of one table (all with the same keys) as the driver takes them, converted
        column by column with C-level map/zip (the per-row Python work was most of the CPU)."""
        dialect = self.dialect
        table = self.tables[name]
        given = list(rows[0])
        defaults = _defaults(table, rows[0])
        columns = given + list(defaults)
        data = (
            list(zip(*map(itemgetter(*given), rows), strict=True))
            if len(given) > 1
            else [[row[given[0]] for row in rows]]
        )
        data += [repeat(value, len(rows)) for value in defaults.values()]
        for position, column in enumerate(columns):
            convert = _converter(table.c[column].type, dialect)
            if convert:
                data[position] = map(convert, data[position])
        return name, columns, list(zip(*data, strict=True))

    def finish(self) -> None:
        """Write what is left; on PostgreSQL move each id sequence past the ids given here."""
        self.flush()
        if self.dialect.name == "postgresql":
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


def _sqlite_datetime(value: datetime | None) -> str | None:
    """SQLAlchemy's SQLite DATETIME text (same characters, so comparisons in SQL hold), made
    by isoformat in C (strftime builds a time tuple and handles %f in Python); the UTC
    offset of an aware time is cut, as SQLAlchemy drops it."""
    return None if value is None else value.isoformat(" ", "microseconds")[:26]


def _sqlite_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _converter(column_type, dialect):
    """How one column's Python values become what the driver is given (None: as they are)."""
    if dialect.name == "sqlite":
        impl = column_type.dialect_impl(dialect)
        default_storage = "_storage_format" not in vars(impl)
        if isinstance(column_type, DateTime) and isinstance(impl, SQLITE_DATETIME):
            if default_storage:
                return _sqlite_datetime
        elif isinstance(column_type, Date) and isinstance(impl, SQLITE_DATE) and default_storage:
            return _sqlite_date
    return column_type._cached_bind_processor(dialect)


def _defaults(table, row: dict) -> dict:
    """The Python-side defaults of the columns a row leaves out, as an INSERT would fill them."""
    found = {}
    for column in table.c:
        default = column.default
        if column.name in row or default is None or default.is_sequence:
            continue
        found[column.name] = default.arg(None) if default.is_callable else default.arg
    return found


SQLITE_BULK_PRAGMAS = {
    "foreign_keys": "OFF",  # the generator gives every id itself, parents first
    "journal_mode": "OFF",  # no rollback journal: a failed run means generating again
    "synchronous": "OFF",
    "cache_size": "-500000",  # 500 MB of pages
    "temp_store": "MEMORY",  # the sorts of the index builds at the end
}


@contextmanager
def bulk_load(conn):
    """The database set up for one big load, and put back as it was afterwards (even when
    generation fails): on SQLite, the pragmas above; on PostgreSQL, no waiting for the WAL on
    commit and, for a superuser, foreign-key triggers off for this session. The secondary
    indexes of the generator's tables are dropped and built again at the end: one sort per
    index instead of a random B-tree insert per row (at a million stories the inserts into the
    indexes were most of the writing)."""
    sqlite = conn.dialect.name == "sqlite"
    conn.commit()
    if sqlite:
        saved = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in SQLITE_BULK_PRAGMAS
        }
        for name, value in SQLITE_BULK_PRAGMAS.items():
            conn.exec_driver_sql(f"PRAGMA {name}={value}")
    else:
        conn.exec_driver_sql("SET synchronous_commit = off")
        conn.exec_driver_sql("SET maintenance_work_mem = '512MB'")
        is_super = conn.exec_driver_sql(
            "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
        )
        replica = bool(is_super.scalar())
        if replica:
            conn.exec_driver_sql("SET session_replication_role = replica")
    conn.commit()
    indexes = drop_secondary_indexes(conn, ORDER)
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    finally:
        for statement in indexes:
            conn.exec_driver_sql(statement)
        conn.commit()
        if sqlite:
            for name, value in saved.items():
                conn.exec_driver_sql(f"PRAGMA {name}={value}")
        else:
            for setting in ("synchronous_commit", "maintenance_work_mem"):
                conn.exec_driver_sql(f"RESET {setting}")
            if replica:
                conn.exec_driver_sql("RESET session_replication_role")
        conn.commit()


def drop_secondary_indexes(conn, tables) -> list[str]:
    """Drop the indexes of these tables that no constraint needs (not primary keys nor
    UNIQUE constraints); return the statements that create them again."""
    if conn.dialect.name == "sqlite":
        marks = ", ".join("?" for _ in tables)
        found = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "  # noqa: S608
            f"AND tbl_name IN ({marks})",
            tuple(tables),
        ).all()
    else:
        found = conn.exec_driver_sql(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = "
            "current_schema() AND i.tablename = ANY(%(tables)s) AND NOT EXISTS (SELECT 1 FROM "
            "pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || "
            "quote_ident(i.indexname))::regclass)",
            {"tables": list(tables)},
        ).all()
    for name, _ in found:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    conn.commit()
    return [definition for _, definition in found]
