"""confusable skeleton of each username (Unicode TS #39), so look-alikes are refused

Revision ID: 0012_username_skeleton
Revises: 0011_age_bands
Create Date: 2026-12-06

Existing usernames get their skeleton computed here, with the same function as the app.
"""

import sqlalchemy as sa
from alembic import op

from storyhub.core.confusables import name_skeleton

revision = "0012_username_skeleton"
down_revision = "0011_age_bands"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("username_skeleton", sa.String(length=200), nullable=True))
        batch_op.create_index("ix_user_username_skeleton", ["username_skeleton"], unique=False)
    bind = op.get_bind()
    user = sa.table(
        "user", sa.column("id", sa.Integer), sa.column("username", sa.String),
        sa.column("username_skeleton", sa.String),
    )
    rows = bind.execute(sa.select(user.c.id, user.c.username).where(user.c.username.is_not(None)))
    for user_id, username in rows.all():
        bind.execute(
            user.update().where(user.c.id == user_id)
            .values(username_skeleton=name_skeleton(username)[:200])
        )


def downgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_index("ix_user_username_skeleton")
        batch_op.drop_column("username_skeleton")
