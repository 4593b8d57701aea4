"""sandbox: a practice exchange for a new educator (demo groups, fictitious young people), never
public, never counted: `is_sandbox` on youth_group and exchange (Exchange.is_public reads it)

Revision ID: 0035_sandbox
Revises: 0034_public_exchange_created
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0035_sandbox"
down_revision = "0034_public_exchange_created"
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN (no batch copy of the table): on SQLite a batch would rebuild exchange
    # without its expression index ix_exchange_public_order, which reflection cannot see.
    for table in ("youth_group", "exchange"):
        op.add_column(
            table,
            sa.Column("is_sandbox", sa.Boolean(), nullable=False, server_default=sa.false()),
        )


def downgrade():
    for table in ("exchange", "youth_group"):
        op.drop_column(table, "is_sandbox")
