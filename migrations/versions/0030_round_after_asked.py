"""round after_asked_at: when a round's young people were told it is over and asked what
changed for them (storyhub/impact/turns.py), so that they are asked once

Rounds already over are marked as asked: only rounds that end from now on are announced.

Revision ID: 0030_round_after_asked
Revises: 0029_media_waveform
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0030_round_after_asked"
down_revision = "0029_media_waveform"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("round") as batch_op:
        batch_op.add_column(sa.Column("after_asked_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE round SET after_asked_at = CURRENT_TIMESTAMP WHERE closes_on < CURRENT_DATE"
    )


def downgrade():
    with op.batch_alter_table("round") as batch_op:
        batch_op.drop_column("after_asked_at")
