"""GET /healthz: the app process answers, with no database, session or template work.

For the reverse proxy's health checks, and the bare route the load benchmark
(benchmarks/load.py) compares every public page with, in the same server.
"""

from flask import Flask, Response


def healthz() -> Response:
    """'ok', never cached, no cookie."""
    response = Response("ok\n", mimetype="text/plain")
    response.headers["Cache-Control"] = "no-store"
    return response


def init_health(app: Flask) -> None:
    """Register /healthz on the app."""
    app.add_url_rule("/healthz", "healthz", healthz, methods=["GET"])
