"""indexes of the public queries: replies, latest public stories, reverse lookups of links

Revision ID: 0018_speed_indexes
Revises: 0017_inactivity_notice
Create Date: 2026-12-06

The story page looks for the stories answering it (story.in_reply_to_id); "the latest public
stories" (home, feeds, API, territory) reads (status, published_at, id) backwards instead of
sorting every public story; the link tables are searched by their second column too (a
person's stories and the consent rule, a theme's stories and exchanges, the groups an
educator leads, the pictures a person appears in).
"""

from alembic import op

revision = "0018_speed_indexes"
down_revision = "0017_inactivity_notice"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_story_in_reply_to_id", "story", ["in_reply_to_id"]),
    ("ix_story_status_published_at", "story", ["status", "published_at", "id"]),
    ("ix_story_author_user_id", "story_author", ["user_id"]),
    ("ix_story_theme_theme_id", "story_theme", ["theme_id"]),
    ("ix_exchange_theme_theme_id", "exchange_theme", ["theme_id"]),
    ("ix_group_educator_user_id", "group_educator", ["user_id"]),
    ("ix_media_person_user_id", "media_person", ["user_id"]),
)


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade():
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
