"""comment.parent_id index made partial (parent_id IS NOT NULL)

Revision ID: 0038_comment_parent_partial
Revises: 0037_comment_parent_index
Create Date: 2026-12-06

0037's full index let SQLite read every top-level comment through it for `parent_id IS NULL`
(the exchange page's comment counts: 177 ms at a million stories); over answers only, it
serves the lookup of a comment's answers and nothing else (exchange page 203 → 33 ms).
"""

import sqlalchemy as sa
from alembic import op

revision = "0038_comment_parent_partial"
down_revision = "0037_comment_parent_index"
branch_labels = None
depends_on = None

ANSWERS = sa.text("parent_id IS NOT NULL")


def upgrade():
    op.drop_index("ix_comment_parent_id", table_name="comment")
    op.create_index(
        "ix_comment_parent_id",
        "comment",
        ["parent_id"],
        unique=False,
        postgresql_where=ANSWERS,
        sqlite_where=ANSWERS,
    )


def downgrade():
    op.drop_index("ix_comment_parent_id", table_name="comment")
    op.create_index("ix_comment_parent_id", "comment", ["parent_id"], unique=False)
