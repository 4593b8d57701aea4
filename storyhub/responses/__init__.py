"""Responses: kind reactions and moderated comments from the twin group."""
