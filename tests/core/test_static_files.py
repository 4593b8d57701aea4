"""Static files: content-hashed URLs kept a year, plain or stale names checked before each use,
Brotli and gzip when the browser accepts them, and each page loads only its own stylesheets."""

import gzip
import re
from types import SimpleNamespace

import brotli
import pytest
from flask import render_template_string, url_for

from storyhub.core.assets import IMMUTABLE, StaticFiles, stylesheets

STYLESHEET = re.compile(r'<link rel="stylesheet" href="(/static/css/[^"]+)"')


def _hashed(path):
    with_app = url_for("static", filename=path)
    assert re.fullmatch(r"/static/" + re.escape(path[:-4]) + r"\.[0-9a-f]{12}\.css", with_app)
    return with_app


@pytest.mark.db_independent
def test_static_urls_carry_the_digest_of_the_content(app):
    with app.test_request_context():
        url = _hashed("css/storyhub.css")
        assert url_for("static", filename="css/missing.css") == "/static/css/missing.css"
    assert url in app.test_client().get("/login").get_data(as_text=True)


@pytest.mark.db_independent
def test_the_hashed_name_changes_when_the_content_changes(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "fonts").mkdir()
    sheet, font = tmp_path / "css" / "site.css", tmp_path / "fonts" / "a.woff2"
    font.write_bytes(b"font one")
    sheet.write_text('@font-face { src: url("../fonts/a.woff2") format("woff2"); }')
    files = StaticFiles(SimpleNamespace(static_folder=str(tmp_path)))
    first_font, first_sheet = files.hashed_name("fonts/a.woff2"), files.hashed_name("css/site.css")
    assert first_sheet != "css/site.css" and files.hashed_name("css/site.css") == first_sheet
    assert f'url("../fonts/{first_font.split("/")[-1]}")' in files.get("css/site.css").body.decode()

    font.write_bytes(b"font two, longer")  # the sheet names the font: both URLs change
    assert files.hashed_name("fonts/a.woff2") != first_font
    assert files.hashed_name("css/site.css") != first_sheet
    sheet.write_text("body { color: red; }")
    assert files.find(first_sheet) == (files.get("css/site.css"), False)


@pytest.mark.db_independent
def test_hashed_static_is_cached_a_year_and_plain_or_missing_is_not(app, client):
    with app.test_request_context():
        url = _hashed("css/stories.css")
        font = url_for("static", filename="vendor/fonts/fraunces-latin-600-normal.woff2")
    for hashed in (url, font):
        response = client.get(hashed)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == IMMUTABLE
        assert "Set-Cookie" not in response.headers
        assert "Cookie" not in response.headers.get("Vary", "")
    stale = re.sub(r"\.[0-9a-f]{12}\.", ".0123456789ab.", url)
    for name in ("/static/css/stories.css", stale, font.replace(font.split(".")[-2] + ".", "")):
        response = client.get(name)
        assert response.status_code == 200, name
        assert "immutable" not in response.headers["Cache-Control"]
        assert "no-cache" in response.headers["Cache-Control"]
    for missing in ("/static/css/nothing.css", "/static/css/nothing.0123456789ab.css"):
        response = client.get(missing)
        assert response.status_code == 404
        assert "immutable" not in response.headers.get("Cache-Control", "")
    assert client.get("/static/../wsgi.py").status_code == 404


@pytest.mark.db_independent
def test_text_files_come_compressed_as_the_browser_accepts(app, client):
    with app.test_request_context():
        url = _hashed("css/stories.css")
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and plain.headers["Vary"] == "Accept-Encoding"
    assert plain.mimetype == "text/css"

    br = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert br.headers["Content-Encoding"] == "br" and br.headers["Vary"] == "Accept-Encoding"
    assert brotli.decompress(br.data) == plain.data and len(br.data) < len(plain.data) / 3

    gz = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in gz.headers["Vary"]
    assert gzip.decompress(gz.data) == plain.data
    assert gz.headers["Cache-Control"] == IMMUTABLE

    again = client.get(url, headers={"Accept-Encoding": "br", "If-None-Match": br.headers["ETag"]})
    assert again.status_code == 304
    assert br.headers["ETag"] != gz.headers["ETag"] != plain.headers["ETag"]


@pytest.mark.db_independent
def test_fonts_are_sent_as_they_are(app, client):
    with app.test_request_context():
        font = url_for("static", filename="vendor/fonts/fraunces-latin-600-normal.woff2")
    response = client.get(font, headers={"Accept-Encoding": "br, gzip"})
    assert response.mimetype == "font/woff2" and "Content-Encoding" not in response.headers


def _sheets(client, path):
    html = client.get(path).get_data(as_text=True)
    return [
        re.sub(r"\.[0-9a-f]{12}\.css$", "", url).split("/")[-1] for url in STYLESHEET.findall(html)
    ]


def test_each_page_loads_only_the_stylesheets_it_uses(client):
    assert _sheets(client, "/") == ["storyhub", "exchanges", "stories", "browse"]
    assert _sheets(client, "/login") == ["storyhub"]
    assert _sheets(client, "/search") == ["storyhub", "stories", "search"]


@pytest.mark.db_independent
def test_stylesheets_come_in_one_order_and_must_exist(app):
    with app.test_request_context():
        html = render_template_string("{{ stylesheets('pair', 'media', 'stories') }}")
        assert [u.split("/")[-1].split(".")[0] for u in re.findall(r'href="([^"]+)"', html)] == [
            "stories",
            "media",
            "pair",
        ]
        with pytest.raises(ValueError):
            stylesheets("print")
