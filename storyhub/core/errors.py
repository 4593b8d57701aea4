"""Error pages in the user's language, and the domain error type."""

import math
import time
from datetime import timedelta

from flask import Flask, jsonify, render_template, request
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


class DomainError(Exception):
    """A rule of the domain refused an action; the message is shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


ERROR_TEXTS = {
    400: (
        _l("Bad request"),
        _l("Something in that request was not understood. Please go back and try again."),
    ),
    403: (
        _l("Not allowed"),
        _l("You do not have access to this page. If you think you should, ask your educator."),
    ),
    404: (_l("Page not found"), _l("This page does not exist, or it is not public.")),
    405: (_l("Not allowed"), _l("This action is not possible here.")),
    413: (
        _l("File too large"),
        _l("What you sent is larger than we accept. Please send a smaller file."),
    ),
    429: (_l("Too many attempts"), _l("Please wait a moment before trying again.")),
    500: (
        _l("Something went wrong"),
        _l(
            "An error occurred on our side. Nothing you typed is your fault; please try again in a moment."
        ),
    ),
}


CSRF_TEXTS = (
    _l("This form has expired"),
    _l(
        "For your safety, forms stop working after a while or in another tab. "
        "Go back, reload the page and send it again."
    ),
)


def render_error(code: int, texts: tuple | None = None):
    """Render the friendly page for an HTTP error code."""
    title, text = texts or ERROR_TEXTS.get(code, ERROR_TEXTS[500])
    return render_template("errors/error.html", code=code, title=title, text=text), code


def retry_text() -> str:
    """'Please wait … You can try again in 40 seconds.' from the limit that was hit."""
    from storyhub.extensions import limiter

    limit = limiter.current_limit if limiter.initialized else None
    wait = max(1, math.ceil(limit.reset_at - time.time())) if limit else 60
    when = format_timedelta(timedelta(seconds=wait), threshold=1.5)
    return " ".join([str(ERROR_TEXTS[429][1]), _("You can try again in %(when)s.", when=when)])


def init_errors(app: Flask) -> None:
    """Register the error handlers."""

    @app.errorhandler(CSRFError)
    def handle_csrf(error: CSRFError):
        if request.accept_mimetypes.best == "application/json":  # the editor's autosave
            return jsonify(error="expired", message=str(CSRF_TEXTS[1])), 400
        return render_error(400, CSRF_TEXTS)

    @app.errorhandler(429)
    def handle_too_many(error: HTTPException):
        return render_error(429, (ERROR_TEXTS[429][0], retry_text()))

    @app.errorhandler(HTTPException)
    def handle_http(error: HTTPException):
        if error.code in ERROR_TEXTS:
            return render_error(error.code)
        return error

    @app.errorhandler(500)
    def handle_500(error):  # pragma: no cover - exercised through a test route
        from storyhub.extensions import db

        db.session.rollback()
        return render_error(500)
