"""Fixtures of this area (shared with tests/moderation)."""

from tests.stories.helpers import english, pair  # noqa: F401
