"""Review: the moderation queue, a story's review page and the moderation log's pages.

Above every area whose pieces it reviews (stories, media, comments, reports): it reads them
directly. The log itself, written by every area, is the lower `storyhub.moderation` package.
"""
