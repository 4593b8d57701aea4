"""A story with a photo, from the young author's editor to the public page, in Chromium.

Léa writes a text and adds a phone photo (JPEG with GPS and owner in its EXIF) with the page's
uploader, tags Tom, and sends it: refused until the photo has a text alternative. The educator
is refused the approval while Tom has no image consent, records it, blurs Tom's face from the
review page (the detector's suggestion, accepted by a click), and approves. The public page
shows the photo in a responsive rendition whose bytes carry no EXIF, with no serious or
critical axe violation.
"""

import io

import pytest
from PIL import Image

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.stories.models import Story
from tests import factories
from tests.browser.axe import serious_violations
from tests.media import samples
from tests.stories.helpers import make_pair

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("face_suggestions")]


def _sign_in(page, base, identifier):
    page.goto(f"{base}/login")
    page.fill("input[name=identifier]", identifier)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)


@pytest.fixture
def pair():
    """Bordeaux and Mamoudzou in a public exchange; Tom (Bordeaux) has no image consent yet."""
    pair = make_pair()
    pair.exchange.inviting_published_at = pair.exchange.invited_published_at = utcnow()
    pair.tom = factories.make_young(pair.a, name="Tom", image=None)
    db.session.commit()
    return pair


def _write(page, base, pair):
    """Léa writes, uploads the photo, tags Tom, and tries to send without a text alternative."""
    page.goto(f"{base}/rounds/{pair.round.id}/stories/new")
    page.fill("input[name=title]", "The fountain")
    page.locator("[data-rich-area]").first.click()
    page.keyboard.type("Every evening, Tom waits for us by the fountain.")
    page.click("[data-add=image]")
    photo = {"name": "IMG_2024.JPG", "mimeType": "image/jpeg", "buffer": samples.face_jpeg()}
    page.set_input_files("#block-1 input[data-media-file]", files=[photo])
    page.locator("#block-1 .upload").wait_for()  # its progress, then "Ready."
    page.locator("#block-1 .media-edit__picture").wait_for(timeout=60_000)
    assert "Ready." in page.locator("#block-1 .upload__status").inner_text()
    assert page.locator("#block-1 input[name=block-1-media_id]").input_value() != ""
    page.locator("#block-1").get_by_label("Tom").check()
    page.click("button[name=op][value=submit]:not(.visually-hidden)")
    page.wait_for_url("**/edit?check=1#block-1")


def test_a_photo_story_from_the_editor_to_the_public_page(live_server, new_page, shoot, pair):
    page = new_page("en-GB")
    _sign_in(page, live_server, pair.lea.username)
    _write(page, live_server, pair)
    summary = page.locator(".error-summary")
    assert "Describe this picture" in summary.inner_text()
    summary.locator("a").first.click()
    alt = page.locator("#block-1-alt_text")
    assert alt.evaluate("el => el === document.activeElement")
    alt.fill("Tom sitting on the edge of the fountain, at dusk")
    page.fill("#block-1-caption", "The fountain, at seven")
    page.evaluate("window.scrollTo(0, 0)")  # sticky toolbars drawn where they belong
    shoot(page, "media-story-editor")
    page.click("button[name=op][value=submit]:not(.visually-hidden)")
    page.wait_for_url(lambda url: url.rstrip("/").split("/")[-1].isdigit())
    story = db.session.scalar(db.select(Story))
    db.session.refresh(story)
    assert story.status == "submitted"

    educator = new_page("en-GB")
    _sign_in(educator, live_server, pair.edu_a.email)
    review = f"{live_server}/moderation/stories/{story.id}"
    educator.goto(review)
    educator.click("button:has-text('Approve and publish')")
    educator.wait_for_url(review)
    assert "No image consent is recorded" in educator.locator(".flash--error").inner_text()
    educator.click("text=Record the image consent of Tom")
    educator.check("input[name=image][value=public]")
    educator.click("main form button[type=submit]")
    educator.wait_for_url("**/groups/**")
    educator.goto(review)
    assert educator.locator(".consent-missing").count() == 0
    educator.click("text=Blur faces or details")
    face = educator.locator(".blur__box--face")
    face.click()  # the detector's suggestion: nothing is blurred until the educator says so
    assert face.get_attribute("aria-pressed") == "true"
    shoot(educator, "media-story-blur")
    educator.click("button:has-text('Apply the blur')")
    educator.wait_for_url(review)
    assert "blurred in every size" in educator.locator(".flash--success").inner_text()
    educator.click("button:has-text('Approve and publish')")
    educator.wait_for_load_state()
    db.session.refresh(story)
    assert story.status == "approved"
    assert len(story.blocks[1].media.blur_regions) == 1

    public = new_page("en-GB")
    public.goto(f"{live_server}/stories/{story.id}")
    image = public.locator(".story-block--image img")
    image.wait_for()
    public.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert image.get_attribute("alt") == "Tom sitting on the edge of the fountain, at dusk"
    source = image.evaluate("img => img.currentSrc")
    assert source.endswith(".webp")  # the WebP rendition chosen from the srcset
    served = public.request.get(source)
    assert served.ok and served.headers["cache-control"] == "public, max-age=3600"
    picture = Image.open(io.BytesIO(served.body()))
    assert picture.format == "WEBP" and not picture.getexif()
    assert not {"exif", "xmp", "icc_profile"} & set(picture.info)
    assert serious_violations(public) == []
    shoot(public, "media-story-page")
    public.set_viewport_size({"width": 360, "height": 800})
    assert serious_violations(public) == []


DROP = """([name, type, bytes]) => {
  const data = new DataTransfer();
  data.items.add(new File([new Uint8Array(bytes)], name, { type }));
  return data;
}"""


def test_a_dropped_sound_and_a_panorama_make_an_immersive_page(
    live_server, new_page, shoot, pair, tmp_path
):
    from storyhub.stories import services as story_services

    page = new_page("en-GB")
    _sign_in(page, live_server, pair.lea.username)
    page.goto(f"{live_server}/rounds/{pair.round.id}/stories/new")
    page.fill("input[name=title]", "Our schoolyard")
    page.locator("[data-rich-area]").first.click()
    page.keyboard.type("Listen, then look around.")
    sound = samples.audio(tmp_path / "fountain.ogg", "ogg", "libopus").read_bytes()
    dropped = page.evaluate_handle(DROP, ["fountain.ogg", "audio/ogg", list(sound)])
    page.dispatch_event("[data-drop-files]", "drop", {"dataTransfer": dropped})
    page.locator("#block-1 .media-edit__audio").wait_for(timeout=60_000)  # a new sound block
    page.fill("#block-1-transcript", "The fountain, and children laughing.")
    page.click("[data-add=panorama]")
    view = {"name": "yard.jpg", "mimeType": "image/jpeg", "buffer": samples.panorama((2048, 1024))}
    page.set_input_files("#block-2 input[data-media-file]", files=[view])
    page.locator("#block-2 .media-edit__picture").wait_for(timeout=60_000)
    page.fill("#block-2-alt_text", "The schoolyard all around: plane trees, a mural, the gate")
    page.click("#block-2 [data-op=up]")  # the view before the sound
    assert page.locator("#block-1 input[name=block-1-kind]").input_value() == "panorama"
    page.click("button[name=op][value=submit]:not(.visually-hidden)")
    page.wait_for_url(lambda url: url.rstrip("/").split("/")[-1].isdigit())
    story = db.session.scalar(db.select(Story))
    db.session.refresh(story)
    assert [b.kind for b in story.blocks] == ["text", "panorama", "audio"]
    from storyhub.media.appearance import record_appearance

    record_appearance(story.blocks[1].media, [], True, pair.edu_a)  # an empty schoolyard
    story_services.approve_story(story, pair.edu_a)

    public = new_page("en-GB")
    public.goto(f"{live_server}/stories/{story.id}")
    audio = public.locator(".story-block--audio audio")
    assert audio.get_attribute("preload") == "metadata"  # its length shows before playing
    assert public.locator(".story-block--audio details.transcript[open]").count() == 1
    assert "children laughing" in public.inner_text(".story-block--audio .transcript")
    assert "plane trees" in public.inner_text(".panorama__description")
    shoot(public, "media-story-immersive")
    public.click("[data-panorama-open]")
    public.wait_for_selector(".panorama.is-open")
    yaw = "document.querySelector('[data-panorama]').storyhubViewer.getYaw()"
    before = public.evaluate(yaw)
    public.keyboard.down("ArrowRight")  # held until the view has turned
    public.wait_for_function(f"(before) => {yaw} > before + 2", arg=before)
    public.keyboard.up("ArrowRight")
    assert serious_violations(public) == []
