"""Stories: what a group writes in answer to a round, as an ordered list of blocks."""
