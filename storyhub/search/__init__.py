"""Full-text search over published stories (SQLite FTS5 or PostgreSQL tsvector)."""
