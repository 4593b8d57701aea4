"""inactivity notice: when the educators were told an unused account will be deleted

Revision ID: 0017_inactivity_notice
Revises: 0016_less_to_identify
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0017_inactivity_notice"
down_revision = "0016_less_to_identify"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("inactivity_notice_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("inactivity_notice_at")
