"""A co-educator invitation in Chromium, by keyboard, in French and English: the form answers
the same for any address; the invited educator opens the mailed link and accepts."""

import re

import pytest

from tests import factories
from tests.browser.axe import serious_violations

pytestmark = pytest.mark.browser

WORDS = {
    "fr-FR": {"sent": "nous lui avons envoyé une invitation", "accept": "Accepter et animer"},
    "en-GB": {"sent": "we have sent them an invitation", "accept": "Accept and lead the group"},
}


def _sign_in(page, base, email):
    page.goto(f"{base}/login")
    page.fill("input[name=identifier]", email)
    page.fill("input[name=password]", factories.PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)


@pytest.mark.parametrize("locale", ["fr-FR", "en-GB"])
def test_invite_and_accept_a_co_educator(app, live_server, new_page, shoot, locale):
    words = WORDS[locale]
    educator = factories.make_educator()
    group = factories.make_group(educator, factories.make_territory())
    colleague = factories.make_educator(email="colleague@example.org")
    lang = locale[:2]

    inviter = new_page(locale)
    _sign_in(inviter, live_server, educator.email)
    inviter.goto(f"{live_server}/groups/{group.id}")
    inviter.fill("#email", colleague.email)
    inviter.locator("#email").press("Enter")
    inviter.wait_for_selector(f"text={words['sent']}")
    shoot(inviter, f"{lang}-co-educator-invited")
    assert colleague.display_name not in inviter.locator("#edu-title + ul").inner_text()

    [mail] = [m for m in app.extensions["storyhub_outbox"] if m["To"] == colleague.email]
    path = re.search(r"http://[^/\s]+(/groups/\S+)", mail.get_content()).group(1)
    invited = new_page(locale)
    _sign_in(invited, live_server, colleague.email)
    invited.goto(live_server + path)
    button = invited.get_by_role("button", name=words["accept"])
    assert serious_violations(invited) == []
    shoot(invited, f"{lang}-co-educator-accept")
    button.focus()
    invited.keyboard.press("Enter")
    invited.wait_for_url(re.compile(rf"/groups/{group.id}$"))
    assert colleague.display_name in invited.locator("#edu-title + ul").inner_text()
