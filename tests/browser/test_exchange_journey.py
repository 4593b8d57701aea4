"""StoryHub's main path in Chromium, through the real pages, from the twin finder to the public pair.

Two educators of different territories (Bordeaux, Mamoudzou) twin their groups in French, a
round opens, Léa writes a story her educator approves, Amina on the other side reads it, reacts
and comments (approved by her educator), then both educators turn their key and the public reads
the pair. A second test switches the same pair page to English with the language switch.
"""

import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from storyhub.exchanges.models import Exchange
from storyhub.extensions import db
from storyhub.stories.models import Story
from tests import factories
from tests.browser.axe import serious_violations

pytestmark = pytest.mark.browser

TITLE = "Vivre ensemble, de Bordeaux à Mamoudzou"
MESSAGE = "Bonjour ! Nous sommes une classe de 4e près des quais. Envie d'échanger avec vous ?"
QUESTION = "Où vous retrouvez-vous après l'école ?"
STORY = "Our square at dusk"
COMMENT = "We also meet by the water. Do you swim there?"


@pytest.fixture
def world():
    """Two verified educators, each leading an open group in its territory, one young each."""
    bordeaux = factories.make_territory("Bordeaux", "FR")
    mamoudzou = factories.make_territory("Mamoudzou", "YT")
    edu_a = factories.make_educator(name="Sophie Martin")
    edu_b = factories.make_educator(name="Ahmed Saïd")
    group_a = factories.make_group(
        edu_a, bordeaux, name="4e B — Collège Rosa Parks", open_to_twinning=True
    )
    group_b = factories.make_group(
        edu_b, mamoudzou, name="Club de Kaweni", kind="club", open_to_twinning=True
    )
    # Another open group, elsewhere: the country filter must leave it out.
    factories.make_group(
        factories.make_educator(),
        factories.make_territory("Saint-Louis", "SN"),
        name="Club des Dunes",
        open_to_twinning=True,
    )
    return SimpleNamespace(
        edu_a=edu_a,
        edu_b=edu_b,
        a=group_a,
        b=group_b,
        lea=factories.make_young(group_a, name="Léa", recorder=edu_a),
        amina=factories.make_young(group_b, name="Amina", recorder=edu_b),
    )


def _lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def _sign_in_by_keyboard(page, base, identifier):
    """The whole sign-in form by keyboard: type, Tab, type, Enter."""
    page.goto(base + "/login")
    page.locator("#identifier").focus()
    page.keyboard.type(identifier)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "password"
    page.keyboard.type(factories.PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/login" not in page.url


def _click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def _texts(locator) -> list[str]:
    """The texts as written in the page (inner_text would apply text-transform: uppercase)."""
    return [" ".join(text.split()) for text in locator.all_text_contents()]


def _flash(page) -> str:
    return page.locator(".flashes").inner_text()


def _open_first_notification(page):
    _click_and_wait(page, page.locator("header .bell"))
    _click_and_wait(page, page.locator(".notification__link").first)


def _invite(page, base, w) -> int:
    """Step 1, in French: the twin finder, filtered by country, then the invitation form."""
    _sign_in_by_keyboard(page, base, w.edu_a.email)
    _click_and_wait(page, page.locator("header .site-nav--wide a[href='/exchanges/']"))
    _click_and_wait(page, page.locator("main a[href='/exchanges/find']").first)
    assert page.get_by_role("heading", level=1).inner_text() == "Trouver un groupe jumeau"
    assert page.locator("#results-title").inner_text().startswith("2 groupes ouverts au jumelage")
    assert page.locator(".twin-card").count() == 2
    page.select_option("#country", "YT")
    _click_and_wait(page, page.get_by_role("button", name="Afficher les groupes"))
    assert "country=YT" in page.url
    assert page.locator(".twin-card .card__title").all_inner_texts() == ["Club de Kaweni"]
    _click_and_wait(
        page, page.locator(".twin-card").get_by_role("link", name=re.compile("Inviter"))
    )
    assert page.get_by_role("heading", level=1).inner_text() == "Inviter un groupe à un échange"
    assert page.locator("#from_group option").all_inner_texts() == [
        "4e B — Collège Rosa Parks · Bordeaux"
    ]
    page.fill("#title", TITLE)
    page.fill("#description", "Comment vit-on ensemble, ici et là-bas ?")
    page.locator("input[name=themes]").first.check()
    assert page.locator("input[name=languages][value=fr]").is_checked()
    page.fill("#starts_on", date.today().isoformat())
    page.fill("#ends_on", (date.today() + timedelta(days=180)).isoformat())
    page.fill("#message", MESSAGE)
    _click_and_wait(page, page.get_by_role("button", name="Envoyer l’invitation"))
    match = re.search(r"/exchanges/(\d+)$", page.url)
    assert match, page.url
    assert "Club de Kaweni" in page.locator(".flash--success").inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert page.locator("#invitation-title").inner_text() == "Invitation"
    return int(match.group(1))


def _accept(page, base, w, exchange_id):
    """Step 2, in French: the bell counts the invitation; it opens on the exchange; accept."""
    _sign_in_by_keyboard(page, base, w.edu_b.email)
    bell = page.locator("header .bell")
    assert page.locator("header .bell__count").inner_text() == "1"
    assert "1 non lue" in bell.get_attribute("aria-label")
    _open_first_notification(page)
    assert page.url.endswith(f"/exchanges/{exchange_id}")
    assert page.locator(".ex-message").inner_text().startswith(MESSAGE)
    assert _texts(page.locator(".face__label")) == ["Ici", "Là-bas"]
    assert page.locator(".face__place").first.inner_text() == "Mamoudzou"  # my side first
    _click_and_wait(page, page.get_by_role("button", name="Accepter l’invitation"))
    assert page.locator(".flash--success").is_visible()
    assert page.get_by_role("button", name="Accepter l’invitation").count() == 0
    assert page.locator("header .bell__count").count() == 0  # read when opened


def _propose_round(page, w, exchange_id) -> int:
    """Step 3, in French: the acceptance reaches A; a round is proposed, its text by keyboard."""
    page.reload()
    assert page.locator("header .bell__count").inner_text() == "1"
    _open_first_notification(page)
    assert page.url.endswith(f"/exchanges/{exchange_id}")
    assert page.locator("#rounds-title").inner_text().startswith("Manches")
    _click_and_wait(page, page.get_by_role("link", name="Proposer une manche"))
    opens, closes = date.today(), date.today() + timedelta(days=30)
    assert page.input_value("#opens_on") == opens.isoformat()  # today is proposed
    page.fill("#closes_on", closes.isoformat())
    page.locator("#question").focus()
    page.keyboard.type(QUESTION)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "guidance"
    page.keyboard.type("Un lieu, des gens, un moment. Pas de nom de famille.")
    page.keyboard.press("Shift+Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # from the question's line: the form is sent
    assert re.search(rf"/exchanges/{exchange_id}#round-\d+$", page.url), page.url
    round_link = page.locator(".ex-round__question a")
    assert round_link.inner_text() == QUESTION
    assert page.locator(".ex-round__state--open").inner_text() == "En cours"
    return int(round_link.get_attribute("href").rsplit("/", 1)[1])


def _write_story(page, base, w, round_id) -> int:
    """Step 4: Léa opens the round from her bell, writes, saves a draft, then sends it."""
    _sign_in_by_keyboard(page, base, w.lea.username)
    _open_first_notification(page)
    assert page.url.endswith(f"/rounds/{round_id}")
    assert page.get_by_role("heading", level=1).inner_text() == QUESTION
    _click_and_wait(page, page.locator(".pair-head").get_by_role("link", name="Write our story"))
    page.locator("input[name=title]").focus()
    page.keyboard.type(STORY)
    page.locator("[data-rich-area]").first.click()
    page.keyboard.type("The benches fill up when the heat goes down. ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Everyone")
    page.keyboard.press("Control+b")
    page.keyboard.type(" comes: grandparents, babies, the football team.")
    _click_and_wait(page, page.get_by_role("button", name="Save draft", exact=True))
    assert re.search(r"/stories/\d+/edit$", page.url), page.url
    assert page.locator(".flash--success").inner_text() == "Draft saved."
    assert page.input_value("input[name=title]") == STORY
    _click_and_wait(page, page.get_by_role("button", name="Send to my educator"))
    match = re.search(r"/stories/(\d+)$", page.url)
    assert match, page.url
    assert page.locator(".status-panel--submitted").is_visible()
    assert "Everyone" in page.locator(".story-body strong").inner_text()
    return int(match.group(1))


def _approve_story(page, shoot):
    """Step 5: the story waits in A's queue (counted in the nav); approved from there."""
    nav = page.locator("header .site-nav--wide a[href='/moderation/']")
    page.reload()
    assert nav.locator(".count").inner_text().startswith("1")
    _click_and_wait(page, nav)
    assert page.get_by_role("heading", level=1).inner_text() == "En attente de votre relecture"
    item = page.locator(".queue-item")
    assert item.locator(".queue-item__title").inner_text() == STORY
    assert "Léa" in item.locator(".queue-item__by").inner_text()
    assert serious_violations(page) == []
    shoot(page, "journey-moderation-queue")
    _click_and_wait(page, item.get_by_role("button", name=re.compile("Approuver et publier")))
    assert page.locator(".flash--success").is_visible()
    assert page.locator(".queue-item").count() == 0


def _read_react_comment(page, base, w, round_id, story_id):
    """Step 6: Amina sees here / over there, opens Léa's story, reacts and comments by keyboard."""
    _sign_in_by_keyboard(page, base, w.amina.username)
    assert page.locator("header .bell__count").inner_text() == "2"  # the round, Léa's story
    _click_and_wait(page, page.locator("header .bell"))
    # the round's notice, the oldest of the two naming the question (Léa's story, 'your turn',
    # names it too)
    _click_and_wait(page, page.locator(".notification__link", has_text=QUESTION).last)
    assert page.url.endswith(f"/rounds/{round_id}")
    here, there = page.locator(".side--here"), page.locator(".side--there")
    assert _texts(here.locator(".side__eyebrow")) == ["Here — your group"]
    assert _texts(there.locator(".side__eyebrow")) == ["Over there — your twin"]
    assert here.locator(".side__territory").inner_text() == "Mamoudzou"
    assert "The pair is awaiting Mamoudzou" in here.locator(".awaiting").inner_text()
    assert there.locator(".story-list").get_by_text(STORY).is_visible()
    # The excerpt is plain text: the editor's &nbsp; after "Everyone" is not shown as "&nbsp;".
    excerpt = " ".join(there.locator(".story-card__excerpt").inner_text().split())
    assert "Everyone comes: grandparents" in excerpt, excerpt
    _click_and_wait(page, there.get_by_role("link", name=re.compile(STORY)))
    assert page.url.endswith(f"/stories/{story_id}")
    learned = page.locator(".reaction--learned")
    assert learned.get_attribute("aria-pressed") == "false"
    learned.click()  # the script sends it without reloading
    page.wait_for_selector(".reaction--learned[aria-pressed=true]")
    assert learned.locator("[data-count]").inner_text() == "1"
    page.locator(f"#comment-body-{story_id}").focus()
    page.keyboard.type(COMMENT)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Send to my educator"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    note = page.locator(".response-note")
    assert "Your comment is waiting for your educator." in note.inner_text()
    assert page.locator(".comment-list").count() == 0
    assert page.locator(".reaction--learned").get_attribute("aria-pressed") == "true"


def _approve_comment(page):
    """Step 6, B's educator, then the story's (A's) educator: the comment waits in each queue
    (axe again), approved from there; only then does it appear."""
    _click_and_wait(page, page.locator("header .site-nav--wide a[href='/moderation/']"))
    queue = page.locator("#comment-queue")
    assert queue.locator(".comment__body").inner_text() == COMMENT
    assert serious_violations(page) == []
    _click_and_wait(page, queue.get_by_role("button", name="Approuver", exact=True))
    assert page.locator("#comment-queue .comment__body").count() == 0


def _publish(page, base, exchange_id, both: bool):
    """Step 7: one educator turns their side's key."""
    page.goto(f"{base}/exchanges/{exchange_id}")
    _click_and_wait(page, page.get_by_role("button", name="Publier pour mon groupe"))
    assert page.locator(".flash--success").is_visible(), _flash(page)
    assert page.locator(".ex-key--on").count() == (2 if both else 1)
    assert page.locator(".publication .visibility").inner_text() == ("Public" if both else "Privé")


def test_from_the_twin_finder_to_the_public_pair(live_server, new_page, shoot, world):
    base = live_server
    educator_a, educator_b = new_page("fr-FR"), new_page("fr-FR")
    lea, amina, public = new_page("en-GB"), new_page("en-GB"), new_page("en-GB")

    exchange_id = _invite(educator_a, base, world)
    assert _lang(educator_a) == "fr"
    _accept(educator_b, base, world, exchange_id)
    round_id = _propose_round(educator_a, world, exchange_id)
    story_id = _write_story(lea, base, world, round_id)
    _approve_story(educator_a, shoot)

    _read_react_comment(amina, base, world, round_id, story_id)
    _approve_comment(educator_b)
    amina.reload()
    assert amina.locator(".comment-list").count() == 0
    _approve_comment(educator_a)
    amina.reload()
    assert amina.locator(".comment-list .comment__body").inner_text() == COMMENT
    assert "Amina" in amina.locator(".comment-list .comment__author").inner_text()
    assert amina.locator(".response-note").count() == 0

    # Private: the public finds nothing, neither the exchange nor its pair.
    for path in (f"/exchanges/{exchange_id}", f"/rounds/{round_id}", f"/stories/{story_id}"):
        assert public.goto(base + path).status == 404, path
    _publish(educator_a, base, exchange_id, both=False)
    assert public.goto(f"{base}/exchanges/{exchange_id}").status == 404  # one key is not enough
    _publish(educator_b, base, exchange_id, both=True)

    assert public.goto(f"{base}/exchanges/{exchange_id}").status == 200
    assert public.locator(".face__label").count() == 0  # places by name, no "Side A / B"
    _click_and_wait(public, public.get_by_role("link", name="Read the pair side by side"))
    assert public.url.endswith(f"/rounds/{round_id}/read")
    assert public.get_by_role("heading", name=STORY).is_visible()
    assert "has not published its story yet" in public.locator(".pair-side__awaiting").inner_text()
    assert public.get_by_role("link", name=re.compile("Write our story")).count() == 0
    assert serious_violations(public) == []
    shoot(public, "journey-pair")

    db.session.expire_all()
    exchange = db.session.get(Exchange, exchange_id)
    story = db.session.get(Story, story_id)
    assert exchange.is_public and exchange.status == "active"
    assert story.status == "approved" and [a.display_name for a in story.authors] == ["Léa"]


def test_the_pair_page_switched_to_english(live_server, new_page, world):
    exchange = factories.make_exchange(world.a, world.b)
    round_ = factories.make_round(exchange, question="Where do you meet after school?")
    factories.make_story(round_, world.a, [world.lea], "approved", title=STORY)
    page = new_page("fr-FR")
    _sign_in_by_keyboard(page, live_server, world.amina.username)
    page.goto(f"{live_server}/rounds/{round_.id}")
    assert _lang(page) == "fr"
    assert _texts(page.locator(".side--there .side__eyebrow")) == ["Là-bas — votre groupe jumeau"]
    _click_and_wait(page, page.locator("header .lang-switch button[value=en]"))
    assert _lang(page) == "en"
    assert page.url.split("?")[0].endswith(f"/rounds/{round_.id}")
    assert _texts(page.locator(".side--here .side__eyebrow")) == ["Here — your group"]
    assert _texts(page.locator(".side--there .side__eyebrow")) == ["Over there — your twin"]
    assert "The pair is awaiting Mamoudzou" in page.locator(".side--here .awaiting").inner_text()
    assert page.get_by_role("heading", name=STORY).is_visible()
