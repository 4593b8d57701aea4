"""The one way the API says no: a JSON body {"error": {"status", "code", "message"}}, never HTML."""

from flask import jsonify
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: ("bad_request", _l("The request has a parameter that is not valid.")),
    404: ("not_found", _l("There is no public resource at this address.")),
    405: ("method_not_allowed", _l("This API is read-only: only GET, HEAD and OPTIONS.")),
    429: ("too_many_requests", _l("Too many requests: please slow down.")),
    500: ("server_error", _l("Something went wrong on our side.")),
}


class ApiError(HTTPException):
    """An API refusal with its own message (e.g. which parameter is wrong)."""

    def __init__(self, status: int, message: str):
        super().__init__(description=message)
        self.code = status


def json_error(status: int, message: str | None = None, headers: dict | None = None):
    """A JSON error response."""
    code, default = MESSAGES.get(status, MESSAGES[500])
    body = {"error": {"status": status, "code": code, "message": str(message or default)}}
    response = jsonify(body)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    response.cache_control.no_store = True
    return response
