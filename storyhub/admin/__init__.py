"""Platform administration: verifying educators, platform figures."""
