"""age bands of young people, group ages 11-25, age-gap confirmations of twinnings

Revision ID: 0011_age_bands
Revises: 0010_reports
Create Date: 2026-12-06

Groups accept ages 11 to 25 from now on: existing ranges are brought inside (8-10 become 11,
26-30 become 25). Young people get no band: the rules for minors apply until an educator
records one.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_age_bands"
down_revision = "0010_reports"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("age_band", sa.String(length=8), nullable=True))
    with op.batch_alter_table("exchange", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("age_gap_inviting_confirmed_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("age_gap_invited_confirmed_at", sa.DateTime(timezone=True), nullable=True)
        )
    for column in ("age_min", "age_max"):
        op.execute(sa.text(f"UPDATE youth_group SET {column} = 11 WHERE {column} < 11"))
        op.execute(sa.text(f"UPDATE youth_group SET {column} = 25 WHERE {column} > 25"))


def downgrade():
    with op.batch_alter_table("exchange", schema=None) as batch_op:
        batch_op.drop_column("age_gap_invited_confirmed_at")
        batch_op.drop_column("age_gap_inviting_confirmed_at")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("age_band")
