"""The search index: one row per PUBLIC story, nothing else is ever written here.

The database-specific part lives beside this table, created by migration 0004_search and
hidden from autogenerate (storyhub/search/schema.py): on SQLite the FTS5 table
`search_document_fts` (external content, kept in step by triggers), on PostgreSQL the
generated column `search_document.search_vector` (tsvector) with its GIN index.
"""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storyhub.core.models import utcnow
from storyhub.extensions import db


class SearchDocument(db.Model):
    """The searchable text of a public story: raw for snippets, folded for the index."""

    story_id: Mapped[int] = mapped_column(
        ForeignKey("story.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    title: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    terms_title: Mapped[str] = mapped_column(Text, default="")
    terms_body: Mapped[str] = mapped_column(Text, default="")
    indexed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<SearchDocument story {self.story_id}>"
