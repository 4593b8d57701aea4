"""Twinned exchanges between two groups, their themes and rounds."""
