"""In Chromium: upload with progress, record a sound, turn a panorama with the keyboard, draw a blur.

Skipped without /usr/bin/chromium, unless STORYHUB_REQUIRE_BROWSER=1 (CI), where it fails.
"""

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from storyhub.extensions import db
from storyhub.media.models import MediaItem
from tests import factories
from tests.media import samples
from tests.media.conftest import upload

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-fake-ui-for-media-stream",  # a fake microphone for the recorder
    "--use-fake-device-for-media-stream",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def chromium():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("STORYHUB_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


@pytest.fixture
def site(app, config):
    """The test app on a free port, CSRF on as in production."""
    config(WTF_CSRF_ENABLED=True)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()


@pytest.fixture
def page_as(chromium, site):
    """page_as(user, width=1280) -> a signed-in English page; console errors are collected."""
    contexts = []

    def open_page(user, width=1280):
        context = chromium.new_context(
            locale="en-GB", viewport={"width": width, "height": 900}, permissions=["microphone"]
        )
        context.set_default_timeout(60_000)  # waits on states: processing on busy cores is slow
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.goto(site + "/login")
        page.fill("#identifier", user.username or user.email)
        page.fill("#password", factories.PASSWORD)
        with page.expect_navigation():
            page.locator("main form.form button[type=submit]").click()
        page.site = site
        return page

    yield open_page
    for context in contexts:
        context.close()


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


def shoot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, name


STATUS_LOG = """() => { window.seen = [];
  new MutationObserver(() => document.querySelectorAll('.upload').forEach(item => {
    const bar = item.querySelector('.upload__bar');
    window.seen.push([bar && bar.hasAttribute('value') ? bar.value : null,
                      item.className, item.querySelector('.upload__status').textContent]); }))
  .observe(document.querySelector('[data-upload-list]'),
           {subtree: true, childList: true, characterData: true, attributes: true}); }"""


def test_a_photo_is_sent_with_a_progress_bar_then_processed_then_previewed(
    page_as, world, tmp_path
):
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(samples.jpeg((2400, 1600), image=samples.noisy_picture((2400, 1600))))
    page = page_as(world.lea)
    page.goto(page.site + "/media/try")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 20, "downloadThroughput": 4e6, "uploadThroughput": 4e5},
    )
    page.evaluate(STATUS_LOG)
    page.fill("#alt_text", "Grey noise")
    page.set_input_files("#file", str(photo))
    page.click("[data-upload-submit]")
    page.wait_for_selector(".upload.is-ready")
    seen = page.evaluate("window.seen")
    percents = [value for value, _, _ in seen if value is not None]
    assert any(0 < value < 100 for value in percents), percents  # progress was shown
    assert any("is-processing" in classes for _, classes, _ in seen)  # then "processing"
    preview = page.locator(".upload.is-ready .upload__preview img")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=preview.element_handle()
    )
    media = db.session.scalar(db.select(MediaItem))
    assert media.alt_text == "Grey noise" and media.is_ready
    assert page.errors == []


def test_a_refused_file_says_why_next_to_its_name(page_as, world, tmp_path):
    page_file = tmp_path / "holiday.jpg"
    page_file.write_bytes(samples.HTML)
    page = page_as(world.lea)
    page.goto(page.site + "/media/try")
    page.set_input_files("#file", str(page_file))
    page.click("[data-upload-submit]")
    error = page.locator(".upload.is-error [role=alert]")
    error.wait_for()
    assert "web page or SVG code" in error.inner_text()
    assert db.session.scalar(db.select(db.func.count(MediaItem.id))) == 0


def test_a_sound_is_recorded_listened_to_and_sent_with_the_keyboard(page_as, world):
    page = page_as(world.lea)
    page.goto(page.site + "/media/try")
    page.focus("[data-record]")
    page.keyboard.press("Enter")
    page.wait_for_timeout(1800)
    assert page.evaluate("document.activeElement.hasAttribute('data-stop')")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-playback]:not([hidden])")
    page.fill("#recorder-transcript", "Bonjour, voici notre place.")
    page.click("[data-send]")
    page.wait_for_selector("[data-media-recorder] .upload.is-ready")
    media = db.session.scalar(db.select(MediaItem))
    assert media.kind == "audio" and media.transcript == "Bonjour, voici notre place."
    assert media.duration > 1
    assert page.errors == []


def test_the_panorama_viewer_turns_with_the_arrow_keys(page_as, world):
    media = upload(
        world.lea,
        world.a,
        kind="panorama",
        data=samples.panorama((2048, 1024)),
        alt_text="The schoolyard from its centre",
    )
    page = page_as(world.lea)
    page.goto(f"{page.site}/media/{media.id}")
    assert "The schoolyard from its centre" in page.inner_text(".panorama__description")
    page.click("[data-panorama-open]")
    page.wait_for_selector(".panorama.is-open")
    assert page.evaluate("document.activeElement.classList.contains('panorama__stage')")
    yaw = "document.querySelector('[data-panorama]').storyhubViewer.getYaw()"
    before = page.evaluate(yaw)
    page.keyboard.down("ArrowRight")  # held until the view has turned (slow machines: longer)
    page.wait_for_function(f"(before) => {yaw} > before + 2", arg=before)
    page.keyboard.up("ArrowRight")
    assert page.evaluate(yaw) > before + 2
    assert not [e for e in page.errors if "Content Security Policy" in e or "Refused" in e]
    assert page.errors == []


def test_an_educator_draws_a_rectangle_and_the_blur_is_applied(page_as, world):
    media = upload(world.lea, world.a)
    page = page_as(world.edu_a)
    page.goto(f"{page.site}/media/{media.id}")
    image = page.locator("[data-blur-canvas] img")
    image.scroll_into_view_if_needed()
    box = image.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.3)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.7, steps=6)
    page.mouse.up()
    assert float(page.input_value("#regions-0-x")) == pytest.approx(20, abs=1)
    assert float(page.input_value("#regions-0-w")) == pytest.approx(30, abs=1)
    with page.expect_navigation():
        page.click("form[data-blur-form] button[type=submit]")
    db.session.refresh(media)
    assert media.blur_regions[0]["x"] == pytest.approx(0.2, abs=0.01)
    assert media.blur_regions[0]["h"] == pytest.approx(0.4, abs=0.01)


@pytest.mark.parametrize("width", [1280, 360])
def test_the_media_pages_fit_and_pass_axe(page_as, world, width):
    photo = upload(world.lea, world.a, alt_text="Our square at dusk")
    pano = upload(
        world.lea, world.a, kind="panorama", data=samples.panorama((2048, 1024)), alt_text="Yard"
    )
    educator = page_as(world.edu_a, width)
    for path, name in (
        ("/media/try", "try"),
        (f"/media/{photo.id}", "photo"),
        (f"/media/{pano.id}", "panorama"),
    ):
        educator.goto(educator.site + path)
        assert serious_violations(educator) == [], path
        shoot(educator, f"media-{name}-{width}")


def test_a_bare_panorama_div_becomes_a_viewer_under_the_site_policy(page_as, world):
    from storyhub.core.security import CONTENT_SECURITY_POLICY

    media = upload(world.lea, world.a, kind="panorama", data=samples.panorama((2048, 1024)))
    page = page_as(world.lea)
    url = f"/media/{media.id}/{media.renditions_with('phone')[0]['name']}"
    html = (
        '<!doctype html><html lang="en"><head><title>Bare</title>'
        '<link rel="stylesheet" href="/static/css/media.css"></head><body><main>'
        f'<div data-panorama="{url}" data-alt="A yard with plane trees"></div>'
        '<script src="/static/js/media-common.js" defer></script>'
        '<script src="/static/js/media-viewer.js" defer></script></main></body></html>'
    )
    page.route(
        page.site + "/bare-panorama",
        lambda route: route.fulfill(
            status=200,
            body=html,
            headers={
                "Content-Type": "text/html",
                "Content-Security-Policy": CONTENT_SECURITY_POLICY,
            },
        ),
    )
    page.goto(page.site + "/bare-panorama")
    assert page.inner_text(".panorama__description") == "A yard with plane trees"
    page.click("[data-panorama-open]")
    page.wait_for_selector(".panorama.is-open")
    stage = page.locator(".panorama__stage")
    assert stage.get_attribute("aria-describedby") == page.locator(
        ".panorama__description"
    ).get_attribute("id")
    yaw = "document.querySelector('[data-panorama]').storyhubViewer.getYaw()"
    page.keyboard.down("ArrowLeft")
    page.wait_for_function(f"() => {yaw} < -2")
    page.keyboard.up("ArrowLeft")
    assert page.evaluate(yaw) < -2
    assert page.errors == []


def test_a_sound_recorded_in_the_story_editor_becomes_its_block(page_as, world, config):
    from storyhub.stories.models import Story

    config(MEDIA_PROCESSING="thread")  # the block shows "processing", then the player
    page = page_as(world.lea)
    page.goto(f"{page.site}/rounds/{world.round.id}/stories/new")
    page.fill("input[name=title]", "Our voices")
    page.click("[data-add=audio]")
    page.evaluate(STATUS_LOG)
    block = page.locator("#block-1")
    block.locator("[data-record]").focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(1800)
    assert page.evaluate("document.activeElement.hasAttribute('data-stop')")
    page.keyboard.press("Enter")
    block.locator("[data-playback]:not([hidden])").wait_for()
    block.locator("[data-send]").click()
    block.locator(".media-edit__audio").wait_for(timeout=60_000)
    assert any("is-processing" in classes for _, classes, _ in page.evaluate("window.seen"))
    assert block.locator("input[data-media-id]").input_value() != ""
    page.fill("#block-1-transcript", "We say hello from the square.")
    page.click("button[name=op][value=save]:not(.visually-hidden)")
    page.wait_for_url("**/edit")
    story = db.session.scalar(db.select(Story))
    db.session.refresh(story)
    media = story.blocks[1].media
    assert media.kind == "audio" and media.story_id == story.id and media.duration > 1
    assert media.transcript == "We say hello from the square."
    assert page.errors == []
