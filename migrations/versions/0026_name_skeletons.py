"""confusable skeleton of each display name and group name (Unicode TS #39), indexed, so a
look-alike name is found by one lookup instead of reading every name

Revision ID: 0026_name_skeletons
Revises: 0025_reflection_hidden
Create Date: 2026-12-06

Existing names get their skeleton computed here, with the same function as the app.
"""

import sqlalchemy as sa
from alembic import op

from storyhub.core.confusables import name_skeleton

revision = "0026_name_skeletons"
down_revision = "0025_reflection_hidden"
branch_labels = None
depends_on = None

# (table, name column, skeleton column, skeleton length)
SKELETONS = (
    ("user", "display_name", "display_name_skeleton", 200),
    ("youth_group", "name", "name_skeleton", 300),
)


def upgrade():
    bind = op.get_bind()
    for table_name, name, column, size in SKELETONS:
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            batch_op.add_column(sa.Column(column, sa.String(length=size), nullable=True))
            batch_op.create_index(f"ix_{table_name}_{column}", [column], unique=False)
        table = sa.table(
            table_name, sa.column("id", sa.Integer), sa.column(name, sa.String),
            sa.column(column, sa.String),
        )
        rows = bind.execute(sa.select(table.c.id, table.c[name]).where(table.c[name].is_not(None)))
        for row_id, value in rows.all():
            bind.execute(
                table.update().where(table.c.id == row_id)
                .values({column: name_skeleton(value)[:size] if value else None})
            )


def downgrade():
    for table_name, _name, column, _size in SKELETONS:
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table_name}_{column}")
            batch_op.drop_column(column)
