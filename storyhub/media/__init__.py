"""Media: uploads checked by content, stripped of metadata, re-encoded, served by visibility."""
