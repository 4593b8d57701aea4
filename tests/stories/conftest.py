"""Fixtures of this area (shared with tests/moderation). The editor and the queue in Chromium
are tested in tests/browser, next to the one Playwright of the run."""

from tests.stories.helpers import english, pair  # noqa: F401
