"""the API's exchanges list read newest created first along an index

Revision ID: 0034_public_exchange_created
Revises: 0033_notification_channels
Create Date: 2026-12-06

/api/v1/exchanges lists the public exchanges by creation date, then id. Without an index in
that order every request sorted every public exchange (5.6 s at a million stories on
SQLite); this partial index, over the same exchanges as 0028's, lets a page walk it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0034_public_exchange_created"
down_revision = "0033_notification_channels"
branch_labels = None
depends_on = None

PUBLISHED = sa.text(
    "inviting_published_at IS NOT NULL AND invited_published_at IS NOT NULL AND hidden_at IS NULL"
)


def upgrade():
    op.create_index(
        "ix_exchange_public_created",
        "exchange",
        ["created_at", "id"],  # read backwards for newest first
        unique=False,
        postgresql_where=PUBLISHED,
        sqlite_where=PUBLISHED,
    )


def downgrade():
    op.drop_index("ix_exchange_public_created", table_name="exchange")
