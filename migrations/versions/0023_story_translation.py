"""story translations: a story put into another language by the twin group, reviewed by the
translator's own educators

Revision ID: 0023_story_translation
Revises: 0022_impact
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0023_story_translation"
down_revision = "0022_impact"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "story_translation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("translator_id", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("texts", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("feedback", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["story.id"],
            name=op.f("fk_story_translation_story_id_story"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["youth_group.id"],
            name=op.f("fk_story_translation_group_id_youth_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["translator_id"],
            ["user.id"],
            name=op.f("fk_story_translation_translator_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story_translation")),
    )
    for column in ("story_id", "group_id", "translator_id", "status"):
        op.create_index(
            op.f(f"ix_story_translation_{column}"), "story_translation", [column], unique=False
        )


def downgrade():
    for column in ("status", "translator_id", "group_id", "story_id"):
        op.drop_index(op.f(f"ix_story_translation_{column}"), table_name="story_translation")
    op.drop_table("story_translation")
