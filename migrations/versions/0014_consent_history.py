"""consent history: every recording of a consent is kept (consent_event)

Revision ID: 0014_consent_history
Revises: 0013_rights
Create Date: 2026-12-06

The current consent records become the first event of each history.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0014_consent_history"
down_revision = "0013_rights"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "consent_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=True),
        sa.Column("form_reference", sa.String(length=120), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("effect", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user.id"],
            name=op.f("fk_consent_event_recorded_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_consent_event_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_event")),
    )
    with op.batch_alter_table("consent_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_event_user_id"), ["user_id"], unique=False)
    op.execute(
        "INSERT INTO consent_event (user_id, kind, granted, scope, given_on, form_reference,"
        " recorded_at, recorded_by_id, effect)"
        " SELECT user_id, kind, granted, scope, given_on, form_reference, recorded_at,"
        " recorded_by_id, '' FROM consent"
    )


def downgrade():
    with op.batch_alter_table("consent_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_event_user_id"))
    op.drop_table("consent_event")
