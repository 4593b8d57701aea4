"""Reports of a problem on anything visible, their review, and appeals against decisions."""
