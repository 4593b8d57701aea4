"""Browser journeys: a live server on the test app, driven by Debian's Chromium via Playwright.

Without /usr/bin/chromium these tests are skipped, unless STORYHUB_REQUIRE_BROWSER=1 (CI),
where a missing browser is a failure.
"""

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WIDTHS = (1280, 360)
# How long a step may wait for the page to reach the state it waits on. Generous on purpose:
# waits end as soon as the state is reached, and CI runs on two cores that may be busy.
STATE_TIMEOUT_MS = 30_000
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 8).map(el => `${el.tagName}.${el.className}`)"""


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module.

    Not per session: a running sync Playwright holds an event loop, and other modules (media)
    start their own Playwright, which cannot run inside it.
    """
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("STORYHUB_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


class QuietHandler(WSGIRequestHandler):
    """No access log: a failing test's output shows the failure, not every request."""

    def log_request(self, *args, **kwargs):
        pass


@pytest.fixture
def live_server(app, monkeypatch):
    """The test app served on a free local port, with CSRF on as in production."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()


@pytest.fixture
def new_page(browser):
    """new_page(locale) -> a page in a fresh browser context whose browser speaks locale."""
    contexts = []

    def factory(locale="fr-FR"):
        context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(STATE_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield factory
    for context in contexts:
        context.close()


@pytest.fixture
def shoot():
    """shoot(page, name) -> the page checked at 1280 and 360 px (it must not scroll sideways),
    with full-page screenshots in test-artifacts/ when STORYHUB_SCREENSHOTS=1 (to look at what
    users see; about 160 full-page PNGs are a good part of the browser run's CPU, and nobody
    looks at them in CI)."""
    screenshots = os.environ.get("STORYHUB_SCREENSHOTS") == "1"
    if screenshots:
        ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name):
        size = page.viewport_size
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            if screenshots:
                page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
            page_width = page.evaluate("document.documentElement.scrollWidth")
            assert page_width <= width, (
                f"{name} scrolls sideways at {width} px ({page_width}): {page.evaluate(WIDEST)}"
            )
        page.set_viewport_size(size)

    return take
