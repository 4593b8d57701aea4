"""The consent tests use the media tests' world: two groups in an exchange, uploads."""

from tests.media.conftest import config, english, media_root, story_media, world  # noqa: F401
