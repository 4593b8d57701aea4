"""reflection hidden_at: a shared reflection reported enough is off the impact page until its
writer's educators decide (storyhub/reports)

Revision ID: 0025_reflection_hidden
Revises: 0024_flat_public_pages
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0025_reflection_hidden"
down_revision = "0024_flat_public_pages"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("impact_reflection") as batch_op:
        batch_op.add_column(sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("impact_reflection") as batch_op:
        batch_op.drop_column("hidden_at")
