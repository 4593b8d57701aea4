"""The read-only public JSON API at /api/v1, described by /api/v1/openapi.json."""
