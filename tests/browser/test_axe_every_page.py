"""On every page a young person, an educator, a new educator waiting for verification, an admin
or a visitor reaches on the demo site, the story editor included (one page of each shape:
/stories/<n>, /rounds/<n>/read…): at 360 px the header is one short row and every link and
button is reachable by scrolling the page itself, and axe-core finds nothing serious or
critical. One visit per page serves both checks: loaded at 360 px, then widened for axe."""

import pytest

from tests.browser.axe import serious_violations
from tests.browser.every_page import ROLES, every_page
from tests.browser.test_phone import PHONE, phone_misfits

pytestmark = pytest.mark.browser
WIDE = {"width": 1280, "height": 900}


@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_a_phone_and_has_no_serious_accessibility_violation(
    live_server, new_page, client, role
):
    page, paths = every_page(role, live_server, new_page, client)
    misfits, violations = {}, {}
    for path in paths:
        page.set_viewport_size(PHONE)
        page.goto(live_server + path)
        if found := phone_misfits(page):
            misfits[path] = found
        page.set_viewport_size(WIDE)
        if found := serious_violations(page):
            violations[path] = found
    report = [f"at 360 px, {path}: {found}" for path, found in misfits.items()]
    report += [f"axe, {path}: {found}" for path, found in violations.items()]
    assert report == [], (
        f"{len(paths)} pages; does not fit a phone: {len(misfits)}, "
        f"axe serious or critical: {len(violations)}\n" + "\n".join(report)
    )
