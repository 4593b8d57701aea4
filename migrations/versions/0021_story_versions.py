"""story versions: what a story said each time it was sent for review (the review shows the
difference)

Revision ID: 0021_story_versions
Revises: 0020_panorama_portal
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0021_story_versions"
down_revision = "0020_panorama_portal"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "story_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["story.id"], name=op.f("fk_story_version_story_id_story"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story_version")),
    )  # fmt: skip
    op.create_index(op.f("ix_story_version_story_id"), "story_version", ["story_id"])


def downgrade():
    op.drop_index(op.f("ix_story_version_story_id"), table_name="story_version")
    op.drop_table("story_version")
