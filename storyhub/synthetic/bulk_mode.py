"""The database set up for one big load and put back as it was afterwards.

Secondary indexes are dropped and built again at the end (one sort per index instead of a
random B-tree insert per row), the full-text index is built once, foreign-key checks are off
during the load, then the statistics are gathered. On PostgreSQL, for a superuser, the load
and the rebuild also use side connections working beside the main one (the server does most of
the work: the search vector of each row, the sorts), so they run on both cores.
"""

import queue
import threading
from contextlib import contextmanager

from storyhub.synthetic.bulk import ORDER

SIDE_CONNECTIONS = 2  # PostgreSQL: connections beside the main one, for the load and the rebuild
SQLITE_BULK_PRAGMAS = {
    "foreign_keys": "OFF",  # the generator gives every id itself, parents first
    "journal_mode": "OFF",  # no rollback journal: a failed run means generating again
    "synchronous": "OFF",
    "cache_size": "-500000",  # 500 MB of pages
    "temp_store": "MEMORY",  # the sorts of the index builds at the end
}
PG_BULK_SETTINGS = {
    "synchronous_commit": "off",  # a commit does not wait for the WAL to reach the disk
    "maintenance_work_mem": "'512MB'",  # the index builds sort in memory
}


@contextmanager
def bulk_load(conn):
    """The database set up for one big load and put back afterwards, even when generation
    fails; yields the side connections the writer may use (none on SQLite, nor for a
    PostgreSQL user who cannot turn foreign-key triggers off: rows written beside the main
    connection could then meet a parent not yet committed)."""
    conn.commit()
    if conn.dialect.name == "sqlite":
        with _sqlite_bulk(conn):
            yield []
        return
    replica = _pg_bulk(conn)
    side = [conn.engine.connect() for _ in range(SIDE_CONNECTIONS if replica else 0)]
    try:
        for other in side:
            _pg_bulk(other)
        indexes = drop_secondary_indexes(conn, ORDER)
        try:
            yield side
        except BaseException:
            for each in (conn, *side):
                each.rollback()
            raise
        finally:
            everywhere([conn, *side], _largest_first(conn, indexes))
            everywhere([conn, *side], [f'ANALYZE "{name}"' for name in _pg_tables(conn)])
    finally:
        for each in (conn, *side):
            _pg_reset(each, replica)
        for other in side:
            other.close()


@contextmanager
def _sqlite_bulk(conn):
    saved = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in SQLITE_BULK_PRAGMAS}
    for name, value in SQLITE_BULK_PRAGMAS.items():
        conn.exec_driver_sql(f"PRAGMA {name}={value}")
    conn.commit()
    indexes = drop_secondary_indexes(conn, ORDER)
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    finally:
        everywhere([conn], [*indexes, "ANALYZE"])
        for name, value in saved.items():
            conn.exec_driver_sql(f"PRAGMA {name}={value}")
        conn.commit()


def _pg_bulk(conn) -> bool:
    """This session set for the load; whether foreign-key triggers are off (a superuser)."""
    for name, value in PG_BULK_SETTINGS.items():
        conn.exec_driver_sql(f"SET {name} = {value}")
    is_super = conn.exec_driver_sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    replica = bool(is_super.scalar())
    if replica:
        conn.exec_driver_sql("SET session_replication_role = replica")
    conn.commit()
    return replica


def _pg_reset(conn, replica: bool) -> None:
    for name in PG_BULK_SETTINGS:
        conn.exec_driver_sql(f"RESET {name}")
    if replica:
        conn.exec_driver_sql("RESET session_replication_role")
    conn.commit()


def _pg_tables(conn) -> list[str]:
    return (
        conn.exec_driver_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        )
        .scalars()
        .all()
    )


def _largest_first(conn, statements: list[str]) -> list[str]:
    """CREATE INDEX statements, those on the largest tables first (so that the longest builds
    do not start last and leave the other connections idle)."""
    sizes = dict(
        conn.exec_driver_sql(
            "SELECT relname, pg_relation_size(oid) FROM pg_class WHERE relkind = 'r' "
            "AND relnamespace = current_schema()::regnamespace"
        ).all()
    )

    def size(statement: str) -> int:
        table = statement.split(" ON ", 1)[1].split()[0].rsplit(".", 1)[-1].strip('"')
        return sizes.get(table, 0) * (4 if " USING gin " in statement else 1)

    return sorted(statements, key=size, reverse=True)


def everywhere(conns, statements: list[str]) -> None:
    """Run statements, each committed, spread over these connections (one thread each, each
    taking the next statement when it is done); raise the first failure once all stopped."""
    todo: queue.SimpleQueue = queue.SimpleQueue()
    for statement in statements:
        todo.put(statement)
    failures: list[BaseException] = []

    def work(conn) -> None:
        while not failures:
            try:
                statement = todo.get_nowait()
            except queue.Empty:
                return
            try:
                conn.exec_driver_sql(statement)
                conn.commit()
            except BaseException as error:  # noqa: BLE001 (raised below, in the caller)
                conn.rollback()
                failures.append(error)

    threads = [threading.Thread(target=work, args=(conn,)) for conn in conns[1:]]
    for thread in threads:
        thread.start()
    work(conns[0])
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]


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
