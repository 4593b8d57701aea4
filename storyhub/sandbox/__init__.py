"""The practice exchange (sandbox) of a new educator: see services.py."""
