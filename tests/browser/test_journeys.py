"""The foundation journey in Chromium: sign up, verification, a group, its code, a young member.

Once in French (the browser's language), once switched to English with the language switch.
"""

import re

import pytest

from storyhub.accounts.models import User
from storyhub.extensions import db
from tests import factories

pytestmark = pytest.mark.browser

ADMIN_EMAIL, ADMIN_PASSWORD = "camille@storyhub.example", factories.PASSWORD
EDUCATOR = {
    "display_name": "Nadia Benali",
    "email": "nadia@college.example",
    "organisation": "Collège Rosa Parks",
    "password": "la mer monte doucement",
}
YOUNG = {"display_name": "Léa", "username": "lea.bdx", "password": "mangue-42"}

TEXTS = {
    "fr": {
        "waiting": "Votre compte attend sa vérification",
        "join": "Rejoindre mon groupe",
        "let_in": "Laisser entrer",
    },
    "en": {
        "waiting": "Your account is waiting for verification",
        "join": "Join my group",
        "let_in": "Let in",
    },
}


@pytest.fixture
def world():
    """An admin and an approved territory, as the StoryHub team would have set up."""
    factories.make_admin(email=ADMIN_EMAIL, name="Camille")
    return factories.make_territory(name="Bordeaux", country="FR")


def _lang(page) -> str:
    return page.locator("html").get_attribute("lang")


PUBLIC_NAME = "Les Quais de Bordeaux"


def _submit(page):
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").click()


def _press_enter(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _sign_in(page, base, identifier, password):
    page.goto(base + "/login")
    page.fill("#identifier", identifier)
    page.fill("#password", password)
    _submit(page)


def _sign_out(page):
    with page.expect_navigation():
        page.locator("header .site-account form[action='/logout'] button").click()


def _educator_signs_up(page, base, lang, shoot):
    page.goto(base + "/signup")
    for name, value in EDUCATOR.items():
        page.fill(f"#{name}", value)
    page.fill("#confirm", "not the same sentence")
    _submit(page)
    # A mistake: the form comes back with a clear message and what was typed (not passwords).
    assert page.locator(".error-summary").is_visible()
    assert page.input_value("#email") == EDUCATOR["email"]
    assert page.input_value("#password") == ""
    shoot(page, f"{lang}-01-signup-error")
    page.fill("#password", EDUCATOR["password"])
    page.fill("#confirm", EDUCATOR["password"])
    _submit(page)
    # The same answer whether or not the address has an account (no enumeration): sign in next.
    page.wait_for_url(re.compile(r"/login$"))
    _sign_in(page, base, EDUCATOR["email"], EDUCATOR["password"])
    page.wait_for_url(re.compile(r"/dashboard$"))
    assert TEXTS[lang]["waiting"] in page.content()
    shoot(page, f"{lang}-02-educator-waiting")
    _sign_out(page)


def _admin_verifies(page, base, lang, shoot):
    _sign_in(page, base, ADMIN_EMAIL, ADMIN_PASSWORD)
    page.wait_for_url(re.compile(r"/admin/$"))
    shoot(page, f"{lang}-03-admin-queue")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(EDUCATOR["display_name"])).click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert page.get_by_role("button", name=re.compile(EDUCATOR["display_name"])).count() == 0
    _sign_out(page)


def _educator_creates_a_group(page, base, lang, shoot) -> str:
    _sign_in(page, base, EDUCATOR["email"], EDUCATOR["password"])
    page.wait_for_url(re.compile(r"/dashboard$"))
    page.locator("main a[href='/groups/new']").click()
    page.fill("#name", "4e B — Collège Rosa Parks")
    page.select_option("#territory_id", label="Bordeaux (FR)")
    page.select_option("#kind", "class")
    page.fill("#age_min", "13")
    page.fill("#age_max", "14")
    page.check("input[name=languages][value=fr]")
    page.check("input[name=languages][value=en]")
    page.fill("#presentation", "Une classe près des quais, qui aime le foot et le dessin.")
    shoot(page, f"{lang}-04-group-form")
    _submit(page)
    # The name tells the school and the class: the form says so and keeps everything typed; the
    # educator follows the advice, a public name apart from the internal one.
    assert page.locator("#name-error").is_visible()
    assert page.locator("#presentation").input_value().startswith("Une classe près des quais")
    shoot(page, f"{lang}-04b-group-name-warning")
    page.fill("#internal_name", "4e B — Collège Rosa Parks")
    page.fill("#name", PUBLIC_NAME)
    _submit(page)
    page.wait_for_url(re.compile(r"/groups/\d+$"))
    assert "4e B — Collège Rosa Parks" in page.locator("#internal-name").inner_text()
    code = page.locator(".code--big").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    shoot(page, f"{lang}-05-group-page")
    _sign_out(page)
    return code


def _young_person_joins_by_keyboard(page, base, lang, code, shoot):
    page.goto(base + "/")
    page.get_by_role("link", name=TEXTS[lang]["join"]).first.click()
    page.wait_for_url(re.compile(r"/join$"))
    shoot(page, f"{lang}-06-join")
    # Keyboard only: skip link, then Tab from field to field, Enter to send.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "join_code"
    page.keyboard.type("WRONG-CODE")
    for value in (YOUNG["display_name"], YOUNG["username"], YOUNG["password"], YOUNG["password"]):
        page.keyboard.press("Tab")
        page.keyboard.type(value)
    _press_enter(page)
    # The wrong code is explained; the error summary takes the focus; the name is kept.
    assert page.evaluate("document.activeElement.className") == "error-summary"
    assert page.input_value("#display_name") == YOUNG["display_name"]
    assert page.input_value("#password") == ""
    shoot(page, f"{lang}-07-join-wrong-code")
    page.locator(".error-summary a").first.press("Enter")
    assert page.evaluate("document.activeElement.id") == "join_code"
    page.keyboard.press("Control+A")
    page.keyboard.type(code.lower())
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the kept name and username are fine
    page.keyboard.press("Tab")
    page.keyboard.type(YOUNG["password"])
    page.keyboard.press("Tab")
    page.keyboard.type(YOUNG["password"])
    _press_enter(page)
    page.wait_for_url(re.compile(r"/dashboard$"))
    # A request: nothing of the group is shown until the educator lets them in.
    assert page.locator("#join-waiting").is_visible()
    assert PUBLIC_NAME not in page.content()
    shoot(page, f"{lang}-07b-join-waiting")
    _sign_out(page)


def _educator_lets_in_from_the_notification(page, base, lang, shoot):
    _sign_in(page, base, EDUCATOR["email"], EDUCATOR["password"])
    page.goto(base + "/notifications/")
    with page.expect_navigation():
        page.locator("main a", has_text=YOUNG["display_name"]).first.click()
    page.wait_for_url(re.compile(r"/groups/\d+#join-requests$"))
    shoot(page, f"{lang}-07c-join-requests")
    with page.expect_navigation():
        page.get_by_role("button", name=TEXTS[lang]["let_in"]).click()
    assert page.locator("#join-requests").count() == 0
    assert YOUNG["display_name"] in page.locator("#roster").inner_text()
    _sign_out(page)


def _young_person_signs_in(page, base, lang, shoot):
    _sign_in(page, base, YOUNG["username"].upper(), YOUNG["password"])
    page.wait_for_url(re.compile(r"/dashboard$"))
    assert PUBLIC_NAME in page.content()
    assert "Rosa Parks" not in page.content()  # the internal name is for the educators only
    shoot(page, f"{lang}-08-young-space")


def _journey(page, base, lang, shoot):
    _educator_signs_up(page, base, lang, shoot)
    _admin_verifies(page, base, lang, shoot)
    code = _educator_creates_a_group(page, base, lang, shoot)
    _young_person_joins_by_keyboard(page, base, lang, code, shoot)
    _educator_lets_in_from_the_notification(page, base, lang, shoot)
    _young_person_signs_in(page, base, lang, shoot)
    assert _lang(page) == lang


def test_the_foundation_journey_in_french(world, live_server, new_page, shoot):
    page = new_page("fr-FR")
    page.goto(live_server + "/")
    assert _lang(page) == "fr"
    shoot(page, "fr-00-home")
    _journey(page, live_server, "fr", shoot)
    db.session.expire_all()
    educator = db.session.scalar(db.select(User).filter_by(email=EDUCATOR["email"]))
    assert educator.is_verified
    young = db.session.scalar(db.select(User).filter_by(username="lea.bdx"))
    assert young.group.name == PUBLIC_NAME and young.email is None
    assert young.group.internal_name == "4e B — Collège Rosa Parks"


def test_the_same_journey_switched_to_english(world, live_server, new_page, shoot):
    page = new_page("fr-FR")
    page.goto(live_server + "/")
    assert _lang(page) == "fr"
    with page.expect_navigation():
        page.locator("header .lang-switch button[value=en]").click()
    assert _lang(page) == "en"
    assert (
        page.locator("header .lang-switch button[value=en]").get_attribute("aria-pressed") == "true"
    )
    shoot(page, "en-00-home")
    _journey(page, live_server, "en", shoot)
    db.session.expire_all()
    educator = db.session.scalar(db.select(User).filter_by(email=EDUCATOR["email"]))
    assert educator.locale == "en"  # the choice made before signing up is kept
