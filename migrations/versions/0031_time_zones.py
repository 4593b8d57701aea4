"""time zones: the reader's zone kept on the account; round deadlines stored as instants (from
00:00 on the opening day to 23:59:59 on the closing day, in the zone they were set in), and when
both groups were told the round opened and reminded it is about to close

Revision ID: 0031_time_zones
Revises: 0030_round_after_asked
Create Date: 2026-12-06
"""

from datetime import UTC, date, datetime, time

import sqlalchemy as sa
from alembic import op

revision = "0031_time_zones"
down_revision = "0030_round_after_asked"
branch_labels = None
depends_on = None


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def upgrade():
    with op.batch_alter_table("user") as batch_op:
        batch_op.add_column(sa.Column("time_zone", sa.String(64), nullable=True))
    with op.batch_alter_table("round") as batch_op:
        batch_op.add_column(
            sa.Column("time_zone", sa.String(64), nullable=False, server_default="UTC")
        )
        batch_op.add_column(sa.Column("opens_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("closes_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("opening_told_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("closing_reminded_at", sa.DateTime(timezone=True), nullable=True)
        )
    # Rounds made before were open on the server's (UTC) calendar days: the same instants; both
    # groups were told of them when they were proposed.
    round_ = sa.table(
        "round",
        sa.column("id", sa.Integer),
        sa.column("opens_on", sa.Date),
        sa.column("closes_on", sa.Date),
        sa.column("opens_at", sa.DateTime(timezone=True)),
        sa.column("closes_at", sa.DateTime(timezone=True)),
        sa.column("opening_told_at", sa.DateTime(timezone=True)),
    )
    bind = op.get_bind()
    for row in bind.execute(sa.select(round_.c.id, round_.c.opens_on, round_.c.closes_on)):
        bind.execute(
            round_.update()
            .where(round_.c.id == row.id)
            .values(
                opens_at=datetime.combine(_as_date(row.opens_on), time(0, 0), UTC),
                opening_told_at=datetime.combine(_as_date(row.opens_on), time(0, 0), UTC),
                closes_at=datetime.combine(_as_date(row.closes_on), time(23, 59, 59), UTC),
            )
        )
    with op.batch_alter_table("round") as batch_op:
        batch_op.alter_column("opens_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.alter_column("closes_at", existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade():
    with op.batch_alter_table("round") as batch_op:
        batch_op.drop_column("closing_reminded_at")
        batch_op.drop_column("opening_told_at")
        batch_op.drop_column("closes_at")
        batch_op.drop_column("opens_at")
        batch_op.drop_column("time_zone")
    with op.batch_alter_table("user") as batch_op:
        batch_op.drop_column("time_zone")
