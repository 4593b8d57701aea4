"""Foundation: users, territories, groups, group educators, consent.

Revision ID: 0001_foundation
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    # territory -> user -> youth_group -> territory is a cycle: the territory's link to its
    # proposer is added last, once the user table exists.
    op.create_table(
        "territory",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("slug", sa.String(length=140), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("presentation", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("proposed_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_territory")),
        sa.UniqueConstraint("slug", name=op.f("uq_territory_slug")),
    )
    with op.batch_alter_table("territory") as batch_op:
        batch_op.create_index(batch_op.f("ix_territory_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_territory_status"), ["status"], unique=False)

    op.create_table(
        "youth_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("age_min", sa.Integer(), nullable=False),
        sa.Column("age_max", sa.Integer(), nullable=False),
        sa.Column("languages", sa.String(length=64), nullable=False),
        sa.Column("presentation", sa.Text(), nullable=False),
        sa.Column("join_code", sa.String(length=16), nullable=True),
        sa.Column("join_code_enabled", sa.Boolean(), nullable=False),
        sa.Column("open_to_twinning", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["territory_id"], ["territory.id"], name=op.f("fk_youth_group_territory_id_territory")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_youth_group")),
        sa.UniqueConstraint("join_code", name=op.f("uq_youth_group_join_code")),
    )
    with op.batch_alter_table("youth_group") as batch_op:
        batch_op.create_index(batch_op.f("ix_youth_group_territory_id"), ["territory_id"], unique=False)

    op.create_table(
        "user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("display_name", sa.String(length=80), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=True),
        sa.Column("username_key", sa.String(length=80), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=True),
        sa.Column("organisation", sa.String(length=160), nullable=True),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("verified_by_id", sa.Integer(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["youth_group.id"], name=op.f("fk_user_group_id_youth_group"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["verified_by_id"], ["user.id"], name=op.f("fk_user_verified_by_id_user"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user")),
        sa.UniqueConstraint("email", name=op.f("uq_user_email")),
        sa.UniqueConstraint("username_key", name=op.f("uq_user_username_key")),
    )
    with op.batch_alter_table("user") as batch_op:
        batch_op.create_index(batch_op.f("ix_user_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_user_role"), ["role"], unique=False)

    with op.batch_alter_table("territory") as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_territory_proposed_by_id_user"), "user", ["proposed_by_id"], ["id"],
            ondelete="SET NULL",
        )

    op.create_table(
        "consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["user.id"], name=op.f("fk_consent_recorded_by_id_user"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_consent_user_id_user"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent")),
        sa.UniqueConstraint("user_id", "kind", name=op.f("uq_consent_user_id")),
    )
    with op.batch_alter_table("consent") as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_user_id"), ["user_id"], unique=False)

    op.create_table(
        "group_educator",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"], ["youth_group.id"], name=op.f("fk_group_educator_group_id_youth_group"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_group_educator_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("group_id", "user_id", name=op.f("pk_group_educator")),
    )


def downgrade():
    op.drop_table("group_educator")
    op.drop_table("consent")
    with op.batch_alter_table("territory") as batch_op:
        batch_op.drop_constraint("fk_territory_proposed_by_id_user", type_="foreignkey")
    op.drop_table("user")
    op.drop_table("youth_group")
    op.drop_table("territory")
