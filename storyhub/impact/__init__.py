"""Qualifying change: before/after answers, reflections, most significant change, impact page."""
