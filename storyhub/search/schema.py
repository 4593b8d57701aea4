"""Database objects of the search index that the models cannot describe.

Autogenerate must not see them (they would look like tables and columns to drop):
migrations/env.py and tests/core/test_migrations.py pass these two hooks to Alembic.
"""

FTS_TABLE = "search_document_fts"  # SQLite FTS5 table and its shadow tables (…_data, …_idx…)
VECTOR_COLUMN = "search_vector"  # PostgreSQL tsvector generated column on search_document
VECTOR_INDEX = "ix_search_document_search_vector"


def include_name(name, type_, parent_names) -> bool:
    """Skip reflecting the FTS5 table and its shadow tables."""
    return not (type_ == "table" and name and name.startswith(FTS_TABLE))


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Skip the tsvector column and its GIN index, which exist only in the database."""
    if type_ == "column" and reflected and name == VECTOR_COLUMN:
        return False
    return not (type_ == "index" and name == VECTOR_INDEX)
