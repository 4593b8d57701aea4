"""public exchanges read newest first along an index: directory, home, territory pages

Revision ID: 0028_public_exchange_order
Revises: 0027_story_revision
Create Date: 2026-12-06

The public exchanges are listed most recently published first (coalesce of the second key's
date and the creation date, then id). A partial index on that expression, over the exchanges
whose two keys are turned and that are not hidden, lets a page read its 12 (or 3) exchanges
by walking the index instead of sorting every public exchange on each request.
"""

import sqlalchemy as sa
from alembic import op

revision = "0028_public_exchange_order"
down_revision = "0027_story_revision"
branch_labels = None
depends_on = None

PUBLISHED = sa.text(
    "inviting_published_at IS NOT NULL AND invited_published_at IS NOT NULL AND hidden_at IS NULL"
)


def upgrade():
    op.create_index(
        "ix_exchange_public_order",
        "exchange",
        [sa.text("coalesce(invited_published_at, created_at) DESC"), sa.text("id DESC")],
        unique=False,
        postgresql_where=PUBLISHED,
        sqlite_where=PUBLISHED,
    )


def downgrade():
    op.drop_index("ix_exchange_public_order", table_name="exchange")
