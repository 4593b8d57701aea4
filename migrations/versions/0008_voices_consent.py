"""every voice reviewed by the story's side (comment.review_group_id); consent scope and form
reference; "no one can be recognised" on media items

Revision ID: 0008_voices_consent
Revises: 0007_session_version
Create Date: 2026-12-01

Comments waiting for review go to their writer's group, as before this revision; consent
recorded before it was for publication, so its scope is the public site.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008_voices_consent"
down_revision = "0007_session_version"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("review_group_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_comment_review_group_id"), ["review_group_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_comment_review_group_id_youth_group"),
            "youth_group",
            ["review_group_id"],
            ["id"],
            ondelete="CASCADE",
        )
    op.execute("UPDATE comment SET review_group_id = group_id WHERE status = 'submitted'")
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("scope", sa.String(length=16), server_default="public", nullable=False)
        )
        batch_op.add_column(
            sa.Column("form_reference", sa.String(length=120), server_default="", nullable=False)
        )
    with op.batch_alter_table("media_item", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "nobody_recognisable", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )


def downgrade():
    with op.batch_alter_table("media_item", schema=None) as batch_op:
        batch_op.drop_column("nobody_recognisable")
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.drop_column("form_reference")
        batch_op.drop_column("scope")
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_comment_review_group_id_youth_group"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_comment_review_group_id"))
        batch_op.drop_column("review_group_id")
