"""public pages flat with the data: an index on the exchanges' chosen covers

Revision ID: 0024_flat_public_pages
Revises: 0023_story_translation
Create Date: 2026-12-06

Territory and exchange pictures start from the few exchanges whose educators chose a cover
photo (a partial index on exchange.cover_media_id), instead of the stories of every group of
the territory.
"""

import sqlalchemy as sa
from alembic import op

revision = "0024_flat_public_pages"
down_revision = "0023_story_translation"
branch_labels = None
depends_on = None

COVERED = sa.text("cover_media_id IS NOT NULL")


def upgrade():
    op.create_index(
        "ix_exchange_cover_media_id",
        "exchange",
        ["cover_media_id"],
        unique=False,
        postgresql_where=COVERED,
        sqlite_where=COVERED,
    )


def downgrade():
    op.drop_index("ix_exchange_cover_media_id", table_name="exchange")
