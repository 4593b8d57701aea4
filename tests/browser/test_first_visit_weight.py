"""A first visit is light: the home page and a story page of the demo site (photos, sounds and
panoramas sent through the real pipeline) weigh under 150 KB before media, counted as Chromium
transfers them on a fresh cache (HTML, styles, scripts, fonts; compressed when the app serves it
so), from the browser's own resource timing."""

import pytest

from storyhub.extensions import db
from storyhub.stories.models import Story

pytestmark = pytest.mark.browser
BUDGET = 150 * 1024
STORY = "Le marché des Capucins, le dimanche"  # a demo story: photo, sound, panorama, text

# Every entry the page loaded (the document, then each resource) with its bytes on the wire,
# once the page has loaded and its fonts are ready. Media (pictures, sound, video) are counted
# apart: the budget is for what every visit pays before them.
WEIGHTS = """async () => {
  await document.fonts.ready;
  const media = new Set(['img', 'image', 'video', 'audio']);
  return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
    .map(e => ({url: e.name, kind: e.initiatorType, bytes: e.transferSize,
                body: e.decodedBodySize,
                media: media.has(e.initiatorType) || new URL(e.name).pathname.startsWith('/media/')}));
}"""


@pytest.fixture
def demo_site(demo):
    return db.session.scalar(db.select(Story.id).filter_by(title=STORY))


def first_visit(new_page, url):
    """The resource entries of a first visit of url on an empty cache."""
    page = new_page("fr-FR")
    page.goto(url, wait_until="load")
    return page.evaluate(WEIGHTS)


def _report(name, entries):
    before_media = [e for e in entries if not e["media"]]
    total = sum(e["bytes"] for e in before_media)
    lines = [f"{name}: {total / 1024:.1f} KB on the wire before media"] + [
        f"  {e['bytes']:>7} ({e['body']:>7} decoded) {e['kind']:<10} {e['url'].split('/', 3)[-1]}"
        for e in before_media
    ]
    print("\n".join(lines))
    return total, "\n".join(lines)


def test_first_visit_of_home_and_a_story_page_weighs_under_150_kb(live_server, new_page, demo_site):
    weights = {}
    for name, path in (("home", "/"), ("story", f"/stories/{demo_site}")):
        entries = first_visit(new_page, live_server + path)
        assert entries[0]["kind"] == "navigation"
        assert all(e["bytes"] > 0 for e in entries if not e["media"])  # nothing unmeasured
        weights[name] = _report(name, entries)
    for total, lines in weights.values():
        assert total < BUDGET, lines


WHOLE_BUDGET = 300 * 1024  # issue 12: everything a phone loads before any 360° view is opened
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75}  # Lighthouse's
# Lighthouse's mobile network too (slow 4G): on the loopback a sound asked for its length alone
# arrived whole before the browser could stop at its header, which no phone sees (297 or 303 KB
# from one run to the next, by the sound alone).
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8 * 0.9,
           "uploadThroughput": 750e3 / 8 * 0.9}  # fmt: skip


def test_story_and_pair_pages_weigh_under_300_kb_with_their_pictures_on_a_phone(
    browser, live_server, demo_site
):
    story = db.session.get(Story, demo_site)
    for name, path in (
        ("story", f"/stories/{story.id}"),
        ("pair", f"/rounds/{story.round_id}/read"),
    ):
        context = browser.new_context(locale="fr-FR", is_mobile=True, has_touch=True, **PHONE)
        page = context.new_page()
        network = context.new_cdp_session(page)
        network.send("Network.enable")
        network.send("Network.emulateNetworkConditions", SLOW_4G)
        page.goto(live_server + path, wait_until="load")
        page.wait_for_load_state("networkidle")  # the pictures in view, the sound's metadata
        entries = page.evaluate(WEIGHTS)
        context.close()
        total = sum(e["bytes"] for e in entries)
        lines = "\n".join(f"{e['bytes']:>7} {e['url'].split('/', 3)[-1]}" for e in entries)
        assert total < WHOLE_BUDGET, f"{name}: {total / 1024:.0f} KB\n{lines}"
        assert not any("/pannellum" in e["url"] for e in entries), name  # not before it is opened
