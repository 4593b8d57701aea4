"""Never lose a draft, in Chromium: the editor saves by itself and says when ("Saved at 14:02",
in the reader's clock); two co-authors editing at once never overwrite each other silently;
offline, the editor keeps working (text, a picture) through a reload, and everything reaches
the server when the connection returns. Screenshots at 360 and 1280 px in test-artifacts/."""

import json
import re
import threading

import pytest
from flask import request, request_finished, request_started

from storyhub.extensions import db
from storyhub.stories.models import Story
from tests import factories
from tests.browser.axe import serious_violations
from tests.browser.test_stories_editor import _sign_in
from tests.media import samples
from tests.stories.helpers import make_pair

pytestmark = pytest.mark.browser
SAVED = re.compile(r"Saved at \d")
STATUS = "[data-save-status]"


@pytest.fixture
def pair():
    """Bordeaux and Mamoudzou twinned, with an open round (see tests/stories/helpers.py)."""
    return make_pair()


def _story() -> Story | None:
    db.session.expire_all()
    return db.session.scalar(db.select(Story).order_by(Story.id))


def _type(page, title, words):
    page.fill("input[name=title]", title)
    page.locator("[data-rich-area]").first.click()
    page.keyboard.type(words)


def test_the_editor_saves_by_itself_and_says_when(live_server, new_page, pair):
    page = new_page("en-GB")
    _sign_in(page, live_server, pair.lea.username)
    page.goto(f"{live_server}/rounds/{pair.round.id}/stories/new")
    _type(page, "The harbour", "Boats come back at night.")
    status = page.locator(STATUS)
    status.filter(has_text=SAVED).wait_for()
    story = _story()
    assert story.title == "The harbour" and story.status == "draft"
    assert "Boats come back" in story.blocks[0].body_html
    assert page.url.endswith(f"/stories/{story.id}/edit")  # a reload opens this story
    assert status.locator("time").get_attribute("datetime").endswith("Z")
    page.keyboard.type(" Their lights are on.")
    page.wait_for_function("() => document.querySelector('input[name=revision]').value === '2'")
    assert "lights are on" in _story().blocks[0].body_html
    page.reload()  # nothing asks "leave anyway?": it is saved
    assert "lights are on" in page.locator("[data-rich-area]").first.inner_text()
    assert db.session.scalar(db.select(db.func.count(Story.id))) == 1


def test_in_french_the_editor_says_enregistre(live_server, new_page, pair):
    page = new_page("fr-FR")
    _sign_in(page, live_server, pair.lea.username)
    page.goto(f"{live_server}/rounds/{pair.round.id}/stories/new")
    _type(page, "Le port", "Les bateaux rentrent.")
    page.locator(STATUS).filter(has_text=re.compile(r"Enregistré à \d")).wait_for()


def test_two_co_authors_edit_at_once_and_the_second_sees_the_conflict(
    live_server, new_page, pair, shoot
):
    story = factories.make_story(
        pair.round, pair.a, authors=[pair.lea, pair.yanis], title="Our street"
    )
    lea, yanis = new_page("en-GB"), new_page("en-GB")
    _sign_in(lea, live_server, pair.lea.username)
    _sign_in(yanis, live_server, pair.yanis.username)
    for page in (lea, yanis):
        page.goto(f"{live_server}/stories/{story.id}/edit")
    lea.locator("[data-rich-area]").first.click()
    lea.keyboard.press("End")
    lea.keyboard.type(" Léa adds the bakery.")
    lea.locator(STATUS).filter(has_text=SAVED).wait_for()

    yanis.locator("[data-rich-area]").first.click()
    yanis.keyboard.press("End")
    yanis.keyboard.type(" Yanis adds the football pitch.")
    box = yanis.locator("[data-conflict-box]")
    box.get_by_role("heading", name="Someone else saved this story").wait_for()
    assert "Léa adds the bakery" in box.inner_text()  # the other text
    assert "Yanis adds the football pitch" in box.inner_text()  # his own
    assert "Léa adds the bakery" in _story().blocks[0].body_html  # nothing overwritten
    assert "football" not in _story().blocks[0].body_html
    focused = yanis.evaluate("document.activeElement.textContent")
    assert focused == "Someone else saved this story"
    yanis.evaluate("window.scrollTo(0, 0)")
    shoot(yanis, "autosave-conflict")
    assert serious_violations(yanis) == []

    box.get_by_role("button", name="Keep my text").click()
    yanis.locator(STATUS).filter(has_text=SAVED).wait_for()
    assert "football pitch" in _story().blocks[0].body_html
    assert box.is_hidden()

    # Léa's page still starts from her own save: her next words meet Yanis's; she keeps both.
    lea.keyboard.type(" And the library.")
    lea_box = lea.locator("[data-conflict-box]")
    lea_box.get_by_role("heading", name="Someone else saved this story").wait_for()
    lea_box.get_by_role("button", name="Keep both").click()
    lea.locator(STATUS).filter(has_text=SAVED).wait_for()
    lea.wait_for_function("() => !window.StoryHub.storyEditor.isDirty()")
    texts = [block.body_html for block in _story().blocks]
    assert len(texts) == 2
    assert "And the library." in texts[0] and "football" not in texts[0]
    assert "Yanis adds the football pitch." in texts[1]  # his words, below hers


def _wait_async(page, condition, arg=None, timeout_ms=30_000):
    """Wait until the async page function `condition` resolves truthy, polling it inside the
    page (wait_for_function takes a returned promise for a truthy value without awaiting it)."""
    page.evaluate(
        f"""async (arg) => {{
          const condition = {condition};
          const deadline = Date.now() + {timeout_ms};
          while (!(await condition(arg))) {{
            if (Date.now() > deadline) {{ throw new Error('never reached: ' + condition); }}
            await new Promise(resolve => setTimeout(resolve, 200));
          }}
        }}""",
        arg,
    )


KEPT_PAGE = """async () => {
  if (!navigator.serviceWorker.controller) { return false; }
  const pages = await caches.open('storyhub-editor-pages-v1');
  return Boolean(await pages.match(location.origin + location.pathname));
}"""
KEPT_PICTURE = """() => {
  const copy = Object.keys(localStorage).filter(k => k.startsWith('storyhub:draft:'))
    .map(k => JSON.parse(localStorage.getItem(k)))[0];
  return Boolean(copy && copy.blocks.some(b => b.kind === 'image'));
}"""


@pytest.fixture
def server_hits(app):
    """The paths of the requests the live server answered, as they come."""
    hits = []

    def record(sender, **extra):
        hits.append(request.path)

    request_started.connect(record, app)
    yield hits
    request_started.disconnect(record, app)


def test_offline_the_editor_keeps_text_and_picture_through_a_reload_then_sends_them(
    live_server, new_page, pair, shoot, server_hits
):
    page = new_page("en-GB")
    page.on("dialog", lambda dialog: dialog.accept())  # "leave with unsaved changes?" offline
    _sign_in(page, live_server, pair.lea.username)
    page.goto(f"{live_server}/rounds/{pair.round.id}/stories/new")
    _type(page, "The market", "On Saturday the market fills the square.")
    page.locator(STATUS).filter(has_text=SAVED).wait_for()
    story_id = _story().id
    _wait_async(page, KEPT_PAGE)  # the service worker keeps the editor

    page.context.set_offline(True)
    badge = page.locator("[data-offline-badge]")
    badge.wait_for()
    page.keyboard.type(" Mangoes, written offline.")
    page.locator(STATUS).filter(has_text="Offline: your text is kept").wait_for()
    page.click("[data-add=image]")
    photo = {"name": "market.jpg", "mimeType": "image/jpeg", "buffer": samples.jpeg()}
    page.set_input_files("#block-1 input[data-media-file]", files=[photo])
    waiting = page.locator("#block-1 [data-waiting-file]")
    waiting.filter(has_text="will be sent when the connection returns").wait_for()
    page.fill("#block-1-alt_text", "Piles of mangoes on a stall")
    page.wait_for_function(KEPT_PICTURE)
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "offline-editor")

    before = len(server_hits)
    response = page.reload()
    assert response.from_service_worker  # the page kept by the service worker
    assert f"/stories/{story_id}/edit" not in server_hits[before:]  # nothing reached the server
    assert page.url.endswith(f"/stories/{story_id}/edit")
    assert page.locator("input[name=title]").input_value() == "The market"
    assert "Mangoes, written offline." in page.locator("[data-rich-area]").first.inner_text()
    waiting.filter(has_text="will be sent when the connection returns").wait_for()
    assert page.locator("#block-1-alt_text").input_value() == "Piles of mangoes on a stall"
    assert page.locator("#block-1 .media-edit__picture").is_visible()  # from this browser
    badge.wait_for()
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "offline-reloaded")
    assert serious_violations(page) == []

    page.context.set_offline(False)
    badge.wait_for(state="hidden")
    page.wait_for_function(
        "() => document.querySelector('#block-1 input[data-media-id]').value !== ''",
        timeout=90_000,
    )
    page.wait_for_function(
        """() => !document.querySelector('[data-waiting-file]')
          && /Saved at/.test(document.querySelector('[data-save-status]').textContent)""",
        timeout=90_000,
    )
    page.locator(STATUS).filter(has_text=SAVED).wait_for()
    media_id = int(page.locator("#block-1 input[data-media-id]").input_value())
    page.wait_for_function(
        "() => !window.StoryHub.storyEditor.isDirty()", timeout=60_000
    )  # the last change (the picture's id) saved
    story = _story()
    assert [b.kind for b in story.blocks] == ["text", "image"]
    assert "Mangoes, written offline." in story.blocks[0].body_html
    assert story.blocks[1].media_id == media_id
    assert story.blocks[1].media.alt_text == "Piles of mangoes on a stall"
    assert story.status == "draft"
    shoot(page, "offline-sent")


LEFT_BEHIND = """async () => ({
  caches: (await caches.keys()).filter(name => name.startsWith('storyhub-')),
  databases: (await indexedDB.databases()).map(db => db.name).filter(n => n.startsWith('storyhub')),
  workers: (await navigator.serviceWorker.getRegistrations()).length,
  drafts: Object.keys(localStorage).filter(k => k.startsWith('storyhub:draft:')).length,
})"""
NOTHING_LEFT = {"caches": [], "databases": [], "workers": 0, "drafts": 0}


def test_a_shared_computer_keeps_nothing_after_signing_out(live_server, new_page, pair):
    """The editor's kept pages, files waiting to be sent, workers and drafts all go at sign-out;
    another person signing in without it (a session that ended) loses the kept pages."""
    page = new_page("en-GB")
    _sign_in(page, live_server, pair.lea.username)
    page.goto(f"{live_server}/rounds/{pair.round.id}/stories/new")
    _type(page, "My street", "Nobody else should read this.")
    page.locator(STATUS).filter(has_text=SAVED).wait_for()
    _wait_async(page, KEPT_PAGE)
    kept = page.evaluate(LEFT_BEHIND)
    assert kept["caches"] and kept["databases"] == ["storyhub-offline"] and kept["workers"] == 2

    page.context.clear_cookies()  # her session ended without signing out
    _sign_in(page, live_server, pair.yanis.username)
    _wait_async(page, "async () => !(await caches.keys()).includes('storyhub-editor-pages-v1')")

    page.goto(f"{live_server}/rounds/{pair.round.id}/stories/new")
    _wait_async(page, KEPT_PAGE)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(lambda url: "/stories/" not in url and "/rounds/" not in url)
    expected = json.dumps(NOTHING_LEFT, separators=(",", ":"))
    _wait_async(page, f"async () => JSON.stringify(await ({LEFT_BEHIND})()) === '{expected}'")


def test_leaving_the_page_saves_what_was_typed(app, live_server, new_page, pair):
    """Typed, then off to another page at once (before the pause that saves): the editor sends
    it on the way out, with a request that outlives the page, and asks nothing."""
    story = factories.make_story(pair.round, pair.a, authors=[pair.lea], title="Our park")
    saved = threading.Event()

    def finished(sender, response, **extra):
        if request.path == f"/stories/{story.id}/autosave" and response.status_code == 200:
            saved.set()

    request_finished.connect(finished, app)
    try:
        page = new_page("en-GB")
        _sign_in(page, live_server, pair.lea.username)
        page.goto(f"{live_server}/stories/{story.id}/edit")
        page.locator("[data-rich-area]").first.click()
        page.keyboard.press("End")
        page.keyboard.type(" The swings squeak.")
        page.goto(f"{live_server}/dashboard")  # no "leave anyway?" dialog to answer
        assert saved.wait(timeout=60)
    finally:
        request_finished.disconnect(finished, app)
    assert "The swings squeak." in _story().blocks[0].body_html


def test_two_tabs_of_the_same_person_never_overwrite_each_other(live_server, new_page, pair):
    story = factories.make_story(pair.round, pair.a, authors=[pair.lea], title="Two tabs")
    first = new_page("fr-FR")
    _sign_in(first, live_server, pair.lea.username)
    second = first.context.new_page()  # the same browser, another tab
    for page in (first, second):
        page.goto(f"{live_server}/stories/{story.id}/edit")
    first.locator("[data-rich-area]").first.click()
    first.keyboard.press("End")
    first.keyboard.type(" Premier onglet.")
    first.locator(STATUS).filter(has_text=re.compile(r"Enregistré à \d")).wait_for()
    second.locator("[data-rich-area]").first.click()
    second.keyboard.press("End")
    second.keyboard.type(" Second onglet.")
    box = second.locator("[data-conflict-box]")
    box.get_by_role("heading", name="Quelqu’un d’autre a enregistré cette histoire").wait_for()
    assert "Premier onglet." in box.inner_text() and "Second onglet." in box.inner_text()
    assert "Second onglet" not in _story().blocks[0].body_html
    box.get_by_role("button", name="Prendre l’autre texte").click()
    second.wait_for_url("**/edit?discard=1")
    assert "Premier onglet." in second.locator("[data-rich-area]").first.inner_text()
    assert "Second onglet." not in second.locator("[data-rich-area]").first.inner_text()
    assert "Premier onglet." in _story().blocks[0].body_html


def test_the_worker_drops_files_of_an_older_release(live_server, new_page, pair):
    page = new_page("en-GB")
    _sign_in(page, live_server, pair.lea.username)
    page.goto(f"{live_server}/rounds/{pair.round.id}/stories/new")
    _wait_async(page, KEPT_PAGE)
    old = "/static/js/stories-autosave.000000000000.js"
    page.evaluate(
        """async (old) => {
          const files = await caches.open('storyhub-editor-files-v1');
          await files.put(old, new Response('/* an older release */'));
        }""",
        old,
    )
    page.reload()
    _wait_async(
        page,
        """async (old) => {
          const files = await caches.open('storyhub-editor-files-v1');
          const kept = (await files.keys()).map(r => new URL(r.url).pathname);
          return !kept.includes(old) && kept.some(p => /stories-autosave\\.[0-9a-f]{12}\\.js$/.test(p));
        }""",
        old,
    )
