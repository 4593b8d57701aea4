"""media waveform: a sound's bar heights (0–100), computed when it is processed and drawn under
its player (storyhub/media/processing/waveform.py)

Revision ID: 0029_media_waveform
Revises: 0028_public_exchange_order
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0029_media_waveform"
down_revision = "0028_public_exchange_order"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("media_item") as batch_op:
        batch_op.add_column(sa.Column("waveform", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("media_item") as batch_op:
        batch_op.drop_column("waveform")
