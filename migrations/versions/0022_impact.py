"""impact: statements of each exchange, before/after answers of young people, reflections
(private, shared, approved, selected as most significant changes) and educators' observations

Revision ID: 0022_impact
Revises: 0021_story_versions
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0022_impact"
down_revision = "0021_story_versions"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "impact_observation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exchange_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("is_public", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["user.id"],
            name=op.f("fk_impact_observation_author_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["exchange_id"],
            ["exchange.id"],
            name=op.f("fk_impact_observation_exchange_id_exchange"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["youth_group.id"],
            name=op.f("fk_impact_observation_group_id_youth_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_impact_observation")),
    )
    with op.batch_alter_table("impact_observation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_impact_observation_exchange_id"), ["exchange_id"], unique=False
        )

    op.create_table(
        "impact_participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exchange_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["exchange_id"],
            ["exchange.id"],
            name=op.f("fk_impact_participant_exchange_id_exchange"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["youth_group.id"],
            name=op.f("fk_impact_participant_group_id_youth_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
            name=op.f("fk_impact_participant_user_id_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_impact_participant")),
        sa.UniqueConstraint("code", name=op.f("uq_impact_participant_code")),
        sa.UniqueConstraint(
            "exchange_id", "user_id", name=op.f("uq_impact_participant_exchange_id")
        ),
    )
    with op.batch_alter_table("impact_participant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_impact_participant_exchange_id"), ["exchange_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_impact_participant_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "impact_statement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exchange_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=True),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["exchange_id"],
            ["exchange.id"],
            name=op.f("fk_impact_statement_exchange_id_exchange"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_impact_statement")),
    )
    with op.batch_alter_table("impact_statement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_impact_statement_exchange_id"), ["exchange_id"], unique=False
        )

    op.create_table(
        "impact_answer_set",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exchange_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=8), nullable=False),
        sa.Column("moment", sa.String(length=24), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=True),
        sa.Column("thoughts", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["exchange_id"],
            ["exchange.id"],
            name=op.f("fk_impact_answer_set_exchange_id_exchange"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["youth_group.id"],
            name=op.f("fk_impact_answer_set_group_id_youth_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["round.id"],
            name=op.f("fk_impact_answer_set_round_id_round"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
            name=op.f("fk_impact_answer_set_user_id_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_impact_answer_set")),
        sa.UniqueConstraint(
            "exchange_id", "user_id", "moment", name=op.f("uq_impact_answer_set_exchange_id")
        ),
    )
    with op.batch_alter_table("impact_answer_set", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_impact_answer_set_exchange_id"), ["exchange_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_impact_answer_set_group_id"), ["group_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_impact_answer_set_user_id"), ["user_id"], unique=False)

    op.create_table(
        "impact_reflection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("answer_set_id", sa.Integer(), nullable=False),
        sa.Column("exchange_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("feedback", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("selected_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("selected_by_id", sa.Integer(), nullable=True),
        sa.Column("selection_reason", sa.String(length=300), nullable=False),
        sa.Column("change_kind", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_set_id"],
            ["impact_answer_set.id"],
            name=op.f("fk_impact_reflection_answer_set_id_impact_answer_set"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["user.id"],
            name=op.f("fk_impact_reflection_author_id_user"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["exchange_id"],
            ["exchange.id"],
            name=op.f("fk_impact_reflection_exchange_id_exchange"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["youth_group.id"],
            name=op.f("fk_impact_reflection_group_id_youth_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["selected_by_id"],
            ["user.id"],
            name=op.f("fk_impact_reflection_selected_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_impact_reflection")),
        sa.UniqueConstraint("answer_set_id", name=op.f("uq_impact_reflection_answer_set_id")),
    )
    with op.batch_alter_table("impact_reflection", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_impact_reflection_author_id"), ["author_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_impact_reflection_exchange_id"), ["exchange_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_impact_reflection_group_id"), ["group_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_impact_reflection_status"), ["status"], unique=False)

    op.create_table(
        "impact_scale_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("answer_set_id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "value >= 1 AND value <= 5", name=op.f("ck_impact_scale_answer_value_1_to_5")
        ),
        sa.ForeignKeyConstraint(
            ["answer_set_id"],
            ["impact_answer_set.id"],
            name=op.f("fk_impact_scale_answer_answer_set_id_impact_answer_set"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["impact_statement.id"],
            name=op.f("fk_impact_scale_answer_statement_id_impact_statement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_impact_scale_answer")),
        sa.UniqueConstraint(
            "answer_set_id", "statement_id", name=op.f("uq_impact_scale_answer_answer_set_id")
        ),
    )
    with op.batch_alter_table("impact_scale_answer", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_impact_scale_answer_answer_set_id"), ["answer_set_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_impact_scale_answer_statement_id"), ["statement_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("impact_scale_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_impact_scale_answer_statement_id"))
        batch_op.drop_index(batch_op.f("ix_impact_scale_answer_answer_set_id"))

    op.drop_table("impact_scale_answer")
    with op.batch_alter_table("impact_reflection", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_impact_reflection_status"))
        batch_op.drop_index(batch_op.f("ix_impact_reflection_group_id"))
        batch_op.drop_index(batch_op.f("ix_impact_reflection_exchange_id"))
        batch_op.drop_index(batch_op.f("ix_impact_reflection_author_id"))

    op.drop_table("impact_reflection")
    with op.batch_alter_table("impact_answer_set", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_impact_answer_set_user_id"))
        batch_op.drop_index(batch_op.f("ix_impact_answer_set_group_id"))
        batch_op.drop_index(batch_op.f("ix_impact_answer_set_exchange_id"))

    op.drop_table("impact_answer_set")
    with op.batch_alter_table("impact_statement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_impact_statement_exchange_id"))

    op.drop_table("impact_statement")
    with op.batch_alter_table("impact_participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_impact_participant_user_id"))
        batch_op.drop_index(batch_op.f("ix_impact_participant_exchange_id"))

    op.drop_table("impact_participant")
    with op.batch_alter_table("impact_observation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_impact_observation_exchange_id"))

    op.drop_table("impact_observation")
