"""notification channels: each educator chooses, per kind of event, the app only, an immediate
e-mail or the daily digest (none chosen: the older email_digest switch decides)

Revision ID: 0033_notification_channels
Revises: 0032_group_lead
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0033_notification_channels"
down_revision = "0032_group_lead"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user") as batch_op:
        batch_op.add_column(sa.Column("notification_channels", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("user") as batch_op:
        batch_op.drop_column("notification_channels")
