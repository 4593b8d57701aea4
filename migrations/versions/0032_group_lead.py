"""group lead: one of a group's educators is its lead (invites and removes co-educators, hands
the lead over); each existing group's lead is the educator who joined it first

Revision ID: 0032_group_lead
Revises: 0031_time_zones
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0032_group_lead"
down_revision = "0031_time_zones"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("youth_group") as batch_op:
        batch_op.add_column(sa.Column("lead_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_youth_group_lead_id_user", "user", ["lead_id"], ["id"], ondelete="SET NULL"
        )
    group = sa.table("youth_group", sa.column("id", sa.Integer), sa.column("lead_id", sa.Integer))
    link = sa.table(
        "group_educator",
        sa.column("group_id", sa.Integer),
        sa.column("user_id", sa.Integer),
        sa.column("added_at", sa.DateTime(timezone=True)),
    )
    first = (
        sa.select(link.c.user_id)
        .where(link.c.group_id == group.c.id)
        .order_by(link.c.added_at, link.c.user_id)
        .limit(1)
        .scalar_subquery()
    )
    op.get_bind().execute(group.update().values(lead_id=first))


def downgrade():
    with op.batch_alter_table("youth_group") as batch_op:
        batch_op.drop_constraint("fk_youth_group_lead_id_user", type_="foreignkey")
        batch_op.drop_column("lead_id")
