"""Who a rate limit counts: shared by the areas that limit uploads and comments."""

from flask import current_app, request
from flask_login import current_user


def per_person() -> str:
    """Rate limits count per person: a whole class often shares one address."""
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return request.remote_addr or "anonymous"


def upload_limit() -> str:
    """The uploads a person may send (MEDIA_UPLOAD_RATE_LIMIT)."""
    return current_app.config["MEDIA_UPLOAD_RATE_LIMIT"]
