"""The landing page and each person's dashboard."""
