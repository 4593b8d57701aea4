"""Territories: the places groups live in, never finer than a town."""
