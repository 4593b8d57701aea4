"""Consent over time: recording, history, what a withdrawal takes out of view, the letter."""
