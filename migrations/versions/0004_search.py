"""search index: search_document, plus SQLite FTS5 or PostgreSQL tsvector + GIN + unaccent

Revision ID: 0004_search
Revises: 0003_media
Create Date: 2026-11-26

Only public stories are ever written to search_document (storyhub/search/services.py).
The folded words (storyhub/search/text.py: unaccented, plural-folded) are indexed:
- SQLite: an FTS5 table with external content, tokenizer `unicode61 remove_diacritics 2`,
  kept in step with search_document by three triggers (so deleting a row, or a story
  whose row goes by ON DELETE CASCADE, also leaves the FTS index at once);
- PostgreSQL: the `unaccent` extension, an IMMUTABLE wrapper around it (a generated column
  needs one), a generated tsvector column (title weighted A, body B, 'simple' configuration
  over the already folded words) and its GIN index.
These objects are invisible to autogenerate: see storyhub/search/schema.py.
After upgrading a database that already holds published stories, run `flask reindex`.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_search"
down_revision = "0003_media"
branch_labels = None
depends_on = None

SQLITE_UP = [
    """CREATE VIRTUAL TABLE search_document_fts USING fts5(
        terms_title, terms_body,
        content='search_document', content_rowid='story_id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN
        INSERT INTO search_document_fts(rowid, terms_title, terms_body)
        VALUES (new.story_id, new.terms_title, new.terms_body);
    END""",
    """CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN
        INSERT INTO search_document_fts(search_document_fts, rowid, terms_title, terms_body)
        VALUES ('delete', old.story_id, old.terms_title, old.terms_body);
    END""",
    """CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_document_fts(search_document_fts, rowid, terms_title, terms_body)
        VALUES ('delete', old.story_id, old.terms_title, old.terms_body);
        INSERT INTO search_document_fts(rowid, terms_title, terms_body)
        VALUES (new.story_id, new.terms_title, new.terms_body);
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_document_au",
    "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TRIGGER IF EXISTS search_document_ai",
    "DROP TABLE IF EXISTS search_document_fts",
]

POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """CREATE OR REPLACE FUNCTION storyhub_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$""",
    """ALTER TABLE search_document ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, storyhub_unaccent(terms_title)), 'A')
            || setweight(to_tsvector('simple'::regconfig, storyhub_unaccent(terms_body)), 'B')
        ) STORED""",
    "CREATE INDEX ix_search_document_search_vector ON search_document USING gin (search_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS ix_search_document_search_vector",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS search_vector",
    "DROP FUNCTION IF EXISTS storyhub_unaccent(text)",
]


def upgrade():
    op.create_table(
        "search_document",
        sa.Column("story_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("terms_title", sa.Text(), nullable=False),
        sa.Column("terms_body", sa.Text(), nullable=False),
        sa.Column("indexed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["story.id"],
            name=op.f("fk_search_document_story_id_story"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("story_id", name=op.f("pk_search_document")),
    )
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}.get(dialect, []):
        op.execute(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}.get(dialect, []):
        op.execute(statement)
    op.drop_table("search_document")
