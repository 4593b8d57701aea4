"""time zone choice: a reader without JavaScript chooses their zone in the account; once chosen
by hand, the browser no longer replaces it

Revision ID: 0036_time_zone_choice
Revises: 0035_sandbox
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0036_time_zone_choice"
down_revision = "0035_sandbox"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "user",
        sa.Column("time_zone_chosen", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade():
    op.drop_column("user", "time_zone_chosen")
