"""rights: deletion and display-name requests of young people, their own agreement to publish

Revision ID: 0013_rights
Revises: 0012_username_skeleton
Create Date: 2026-12-06

Nothing is backfilled: stories already published stay as they are; a young person who has not
said yes is asked when they next send a story, and the next approval waits for it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_rights"
down_revision = "0012_username_skeleton"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("deletion_requested_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("requested_name", sa.String(length=80), nullable=True))
        batch_op.add_column(
            sa.Column("own_agreement_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("own_agreement_at")
        batch_op.drop_column("requested_name")
        batch_op.drop_column("deletion_requested_at")
