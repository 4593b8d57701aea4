"""Less to identify a child, in the browser: age bands in the roster, the school-name warning,
the age-gap confirmation and the exchange's picture chosen by an educator (1280 and 360 px)."""

import io

import pytest

from storyhub.extensions import db
from storyhub.media import services as media_services
from storyhub.stories.models import Block
from tests import factories
from tests.media import samples

pytestmark = pytest.mark.browser


def _sign_in(page, base, identifier):
    page.goto(base + "/login")
    page.fill("#identifier", identifier)
    page.fill("#password", factories.PASSWORD)
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").click()


def test_educator_records_an_age_band_and_is_warned_about_a_school_name(
    live_server, new_page, shoot
):
    educator = factories.make_educator(name="Sophie Martin")
    group = factories.make_group(educator, name="Les reporters de la Garonne")
    young = factories.make_young(group, name="Léa", recorder=educator)
    page = new_page("en-GB")
    _sign_in(page, live_server, educator.email)
    page.goto(f"{live_server}/groups/{group.id}")
    page.select_option(f"#age-band-{young.id}", "13-14")
    with page.expect_navigation():
        page.get_by_role("button", name="Save — Léa").click()
    assert page.locator(f"#age-band-{young.id}").input_value() == "13-14"
    assert "Age band saved for Léa" in page.locator(".flash").first.inner_text()
    shoot(page, "identify-roster-age-band")

    page.goto(f"{live_server}/groups/new")
    page.fill("#name", "4e B, Collège Jean Moulin")
    page.fill("#age_min", "13")
    page.fill("#age_max", "14")
    page.check("input[name=languages][value=fr]")
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").click()
    assert "seems to tell the school or the class" in page.locator("#name-error").inner_text()
    assert page.locator("#name").input_value() == "4e B, Collège Jean Moulin"
    assert page.locator("#keep_name").is_visible()
    shoot(page, "identify-group-name-warning")


def test_invited_educator_confirms_a_large_age_gap(live_server, new_page, shoot):
    young_side = factories.make_group(factories.make_educator(), age_min=11, age_max=12)
    adult_educator = factories.make_educator(name="Karim Diallo")
    adult_side = factories.make_group(adult_educator, age_min=18, age_max=25)
    exchange = factories.make_exchange(young_side, adult_side, status="invited")
    page = new_page("en-GB")
    _sign_in(page, live_server, adult_educator.email)
    page.goto(f"{live_server}/exchanges/{exchange.id}")
    assert "more than 4 years apart" in page.locator("#age-gap-warning").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Accept the invitation").click()
    assert "more than 4 years apart" in page.locator(".flash--error").inner_text()
    shoot(page, "identify-age-gap")
    page.check("#confirm_age_gap")
    with page.expect_navigation():
        page.get_by_role("button", name="Accept the invitation").click()
    assert "the exchange has started" in page.locator(".flash--success").inner_text()


def test_educator_chooses_the_picture_of_the_exchange(live_server, new_page, shoot):
    educator = factories.make_educator(name="Sophie Martin")
    exchange = factories.make_exchange(
        factories.make_group(educator, name="Les Lilas"), public=True, title="Open Harbours"
    )
    round_ = factories.make_round(exchange)
    author = factories.make_young(exchange.inviting_group, name="Léa")
    story = factories.make_story(round_, exchange.inviting_group, [author], status="approved")
    media = media_services.create_media(
        author,
        exchange.inviting_group,
        "image",
        io.BytesIO(samples.jpeg()),
        story=story,
        alt_text="The quay at dusk, nobody on it",
    )
    story.blocks.append(Block(kind="image", position=len(story.blocks), media=media))
    db.session.commit()
    page = new_page("en-GB")
    slug = exchange.inviting_group.territory.slug
    page.goto(f"{live_server}/places/{slug}")
    assert page.locator(f"img[src*='/media/{media.id}/']").count() == 0
    _sign_in(page, live_server, educator.email)
    page.goto(f"{live_server}/exchanges/{exchange.id}")
    page.locator(f"input[name=media][value='{media.id}']").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save the picture").click()
    assert "The picture of the exchange is saved." in page.locator(".flash").first.inner_text()
    page.locator("#showcase").scroll_into_view_if_needed()
    shoot(page, "identify-exchange-showcase")
    page.goto(f"{live_server}/places/{slug}")
    assert page.locator(f"img[src*='/media/{media.id}/']").count() >= 1
