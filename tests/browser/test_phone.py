"""Phone first: on a 360 px phone the header is one short row (a "Menu" disclosure holds the
links), nothing is off-screen or only reachable in an inner scroller, the roster is a list of
cards, and the editor's toolbar is one row of named buttons whose sticky bar never covers the
text being typed."""

import pytest
from playwright.sync_api import expect

from storyhub.extensions import db
from storyhub.sandbox.services import create_sandbox
from storyhub.stories.models import Story
from tests import factories
from tests.browser.test_stories_editor import _sign_in
from tests.stories.helpers import make_pair

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 640}
HEADER_MAX = 64
# Every link, button and field shown is within the page's width and no inner box clips it: it is
# reachable by scrolling the page itself (down), never sideways nor inside a scroller (a box that
# clips or scrolls, across or down, with the element beyond its edge).
OUT_OF_REACH = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = (el, rect) => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      const edge = box.getBoundingClientRect();
      if (style.overflowX !== 'visible'
          && (rect.left < edge.left - 1 || rect.right > edge.right + 1)) return true;
      if (style.overflowY !== 'visible'
          && (rect.top < edge.top - 1 || rect.bottom > edge.bottom + 1)) return true;
    }
    return false;
  };
  const out = [...document.querySelectorAll('a[href], button, summary, input, select, textarea')]
    .filter(el => el.checkVisibility() && el.getBoundingClientRect().width > 1)
    .filter(el => !(el.closest('[aria-hidden="true"]') && el.tabIndex < 0))  // a honeypot
    .filter(el => {
      const rect = el.getBoundingClientRect();
      return rect.left < -1 || rect.right > width + 1 || clipped(el, rect);
    })
    .map(el => `${el.tagName} ${(el.textContent || el.name || '').trim().slice(0, 30)}`);
  if (document.documentElement.scrollWidth > width) out.push('the page scrolls sideways');
  return out.slice(0, 8);
}"""
HEADER_HEIGHT = "() => document.querySelector('.site-header').getBoundingClientRect().height"
CARET = """() => {
  const selection = window.getSelection();
  let caret = selection.getRangeAt(0).getBoundingClientRect();
  if (!caret.height) {  // an empty line: the caret is its paragraph
    const node = selection.anchorNode;
    caret = (node.nodeType === 1 ? node : node.parentElement).getBoundingClientRect();
  }
  const bar = document.querySelector('.editor-actions').getBoundingClientRect();
  return {
    inView: caret.top >= 0 && caret.bottom <= window.innerHeight,
    underBar: caret.bottom > bar.top && caret.top < bar.bottom,
  };
}"""


def phone_misfits(page) -> list[str]:
    """What does not fit a phone on the page as shown now: a header taller than HEADER_MAX,
    then the links, buttons and fields out of reach (OUT_OF_REACH)."""
    height = page.evaluate(HEADER_HEIGHT)
    header = [f"the header is {height:.0f} px high (at most {HEADER_MAX})"]
    return (header if height > HEADER_MAX else []) + page.evaluate(OUT_OF_REACH)


def _check_pages(page, base, paths, shoot):
    for name, path in paths.items():
        page.goto(base + path)
        assert phone_misfits(page) == [], name
        shoot(page, f"phone-{name}")
        page.set_viewport_size(PHONE)


@pytest.fixture
def pair():
    """Bordeaux and Mamoudzou twinned, with an open round and a story sent for review."""
    pair = make_pair()
    pair.story = factories.make_story(
        pair.round, pair.a, authors=[pair.lea], status="submitted", title="Le port"
    )
    return pair


def test_every_role_s_main_pages_fit_a_phone(live_server, new_page, shoot, pair):
    page = new_page("fr-FR")
    page.set_viewport_size(PHONE)
    public = {"home": "/", "explore": "/explore", "join": "/join", "login": "/login"}
    _check_pages(page, live_server, public, shoot)
    _sign_in(page, live_server, pair.lea.username)
    young = {
        "young-space": "/dashboard",
        "young-round": f"/rounds/{pair.round.id}",
        "young-editor": f"/rounds/{pair.round.id}/stories/new",
    }
    _check_pages(page, live_server, young, shoot)
    page.context.clear_cookies()
    _sign_in(page, live_server, pair.edu_a.email)
    educator = {
        "edu-space": "/dashboard",
        "roster": f"/groups/{pair.a.id}",
        "queue": "/moderation/",
        "review": f"/moderation/stories/{pair.story.id}",
        "exchange": f"/exchanges/{pair.exchange.id}",
        "new-round": f"/exchanges/{pair.exchange.id}/rounds/new",
        "consent": f"/groups/{pair.a.id}/members/{pair.lea.id}/consent",
    }
    _check_pages(page, live_server, educator, shoot)
    page.context.clear_cookies()
    pending = factories.make_educator(verified=False)
    practice = create_sandbox(pending)
    waiting = db.session.scalar(
        db.select(Story).filter_by(group_id=practice.inviting_group_id, status="submitted")
    )
    _sign_in(page, live_server, pending.email)
    pending_pages = {
        "pending-space": "/dashboard",
        "pending-practice": "/practice/",
        "pending-practice-review": f"/moderation/stories/{waiting.id}",
    }
    _check_pages(page, live_server, pending_pages, shoot)


def test_roster_actions_are_reachable_on_a_phone(live_server, new_page, pair):
    page = new_page("en-GB")
    page.set_viewport_size(PHONE)
    _sign_in(page, live_server, pair.edu_a.email)
    page.goto(f"{live_server}/groups/{pair.a.id}")
    for name in ("Consent — Léa", "Consent — Yanis"):
        link = page.get_by_role("link", name=name)
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], name
    password = page.get_by_role("button", name="New password").first
    password.scroll_into_view_if_needed()
    box = password.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]


@pytest.mark.parametrize("scripts", [True, False], ids=["with-js", "without-js"])
def test_the_menu_opens_by_keyboard_with_or_without_javascript(browser, live_server, pair, scripts):
    context = browser.new_context(locale="en-GB", viewport=PHONE, java_script_enabled=scripts)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        _sign_in(page, live_server, pair.edu_a.email)
        page.goto(f"{live_server}/dashboard")
        moderation = page.locator(".site-menu").get_by_role("link", name="Moderation")
        assert not moderation.is_visible()
        page.locator(".site-menu summary").focus()
        page.keyboard.press("Enter")
        moderation.wait_for()
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.textContent.trim()") == "Explore"
        assert page.get_by_role("button", name="Sign out").is_visible()
        if scripts:
            page.keyboard.press("Escape")
            moderation.wait_for(state="hidden")
            assert page.evaluate("() => document.activeElement.tagName") == "SUMMARY"
        page.set_viewport_size({"width": 1280, "height": 800})  # wide: links in a row, no menu
        assert not page.locator(".site-menu").is_visible()
        assert page.locator(".site-nav--wide").get_by_role("link", name="Moderation").is_visible()
    finally:
        context.close()


def test_the_editor_toolbar_is_one_row_and_the_bar_never_covers_the_text(
    live_server, new_page, pair, shoot
):
    page = new_page("fr-FR")
    page.set_viewport_size(PHONE)
    _sign_in(page, live_server, pair.lea.username)
    page.goto(f"{live_server}/rounds/{pair.round.id}/stories/new")
    toolbar = page.get_by_role("toolbar", name="Mise en forme").first
    buttons = toolbar.get_by_role("button")
    tops = {round(box["y"]) for box in (b.bounding_box() for b in buttons.all())}
    assert len(tops) == 1, "the toolbar wraps"
    names = [b.evaluate("(el) => el.textContent") for b in buttons.all()]
    assert names == ["Gras", "Italique", "Titre", "Liste", "Numéros", "Citation", "Lien"]
    assert "H2" not in toolbar.inner_text() and "¶" not in toolbar.inner_text()

    page.fill("input[name=title]", "Le port")
    area = page.locator("[data-rich-area]").first
    area.click()
    for line in range(10):
        page.keyboard.type(f"Ligne {line} du récit, les bateaux rentrent au port.")
        assert page.evaluate(CARET) == {"inView": True, "underBar": False}, line
        page.keyboard.press("Enter")
    toolbar.get_by_role("button", name="Titre").click()
    page.keyboard.type("Le soir")
    expect(area.locator("h2")).to_have_text("Le soir")
    # The toolbar follows the caret on `selectionchange`, which the browser fires later.
    title = toolbar.get_by_role("button", name="Titre")
    expect(title).to_have_attribute("aria-pressed", "true", timeout=15_000)
    title.click()  # again: back to plain text
    expect(area.locator("h2")).to_have_count(0)
    shoot(page, "phone-editor-typing")
    page.keyboard.press("Tab")  # leaving the text: the bar floats again, at the bottom
    bar = page.locator(".editor-actions").bounding_box()
    assert bar["y"] + bar["height"] <= PHONE["height"] and bar["height"] <= 120


def test_the_review_of_a_resent_story_shows_the_changes_readably(
    live_server, new_page, pair, shoot
):
    from tests.browser.axe import serious_violations
    from tests.stories.helpers import resent_story

    story = resent_story(pair)
    page = new_page("fr-FR")
    _sign_in(page, live_server, pair.edu_a.email)
    page.goto(f"{live_server}/moderation/stories/{story.id}")
    diff = page.get_by_role("region", name="Ce qui a changé depuis votre dernière lecture")
    assert diff.locator("ins", has_text="rouges").is_visible()
    assert diff.locator("del", has_text="nuit.").is_visible()
    assert serious_violations(page) == []
    shoot(page, "review-diff")
    page.set_viewport_size(PHONE)
    assert page.evaluate(OUT_OF_REACH) == []
