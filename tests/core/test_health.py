"""/healthz: the bare route of the load benchmark and the proxy's health check does no work."""

from tests.sql import count_queries


def test_healthz_answers_ok_without_sql_or_cookie(client):
    with count_queries() as statements:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.text == "ok\n"
    assert response.mimetype == "text/plain"
    assert statements == []
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_only_answers_get(client):
    assert client.post("/healthz").status_code == 405
