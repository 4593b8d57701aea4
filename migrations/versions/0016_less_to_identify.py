"""less to identify a child: coordinates at 0.1 degree, a group's internal name apart from its
public name, an exchange picture chosen by an educator, search-engine indexing allowed per side

Revision ID: 0016_less_to_identify
Revises: 0015_data_exports
Create Date: 2026-12-06

Existing territories are rounded to 0.1 degree (city level). Existing groups keep their name as
their public name; their internal name starts empty. No exchange allows indexing yet: minors'
stories leave the sitemap and carry noindex until both educators allow it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_less_to_identify"
down_revision = "0015_data_exports"
branch_labels = None
depends_on = None


def upgrade():
    for column in ("latitude", "longitude"):
        op.execute(sa.text(f"UPDATE territory SET {column} = ROUND(CAST({column} AS NUMERIC), 1)"))
    with op.batch_alter_table("youth_group", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("internal_name", sa.String(length=120), nullable=False, server_default="")
        )
    with op.batch_alter_table("exchange", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cover_media_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("inviting_indexable_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("invited_indexable_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_exchange_cover_media_id_media_item"),
            "media_item",
            ["cover_media_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("exchange", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_exchange_cover_media_id_media_item"), type_="foreignkey"
        )
        batch_op.drop_column("invited_indexable_at")
        batch_op.drop_column("inviting_indexable_at")
        batch_op.drop_column("cover_media_id")
    with op.batch_alter_table("youth_group", schema=None) as batch_op:
        batch_op.drop_column("internal_name")
