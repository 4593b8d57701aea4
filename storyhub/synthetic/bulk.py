"""Buffered bulk inserts: rows gathered per table, written many per statement, parents first.

Rows go to the database driver directly, not through SQLAlchemy's per-row parameter
handling: COPY on PostgreSQL, one prepared INSERT run over every row (executemany) on SQLite.
The makers build each row as a tuple already holding what the driver takes (dates and times
from Clock, JSON as text), so what is stored is what the ORM would store with no per-value
conversion here.
"""

import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, time, timedelta
from itertools import repeat
from operator import add

from sqlalchemy import Date, DateTime, func, select
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
# PostgreSQL computes each search row's tsvector (a generated column): most of the load's
# server time, so these rows are shared among side connections when there are some.
SPREAD = ("search_document",)
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
    """Rows gathered per table as tuples (the makers declare each table's column order once)
    and ids given in Python (so children can point at parents before they are written)."""

    def __init__(self, conn, batch: int = 100_000, *, dialect=None, ids=None, send=None, side=()):
        self.conn = conn
        self.side = list(side)  # connections writing the SPREAD tables beside conn
        self.pool = ThreadPoolExecutor(len(self.side)) if self.side else None
        self.dialect = dialect or conn.dialect
        self.batch = batch
        self.send = send  # when given, prepared batches go there: another process writes them
        self.tables = {name: db.metadata.tables[name] for name in ORDER}
        self.rows: dict[str, list[tuple]] = {name: [] for name in ORDER}
        self.columns: dict[str, tuple[str, ...]] = {}
        self.counts: Counter = Counter()
        self.ids = dict(ids) if ids is not None else {name: self._max_id(name) for name in WITH_ID}

    def _max_id(self, name: str) -> int:
        table = self.tables[name]
        return self.conn.scalar(select(func.coalesce(func.max(table.c.id), 0)))

    def new_id(self, name: str) -> int:
        """The next free id of a table."""
        self.ids[name] += 1
        return self.ids[name]

    def table(self, name: str, columns: str) -> list[tuple]:
        """The buffer of a table, whose rows are tuples of these columns (space separated),
        holding values as the driver takes them (see Clock and json_text); the makers append
        to it and call `flush_if_full` now and then. Columns left out get their defaults."""
        self.columns[name] = tuple(columns.split())
        return self.rows[name]

    def add(self, name: str, row: tuple) -> None:
        """Buffer one row; write everything once the buffers hold a batch."""
        self.rows[name].append(row)
        self.flush_if_full()

    def flush_if_full(self) -> None:
        if sum(map(len, self.rows.values())) >= self.batch:
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
        if self.send is not None:
            self.send(batch)
        else:
            self.write(batch)

    def write(self, batch: list[tuple[str, tuple[str, ...], list[tuple]]]) -> None:
        """Prepared rows of each table through the driver, then commit; the rows of the
        SPREAD tables shared among the side connections, written at the same time."""
        beside, here = [], []
        for name, columns, values in batch:
            if self.side and name in SPREAD:
                share = -(-len(values) // len(self.side))
                for number, conn in enumerate(self.side):
                    part = [(name, columns, values[number * share : (number + 1) * share])]
                    beside.append(self.pool.submit(_write_rows, conn, part))
            else:
                here.append((name, columns, values))
        _write_rows(self.conn, here)
        for job in beside:
            job.result()

    def _prepare(self, name: str, rows: list[tuple]) -> tuple[str, tuple[str, ...], list[tuple]]:
        """The rows of one table with the defaults of the columns they leave out appended
        (one tuple concatenation per row, in C)."""
        given = self.columns[name]
        defaults = _defaults(self.tables[name], given, self.dialect)
        if not defaults:
            return name, given, list(rows)
        tail = tuple(defaults.values())
        return name, given + tuple(defaults), list(map(add, rows, repeat(tail)))

    def finish(self) -> None:
        """Write what is left; on PostgreSQL move each id sequence past the ids given here."""
        self.flush()
        if self.pool is not None:
            self.pool.shutdown()
        if self.dialect.name == "postgresql":
            for name in WITH_ID:
                sequence = func.pg_get_serial_sequence(f'"{name}"', "id")
                self.conn.execute(select(func.setval(sequence, max(self.ids[name], 1))))
        self.conn.commit()


def _write_rows(conn, batch) -> None:
    """Rows of tables through the driver (COPY on PostgreSQL, executemany on SQLite), then a
    commit of the driver's transaction."""
    dbapi_connection = conn.connection.dbapi_connection
    cursor = dbapi_connection.cursor()
    for name, columns, values in batch:
        quoted = ", ".join(f'"{column}"' for column in columns)
        if conn.dialect.name == "postgresql":
            with cursor.copy(f'COPY "{name}" ({quoted}) FROM STDIN') as copy:
                for value in values:
                    copy.write_row(value)
        else:
            marks = ", ".join("?" for _ in columns)
            insert = f'INSERT INTO "{name}" ({quoted}) VALUES ({marks})'  # noqa: S608
            cursor.executemany(insert, values)
    cursor.close()
    dbapi_connection.commit()


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


def _defaults(table, given, dialect) -> dict:
    """The Python-side defaults of the columns left out, as an INSERT would fill them (computed
    once per batch), converted for the driver."""
    found = {}
    for column in table.c:
        default = column.default
        if column.name in given or default is None or default.is_sequence:
            continue
        value = default.arg(None) if default.is_callable else default.arg
        convert = _converter(column.type, dialect)
        found[column.name] = convert(value) if convert else value
    return found


def json_text(column, value, dialect) -> str:
    """A JSON column's value as the ORM stores it: SQLAlchemy's text on SQLite, psycopg's
    (json.dumps) on PostgreSQL, made once for values used many times."""
    convert = column.type._cached_bind_processor(dialect)
    text = convert(value) if convert else value
    return text if isinstance(text, str) else json.dumps(value)


class Clock:
    """Dates and times as the driver takes them, made fast from whole numbers: a day is a
    number of days after EPOCH, an instant (UTC) a number of seconds after it. The text is the
    ORM's own (SQLite: SQLAlchemy's storage format; PostgreSQL: ISO with the UTC offset)."""

    EPOCH = date(2020, 1, 1)

    def __init__(self, dialect, days: int = 4000):
        sqlite = dialect.name == "sqlite"
        tail = ".000000" if sqlite else "+00"
        self.days = [(self.EPOCH + timedelta(days=n)).isoformat() for n in range(days)]
        self.times = [
            f" {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}{tail}" for s in range(86400)
        ]

    def day(self, day: int) -> str:
        """A DATE column's value."""
        return self.days[day]

    def at(self, instant: int) -> str:
        """A DATETIME column's value."""
        day, second = divmod(instant, 86400)
        return self.days[day] + self.times[second]

    def number(self, day: date) -> int:
        """The day number of a date."""
        return (day - self.EPOCH).days

    def text(self, value: datetime) -> str:
        """A DATETIME column's value for an aware datetime (to the second)."""
        return self.at(int((value - datetime.combine(self.EPOCH, time(), UTC)).total_seconds()))
