"""Help: what to do when something online worries you, and who to call."""
