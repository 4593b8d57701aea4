"""Privacy by design: the notices, data rights (export, deletion, rectification), retention."""
