"""Moderation: the log of every decision (who did what, when and why, to which piece).

Written by every area through `services.log_transition`; read by the review pages
(storyhub/review: the queue, a story's review page, the log's pages).
"""
