"""In-site notifications (the bell) and the educators' email digest."""
