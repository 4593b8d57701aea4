"""story revision: each save of the editor names the revision it started from, so two tabs or
two co-authors never overwrite each other silently (storyhub/stories/services.py)

Revision ID: 0027_story_revision
Revises: 0026_name_skeletons
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0027_story_revision"
down_revision = "0026_name_skeletons"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("story") as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="0"))


def downgrade():
    with op.batch_alter_table("story") as batch_op:
        batch_op.drop_column("revision")
