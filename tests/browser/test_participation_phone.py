"""The educator's "Who took part" table on a 360 px phone: every figure of a member is on
screen, nothing scrolls sideways, nothing is reachable only inside a scroller."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.test_phone import OUT_OF_REACH, PHONE
from tests.browser.test_stories_editor import _sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("locale", ["fr-FR", "en-GB"])
def test_who_took_part_reads_on_a_phone(live_server, new_page, shoot, locale):
    educator = factories.make_educator()
    group = factories.make_group(educator)
    twin_group = factories.make_group(factories.make_educator())
    exchange = factories.make_exchange(group, twin_group)
    round_ = factories.make_round(exchange)
    young = factories.make_young(group, name="Maëlys-Annabelle Dupont-Rivière")
    factories.make_story(round_, group, [young], status="approved")
    factories.make_story(round_, group, [young], status="draft")
    page = new_page(locale)
    page.set_viewport_size(PHONE)
    _sign_in(page, live_server, educator.email)
    page.goto(f"{live_server}/exchanges/{exchange.id}/impact/follow")
    row = page.locator("#roster-title ~ * tbody tr", has_text=young.display_name)
    expect(row).to_contain_text("1 publi")
    assert page.evaluate(OUT_OF_REACH) == []
    shoot(page, f"follow-who-took-part-{locale}")
    for cell in row.locator("td").all():
        box = cell.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1
