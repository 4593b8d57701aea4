"""The content version is read from the database on every request, on a kept connection through
the driver's own cursor: a change committed by any other connection is seen at the next read,
a broken kept connection is read again, and the read stays visible to SQL listeners."""

from flask import g
from sqlalchemy import update

from storyhub.core import versions
from storyhub.core.models import utcnow
from storyhub.core.versions import SITE, ContentVersion, current_version
from storyhub.extensions import db
from tests.sql import count_queries


def _read():
    g.pop("content_version", None)
    return current_version()


def _bump_elsewhere(to: int):
    """A commit from another connection than the version's (as another app process would)."""
    with db.engine.begin() as conn:
        conn.execute(
            update(ContentVersion)
            .where(ContentVersion.scope == SITE)
            .values(version=to, changed_at=utcnow())
        )


def _orm_row():
    db.session.expire_all()
    row = db.session.get(ContentVersion, SITE)
    found = (row.version, row.changed_at)
    db.session.rollback()
    return found


def test_every_read_sees_the_last_commit_of_any_connection(app):
    versions.mark_public_change()
    db.session.commit()
    _read()
    _read()  # the connection is kept now: the next reads go through its driver cursor
    assert versions._idle_version_connections()
    for to in (41, 42, 42, 43):
        _bump_elsewhere(to)
        found = _read()
        assert found == _orm_row()  # the version and the same datetime the ORM reads
        assert found[0] == to


def test_a_broken_kept_connection_is_read_again(app):
    versions.mark_public_change()
    db.session.commit()
    _read()
    kept = versions._idle_version_connections()
    assert kept
    kept[-1].connection.driver_connection.close()  # under SQLAlchemy's feet
    _bump_elsewhere(77)
    assert _read()[0] == 77
    assert _read()[0] == 77


def test_the_read_is_seen_by_sql_listeners(app):
    versions.mark_public_change()
    db.session.commit()
    _read()
    with count_queries() as statements:
        _read()
    assert len(statements) == 1 and "content_version" in statements[0]
