"""panorama portals: a 360° view here joined to one over there, walked both ways

Revision ID: 0020_panorama_portal
Revises: 0019_content_version
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0020_panorama_portal"
down_revision = "0019_content_version"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "panorama_portal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("media_a_id", sa.Integer(), nullable=False),
        sa.Column("media_b_id", sa.Integer(), nullable=False),
        sa.Column("yaw_a", sa.Float(), nullable=False),
        sa.Column("yaw_b", sa.Float(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["media_a_id"], ["media_item.id"],
            name=op.f("fk_panorama_portal_media_a_id_media_item"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["media_b_id"], ["media_item.id"],
            name=op.f("fk_panorama_portal_media_b_id_media_item"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["user.id"],
            name=op.f("fk_panorama_portal_created_by_id_user"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panorama_portal")),
        sa.UniqueConstraint("media_a_id", name=op.f("uq_panorama_portal_media_a_id")),
        sa.UniqueConstraint("media_b_id", name=op.f("uq_panorama_portal_media_b_id")),
    )


def downgrade():
    op.drop_table("panorama_portal")
