"""content version: one stored number bumped by every public change, for ETags

Revision ID: 0019_content_version
Revises: 0018_speed_indexes
Create Date: 2026-12-06

Replaces the aggregate over every public row that built each page's ETag: a conditional
request now reads one row by its key (storyhub/core/versions.py).
"""

import sqlalchemy as sa
from alembic import op

revision = "0019_content_version"
down_revision = "0018_speed_indexes"
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        "content_version",
        sa.Column("scope", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("scope", name=op.f("pk_content_version")),
    )
    op.execute(table.insert().values(scope="site", version=1, changed_at=sa.func.now()))


def downgrade():
    op.drop_table("content_version")
