"""Freshness of the public pages: one stored version number, bumped by every write.

The ETag of a public page is built from this version (one row read by its key), never
recomputed from the data. One listener on every session marks a transaction that adds,
changes or deletes anything the public may see — an object flushed, or an UPDATE, DELETE or
INSERT statement sent through the session — and the commit bumps the version in the same
transaction. Publishing, unpublishing, hiding after reports, consent withdrawal, deletion and
edits therefore change every public ETag at once, whichever service made them.

Only a few writes are known to change nothing public and leave the version alone: the
private bookkeeping tables below, private columns (sign-in bookkeeping on accounts, a story's
save counter), and rows that their own package declares unseen by the public before and after
the write (`unseen_by_public`: a story that is not approved, while its authors write it, with
its blocks). Anything else bumps it: a needless bump costs a render of every public page; a
missed one would show a stale page. The version is one for the whole site, so what must not
bump it is what happens all day long: a class typing its drafts (the editor saves every few
seconds) would otherwise empty the page cache many times a minute.
"""

import contextlib
import os
from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from flask import current_app, g, has_app_context
from sqlalchemy import Connection, DateTime, Integer, String, event, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Mapped, Session, mapped_column

from storyhub.core.models import utcnow
from storyhub.extensions import db

SITE = "site"
CHANGED = "storyhub_public_changed"
VERSION_CONNECTIONS = "storyhub_version_connections"
PRIVATE_TABLES = frozenset({"notification", "join_request", "content_version"})
# Columns that never show on a public page, by table: an account's bookkeeping (its display
# name and group do show), a story's save counter (the editor's compare-and-set).
PRIVATE_COLUMNS = {
    "user": frozenset(
        {
            "last_login_at",
            "session_version",
            "password_hash",
            "locale",
            "email_digest",
            "time_zone",
            "notification_channels",
        }
    ),
    "story": frozenset({"revision"}),
}
# {table: unseen(row) -> True when no public page showed this row before the write nor can
# after it}, declared by the package that owns the rule (see unseen_by_public).
UNSEEN_ROWS: dict[str, Callable[[object], bool]] = {}


class ContentVersion(db.Model):
    """A version number per scope of content ("site": everything public)."""

    __tablename__ = "content_version"

    scope: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def current_version() -> tuple[int, datetime | None]:
    """(version, when it last changed) of the public content: one query, once per request.

    Read on a connection kept for it (in autocommit: it sees every commit at once, whichever
    process made it), not through the request's session: a page served from the page cache
    then costs this one indexed read and no session, pool checkout, liveness ping or rollback
    (about a tenth of the time on PostgreSQL)."""
    if has_app_context() and "content_version" in g:
        return g.content_version
    row = _read_version()
    found = (row.version, row.changed_at) if row else (0, None)
    if has_app_context():
        g.content_version = found
    return found


_VERSION_QUERY = select(ContentVersion.version, ContentVersion.changed_at).where(
    ContentVersion.scope == SITE
)
IDLE_VERSION_CONNECTIONS = 2  # kept open per process; more at once are taken from the pool
_INHERITED: list = []  # a parent process's connections: never used (nor closed) after a fork


def _read_version():
    """The version row (None before the first public write).

    Sent as plain SQL on the driver's cursor of a kept connection: the same one-row read as
    read_fresh, without SQLAlchemy's statement machinery around it (on PostgreSQL 165 → 69 µs
    of the app's CPU per read, 21 → 4 µs on SQLite, measured in process). Listeners of the
    engine's cursor events (query counts, SQL timing) still see it. Any error of this path
    gives the connection up and reads again through read_fresh, which retries a broken
    connection once and raises otherwise: the version is read from the database or the request
    fails, never guessed."""
    idle = _idle_version_connections()
    try:
        connection = idle.pop()
    except IndexError:
        return _read_version_again()
    try:
        row = _driver_read(connection)
    except Exception:
        with contextlib.suppress(Exception):
            connection.invalidate()
        return _read_version_again()
    if len(idle) < IDLE_VERSION_CONNECTIONS:
        idle.append(connection)
    else:
        connection.close()
    return row


def _read_version_again():
    rows = read_fresh(_VERSION_QUERY)
    return rows[0] if rows else None


_DRIVER_SQL: dict[str, tuple] = {}  # dialect name -> (SQL text, changed_at's converter)
_LAST_ROW: dict[str, tuple] = {}  # dialect name -> (the last raw row read, converted)


def _driver_read(connection: Connection):
    """The version row read on the driver's own cursor of this autocommit connection."""
    dialect = connection.dialect
    found = _DRIVER_SQL.get(dialect.name)
    if found is None:
        sql = str(_VERSION_QUERY.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        changed_at = ContentVersion.__table__.c.changed_at.type.dialect_impl(dialect)
        convert = changed_at.result_processor(dialect, None)
        found = _DRIVER_SQL[dialect.name] = (sql, convert)
    sql, convert = found
    dispatch = connection.dispatch
    cursor = connection.connection.driver_connection.cursor()
    try:
        if dispatch.before_cursor_execute:
            dispatch.before_cursor_execute(connection, cursor, sql, (), None, False)
        cursor.execute(sql)
        rows = cursor.fetchall()
        if dispatch.after_cursor_execute:
            dispatch.after_cursor_execute(connection, cursor, sql, (), None, False)
    finally:
        cursor.close()
    if not rows:
        return None
    raw = tuple(rows[0])
    last = _LAST_ROW.get(dialect.name)
    if last is None or last[0] != raw:  # converted once per version, not per request
        changed_at = convert(raw[1]) if convert else raw[1]
        last = _LAST_ROW[dialect.name] = (raw, VersionRow(raw[0], changed_at))
    return last[1]


class VersionRow(NamedTuple):
    version: int
    changed_at: datetime | None


def read_fresh(statement, parameters: dict | None = None) -> list:
    """The rows of one read-only statement, sent on a connection kept for such reads
    (autocommit: it sees every commit at once, whichever process made it) rather than through
    the request's session: no pool checkout, liveness ping, BEGIN or rollback around it — on
    PostgreSQL four round trips fewer. For the few reads a page answered from what is kept
    per version still makes each time: the version itself, the search page's stories read
    through the public rule again.

    A kept connection is taken (a new one from the pool when none is free, and once again if
    it broke), then kept for the next read, or given back to the pool when enough are kept
    (a threaded server never holds one per thread)."""
    idle = _idle_version_connections()
    for attempt in (1, 2):
        try:
            connection = idle.pop()
        except IndexError:
            connection = db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            rows = connection.execute(statement, parameters).all()
        except DBAPIError as error:
            with contextlib.suppress(Exception):  # broken or refused: let it go
                connection.invalidate()
            if attempt == 2 or not error.connection_invalidated:
                raise
            continue
        except Exception:
            connection.close()  # not kept after an error of the statement itself
            raise
        if len(idle) < IDLE_VERSION_CONNECTIONS:
            idle.append(connection)
        else:
            connection.close()
        return rows
    return []


def _idle_version_connections() -> list[Connection]:
    """This process's kept version connections (a forked child starts with none)."""
    held = current_app.extensions.get(VERSION_CONNECTIONS)
    if held is None or held[0] != os.getpid():
        if held is not None:
            _INHERITED.append(held)
        held = current_app.extensions[VERSION_CONNECTIONS] = (os.getpid(), [])
    return held[1]


KEPT_PER_NAME = 256


def kept_for_version(name: str, key, build):
    """`build()` at most once per content version (and key) in this process: public summaries
    over the whole site (the map, the directory's counts) that any write may change. The next
    version builds them again, so nothing kept outlives a publication or a withdrawal.
    Keep plain values or objects in no session (`Theme.copy()`): an object of a request's
    session expires at its next commit and cannot be read in a later request."""
    version = current_version()
    store = current_app.extensions.setdefault("storyhub_kept_for_version", {})
    kept = store.get(name)
    if kept is None or kept[0] != version:
        kept = store[name] = (version, {})
    values = kept[1]
    if key not in values:
        if len(values) >= KEPT_PER_NAME:
            values.clear()
        values[key] = build()
    return values[key]


def mark_public_change(session=None) -> None:
    """Bump the version at the next commit of this session, for writes the listeners cannot
    see (bulk inserts through a connection, as `flask generate-data` does)."""
    (session or db.session).info[CHANGED] = True


def unseen_by_public(table: str):
    """Declare, for the rows of `table`, when a write to one cannot change a public page:
    `@unseen_by_public("story") def unseen(story) -> bool`. The predicate must hold only when
    the row was not public before the write and is not after it (called before the flush, the
    old values in the attributes' history); any doubt must answer False."""

    def register(unseen: Callable[[object], bool]):
        UNSEEN_ROWS[table] = unseen
        return unseen

    return register


def _touches_public(obj, dirty) -> bool:
    """False only for rows that no public page shows (see PRIVATE_* and UNSEEN_ROWS)."""
    table = getattr(obj, "__tablename__", "")
    if table in PRIVATE_TABLES:
        return False
    if table in PRIVATE_COLUMNS and obj in dirty:
        changed = {attr.key for attr in db.inspect(obj).attrs if attr.history.has_changes()}
        if changed <= PRIVATE_COLUMNS[table]:
            return False
    unseen = UNSEEN_ROWS.get(table)
    return unseen is None or not unseen(obj)


@event.listens_for(Session, "before_flush")
def _mark_flush(session, _flush_context, _instances) -> None:
    if session.info.get(CHANGED):
        return  # already bumping at this commit
    dirty = session.dirty
    with session.no_autoflush:  # the predicates may load an old value or a parent row
        if any(_touches_public(o, dirty) for o in (*session.new, *dirty, *session.deleted)):
            session.info[CHANGED] = True


def _sets_only_private_columns(statement, table: str) -> bool:
    """An UPDATE statement that sets only columns no public page shows."""
    private = PRIVATE_COLUMNS.get(table)
    values = getattr(statement, "_values", None)
    if not private or not values:
        return False
    return {getattr(column, "key", column) for column in values} <= private


@event.listens_for(Session, "do_orm_execute")
def _mark_statement(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(getattr(state.statement, "table", None), "name", None)
        if table in PRIVATE_TABLES:
            return
        if state.is_update and _sets_only_private_columns(state.statement, table):
            return
        state.session.info[CHANGED] = True


@event.listens_for(Session, "before_commit")
def _bump_version(session) -> None:
    if session.new or session.dirty or session.deleted:
        session.flush()  # commit would flush after this hook: mark what it would write now
    if not session.info.pop(CHANGED, False):
        return
    bump = (
        update(ContentVersion)
        .where(ContentVersion.scope == SITE)
        .values(version=ContentVersion.version + 1, changed_at=utcnow())
    )
    if session.execute(bump).rowcount == 0:
        session.execute(insert(ContentVersion).values(scope=SITE, version=1, changed_at=utcnow()))
    if has_app_context():
        g.pop("content_version", None)


@event.listens_for(Session, "after_rollback")
def _forget_mark(session) -> None:
    session.info.pop(CHANGED, None)
