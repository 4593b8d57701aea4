"""Consent withdrawn after publication, in Chromium: a visitor sees Léa's photo on her public
story; her educator records "No" for her image consent on the consent page and is told at once
what left view; the visitor reloads: the story is there without the photo, and the photo's own
address answers 404. The educator also opens the printable letter.
"""

import io

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.media import services as media_services
from storyhub.stories.models import Block
from tests import factories
from tests.media import samples
from tests.stories.helpers import make_pair

pytestmark = pytest.mark.browser


def _sign_in(page, base, identifier):
    page.goto(f"{base}/login")
    page.fill("input[name=identifier]", identifier)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)


@pytest.fixture
def published(app, tmp_path):
    """Léa's published story of a public exchange, with a photo in which she is ticked."""
    app.config["MEDIA_ROOT"] = str(tmp_path / "media")
    pair = make_pair()
    pair.exchange.inviting_published_at = pair.exchange.invited_published_at = utcnow()
    story = factories.make_story(
        pair.round, pair.a, [pair.lea], status="approved", title="The fountain"
    )
    media = media_services.create_media(
        pair.lea, pair.a, "image", io.BytesIO(samples.jpeg()), story=story,
        alt_text="Léa by the fountain",
    )  # fmt: skip
    story.blocks.append(Block(kind="image", position=1, media=media))
    media_services.tag_people(media, [pair.lea])
    db.session.commit()
    pair.story = story
    return pair


def test_image_consent_withdrawn_takes_the_photo_out_for_a_visitor(
    live_server, new_page, shoot, published
):
    pair = published
    visitor = new_page("en-GB")
    visitor.goto(f"{live_server}/stories/{pair.story.id}")
    image = visitor.locator(".story-block--image img")
    image.wait_for()
    visitor.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    source = image.evaluate("img => img.currentSrc")
    assert visitor.request.get(source).status == 200

    educator = new_page("en-GB")
    _sign_in(educator, live_server, pair.edu_a.email)
    educator.goto(f"{live_server}/groups/{pair.a.id}#roster")
    educator.click("a:has-text('Consent'):has(span:text('Léa'))")
    educator.check("input[name=image][value=no]")
    educator.click("main form button[type=submit]")
    educator.wait_for_url("**/consent")
    told = educator.locator(".flash--warning").inner_text()
    assert "a photo or video of “The fountain”" in told
    assert "comes back when the consent is given again" in told
    history = educator.locator(".consent-history").inner_text()
    assert "Image consent: No" in history and "The fountain" in history
    shoot(educator, "consent-withdrawn")

    visitor.reload()
    visitor.locator("h1:has-text('The fountain')").wait_for()
    assert visitor.locator(".story-block--image img").count() == 0
    assert visitor.request.get(source).status == 404

    educator.click("a:has-text('Letter in English')")
    educator.locator("h1:has-text('consent of a parent or guardian')").wait_for()
    shoot(educator, "consent-letter")
