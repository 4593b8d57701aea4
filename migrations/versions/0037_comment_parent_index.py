"""an index on comment.parent_id: a comment's answers found by lookup

Revision ID: 0037_comment_parent_index
Revises: 0036_time_zone_choice
Create Date: 2026-12-06

The exchange page counts each side's comments and whether each has an approved answer
(EXISTS over comment.parent_id). Without an index that EXISTS read every comment for each
comment counted: 323 ms of the page's 520 ms at a million stories on PostgreSQL.
"""

from alembic import op

revision = "0037_comment_parent_index"
down_revision = "0036_time_zone_choice"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_comment_parent_id", "comment", ["parent_id"], unique=False)


def downgrade():
    op.drop_index("ix_comment_parent_id", table_name="comment")
