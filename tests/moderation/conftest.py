"""Fixtures of this area, from tests/stories/helpers.py."""

from tests.stories.helpers import english, pair  # noqa: F401
