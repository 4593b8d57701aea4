"""media blocks in stories (block.media_id) and suggested faces of a picture

Revision ID: 0006_media_blocks
Revises: 0005_browse
Create Date: 2026-11-27

A block keeps its place when its media item is deleted (SET NULL): it then shows nothing and is
dropped at the next submission, instead of vanishing under its authors.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006_media_blocks"
down_revision = "0005_browse"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("block", schema=None) as batch_op:
        batch_op.add_column(sa.Column("media_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_block_media_id"), ["media_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_block_media_id_media_item"),
            "media_item",
            ["media_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("media_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("face_regions", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("media_item", schema=None) as batch_op:
        batch_op.drop_column("face_regions")
    with op.batch_alter_table("block", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_block_media_id_media_item"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_block_media_id"))
        batch_op.drop_column("media_id")
