"""Pieces shared by every domain."""
