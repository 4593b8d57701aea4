"""Moderation: the queue and the log of every decision."""
