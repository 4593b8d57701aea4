"""The schema comes from the Alembic migrations, and they match the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from storyhub.extensions import db
from storyhub.search.schema import include_name, include_object


def test_migrations_build_every_table_of_the_models():
    tables = set(db.inspect(db.engine).get_table_names())
    assert set(db.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_models_and_migrations_agree():
    with db.engine.connect() as connection:
        # The same hooks as migrations/env.py: the search index's FTS5 table (SQLite) and
        # tsvector column (PostgreSQL) exist only in the database, not in the models.
        opts = {
            "compare_type": True,
            "include_name": include_name,
            "include_object": include_object,
        }
        context = MigrationContext.configure(connection, opts=opts)
        differences = compare_metadata(context, db.metadata)
    assert differences == []
