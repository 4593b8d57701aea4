"""join requests approved by an educator, and join codes that expire

Revision ID: 0009_join_requests
Revises: 0008_voices_consent
Create Date: 2026-12-01

Existing codes count from the migration: they keep working for JOIN_CODE_DAYS from now.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_join_requests"
down_revision = "0008_voices_consent"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "join_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["youth_group.id"],
            name=op.f("fk_join_request_group_id_youth_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_join_request_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_join_request")),
        sa.UniqueConstraint("user_id", name=op.f("uq_join_request_user_id")),
    )
    with op.batch_alter_table("join_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_join_request_group_id"), ["group_id"], unique=False)
    with op.batch_alter_table("youth_group", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("join_code_created_at", sa.DateTime(timezone=True), nullable=True)
        )
    op.execute(sa.text("UPDATE youth_group SET join_code_created_at = CURRENT_TIMESTAMP"))


def downgrade():
    with op.batch_alter_table("youth_group", schema=None) as batch_op:
        batch_op.drop_column("join_code_created_at")
    with op.batch_alter_table("join_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_join_request_group_id"))
    op.drop_table("join_request")
