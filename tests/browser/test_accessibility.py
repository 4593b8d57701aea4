"""The join page and the roster pass axe-core with no serious or critical violation."""

import pytest

from tests import factories
from tests.browser.axe import serious_violations

pytestmark = pytest.mark.browser


def _sign_in(page, base, identifier):
    page.goto(base + "/login")
    page.fill("#identifier", identifier)
    page.fill("#password", factories.PASSWORD)
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").click()


@pytest.mark.parametrize("locale", ["fr-FR", "en-GB"])
def test_join_page_with_errors_has_no_serious_violation(live_server, new_page, shoot, locale):
    page = new_page(locale)
    page.goto(live_server + "/join")
    assert serious_violations(page) == []
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").click()  # empty: every error shown
    assert page.locator(".error-summary").is_visible()
    assert serious_violations(page) == []
    shoot(page, f"a11y-join-errors-{locale[:2]}")


def test_roster_has_no_serious_violation(live_server, new_page, shoot):
    educator = factories.make_educator(name="Sophie Martin")
    group = factories.make_group(educator, name="4e B — Collège Jean Moulin")
    factories.make_young(group, name="Léa", recorder=educator)
    factories.make_young(group, name="Yanis", parental=False, image=None)
    factories.make_young(group, name="Inès", parental=None, image=None)
    page = new_page("en-GB")
    _sign_in(page, live_server, educator.email)
    page.goto(f"{live_server}/groups/{group.id}")
    assert page.locator("#roster table").is_visible()
    assert serious_violations(page) == []
    shoot(page, "a11y-roster")
    page.set_viewport_size({"width": 360, "height": 800})
    assert serious_violations(page) == []


def test_educator_tools_have_no_serious_violation(live_server, new_page, shoot):
    educator = factories.make_educator(name="Sophie Martin")
    group = factories.make_group(educator, name="Club des Lilas")
    young = factories.make_young(group, name="Léa", parental=None, image=None)
    factories.make_territory(name="Saint-Pierre", status="proposed", proposed_by=educator)
    page = new_page("fr-FR")
    _sign_in(page, live_server, educator.email)
    pages = {
        "consent": f"/groups/{group.id}/members/{young.id}/consent",
        "members-new": f"/groups/{group.id}/members/new",
        "territories": "/territories/",
        "territory-new": "/territories/new",
        "password": "/account/password",
        "not-found": "/no-such-page",
    }
    for name, path in pages.items():
        page.goto(live_server + path)
        assert serious_violations(page) == [], name
        shoot(page, f"tools-{name}")
    page.goto(live_server + pages["members-new"])
    page.fill("#names", "Léa\nYanis\nInès")
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").click()
    assert page.locator(".credential-card").count() == 3
    assert serious_violations(page) == []
    shoot(page, "tools-cards")
