"""Pages, feeds and API answers leave the app compressed as the browser accepts, when no proxy
in front does it (COMPRESS_RESPONSES), and conditional requests still cost one query."""

import gzip

import brotli
import pytest

from storyhub import create_app
from tests.sql import count_queries

PAGES = ("/", "/explore", "/help", "/api/v1/exchanges", "/feeds/stories.atom", "/search?q=eau")


@pytest.mark.parametrize("path", PAGES)
def test_pages_come_compressed_as_the_browser_accepts(client, states, path):
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    assert "Accept-Encoding" in plain.headers["Vary"]

    br = client.get(path, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert br.headers["Content-Encoding"] == "br" and "Accept-Encoding" in br.headers["Vary"]
    assert brotli.decompress(br.data) == plain.data
    assert int(br.headers["Content-Length"]) == len(br.data) < len(plain.data) / 2

    gz = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(gz.data) == plain.data


def test_a_compressed_page_has_a_weak_etag_still_answered_304_after_one_query(client):
    page = client.get("/", headers={"Accept-Encoding": "br"})
    assert page.headers["ETag"].startswith('W/"')
    with count_queries() as statements:
        again = client.get(
            "/", headers={"Accept-Encoding": "br", "If-None-Match": page.headers["ETag"]}
        )
    assert again.status_code == 304 and again.data == b""
    assert len(statements) <= 1


def test_small_answers_and_static_files_are_left_to_their_own_rules(client):
    robots = client.get("/robots.txt", headers={"Accept-Encoding": "br"})
    assert robots.status_code == 200 and "Content-Encoding" not in robots.headers
    font = client.get(
        "/static/vendor/fonts/fraunces-latin-600-normal.woff2", headers={"Accept-Encoding": "br"}
    )
    assert "Content-Encoding" not in font.headers


def test_a_proxy_that_compresses_turns_it_off(app):
    settings = {key: app.config[key] for key in ("SQLALCHEMY_DATABASE_URI", "MEDIA_ROOT")}
    behind_proxy = create_app("testing", {**settings, "COMPRESS_RESPONSES": False})
    page = behind_proxy.test_client().get("/", headers={"Accept-Encoding": "br, gzip"})
    assert page.status_code == 200 and "Content-Encoding" not in page.headers


@pytest.mark.db_independent
def test_a_body_sent_again_is_compressed_once_and_never_mixed_with_another():
    from storyhub.core.compression import packed_body

    first = b'{"places": ["Bordeaux", "Mayotte"]}' * 200
    changed = first.replace(b"Mayotte", b"Dakar!!")  # same length, other bytes
    assert packed_body(first, "gzip") is packed_body(first, "gzip")  # kept, not redone
    assert gzip.decompress(packed_body(first, "gzip")) == first
    assert gzip.decompress(packed_body(changed, "gzip")) == changed
    assert brotli.decompress(packed_body(first, "br")) == first
    assert brotli.decompress(packed_body(changed, "br")) == changed
    assert gzip.decompress(packed_body(first, "gzip")) == first
