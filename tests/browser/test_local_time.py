"""Times in the reader's zone, in Chromium: a Mayotte browser reads 09:37 for 06:37 UTC."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import STATE_TIMEOUT_MS
from tests.browser.test_stories_editor import _sign_in
from tests.moderation.test_log_times import logged  # noqa: F401, F811
from tests.stories.helpers import make_pair

pytestmark = pytest.mark.browser


@pytest.fixture
def pair():
    """Bordeaux and Mamoudzou twinned, with an open round (see tests/stories/helpers.py)."""
    return make_pair()


@pytest.fixture
def english(app):
    """Service calls inside an English request."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def test_a_mayotte_browser_reads_the_log_in_its_own_time(live_server, browser, pair, logged):  # noqa: F811
    context = browser.new_context(locale="en-GB", timezone_id="Indian/Mayotte")
    context.set_default_timeout(STATE_TIMEOUT_MS)
    page = context.new_page()
    # Before the account knows the zone, the server writes UTC and the script rewrites it.
    page.route("**/account/time-zone", lambda route: route.abort())
    _sign_in(page, live_server, pair.edu_a.email)
    page.goto(f"{live_server}/moderation/log")
    time = page.locator("time[data-local-time]").first
    page.wait_for_function(
        "!document.querySelector('time[data-local-time]').textContent.includes('UTC')"
    )
    shown = time.inner_text()
    assert "9:37" in shown and "6:37" not in shown and ("EAT" in shown or "GMT+3" in shown), shown
    assert time.get_attribute("datetime") == "2026-12-06T06:37:00Z"
    # The browser tells the account its zone once; from then on the server writes it itself.
    page.unroute("**/account/time-zone")
    with page.expect_response(lambda r: r.url.endswith("/account/time-zone")) as saved:
        page.reload()
    assert saved.value.status == 204
    page.reload()
    expect(time).to_have_attribute("datetime", "2026-12-06T09:37:00+03:00")
    assert "9:37" in time.inner_text() and "Mayotte" in time.inner_text()
    context.close()
