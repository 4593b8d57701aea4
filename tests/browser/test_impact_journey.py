"""Qualifying change in Chromium, through the real pages.

Young people of both sides answer the before set (a missing answer is refused, nothing typed is
lost), a round runs and closes, they answer the after set and Léa shares what changed for her;
her educator finds it in the moderation queue, approves it and selects it as a most significant
change with a reason; the public impact page shows her words as "Léa, group" with the
before/after chart; the printed report renders (screenshot kept in test-artifacts/).
"""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from storyhub.impact import services
from storyhub.impact.models import PHASE_AFTER, PHASE_BEFORE
from tests import factories
from tests.browser.axe import serious_violations
from tests.browser.conftest import ARTIFACTS
from tests.impact.conftest import values_for

pytestmark = pytest.mark.browser

WORDS = (
    "Avant je croyais que tout le monde là-bas vivait à la plage. Amina m'a appris le contraire."
)
REASON = "Elle nomme l'image qu'elle avait et ce qui l'a changée."


@pytest.fixture
def world():
    """A public twinning, Bordeaux and Mamoudzou; a round that ran and closed yesterday with a
    story on each side; three more young people who answered both sets already."""
    edu_a = factories.make_educator(name="Sophie Martin")
    edu_b = factories.make_educator(name="Ahmed Saïd")
    group_a = factories.make_group(
        edu_a, factories.make_territory("Bordeaux", "FR"), name="Les Quais"
    )
    group_b = factories.make_group(
        edu_b, factories.make_territory("Mamoudzou", "YT"), name="Club de Kaweni"
    )
    exchange = factories.make_exchange(group_a, group_b, public=True, title="Vivre ensemble")
    today = date.today()
    round_ = factories.make_round(
        exchange, "Où vous retrouvez-vous ?", today - timedelta(days=20), today - timedelta(days=1)
    )
    lea = factories.make_young(group_a, name="Léa", recorder=edu_a)
    amina = factories.make_young(group_b, name="Amina", recorder=edu_b)
    factories.make_story(round_, group_a, [lea], status="approved", title="Notre place")
    factories.make_story(round_, group_b, [amina], status="approved", title="La barge")
    others = [factories.make_young(g) for g in (group_a, group_a, group_b)]
    for person in others:
        for phase, value in ((PHASE_BEFORE, "2"), (PHASE_AFTER, "4")):
            values = {k: value for k in values_for(exchange, 1, 1, 1, 1)}
            answers = services.Answers(values=values, thoughts="…", reflection="Un peu.")
            services.save_answers(
                person, exchange, phase, answers, round_ if phase == PHASE_AFTER else None
            )
    return SimpleNamespace(
        edu_a=edu_a, lea=lea, amina=amina, exchange=exchange, round=round_, group_a=group_a
    )


def _sign_in(page, base, identifier):
    page.goto(base + "/login")
    page.fill("#identifier", identifier)
    page.fill("#password", factories.PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/login" not in page.url


def _click(page, locator):
    with page.expect_navigation():
        locator.click()


def _choose(page, values):
    """Tick the scale answers in order (by keyboard: focus the radio, Space)."""
    for index, value in enumerate(values):
        radio = page.locator(".scale").nth(index).locator(f"input[value='{value}']")
        radio.focus()
        page.keyboard.press("Space")


def _answer_before(page, base, world, name, values, thoughts, start=None):
    """From the exchange page, or from `start` (the dashboard's "your turn")."""
    _sign_in(page, base, name)
    page.goto(f"{base}{start or f'/exchanges/{world.exchange.id}'}")
    _click(page, page.get_by_role("link", name="Répondre aux premières questions"))
    page.fill("#thoughts", thoughts)
    _choose(page, values)
    _click(page, page.get_by_role("button", name="Enregistrer mes réponses"))
    assert "Merci : vos réponses sont enregistrées" in page.locator(".flash").inner_text()


def _answer_after(page, base, world, values, words):
    page.goto(f"{base}/exchanges/{world.exchange.id}")
    _click(page, page.get_by_role("link", name="Dire ce qui a changé"))
    page.fill("#thoughts", "Maintenant je pense qu'on se ressemble.")
    _choose(page, values)
    page.fill("#reflection", words)
    _click(page, page.get_by_role("button", name="Enregistrer mes réponses"))


def test_before_after_share_approve_select_and_the_public_impact_page(
    new_page, live_server, world, shoot
):
    base = live_server
    lea = new_page()
    # A missing answer is refused with a clear message; what was typed stays.
    _sign_in(lea, base, world.lea.username)
    lea.goto(f"{base}/exchanges/{world.exchange.id}/impact/before")
    lea.fill("#thoughts", "La plage toute l'année.")
    _choose(lea, [2, 1])
    _click(lea, lea.get_by_role("button", name="Enregistrer mes réponses"))
    assert "Choisissez un nombre de 1 à 5." in lea.locator(".error-summary").inner_text()
    assert lea.input_value("#thoughts") == "La plage toute l'année."
    assert lea.locator(".scale").nth(0).locator("input[value='2']").is_checked()
    assert not serious_violations(lea)
    shoot(lea, "impact-before-refused")
    lea.context.clear_cookies()
    # Her dashboard says it is her turn (the before set and the round just over).
    _answer_before(
        lea, base, world, world.lea.username, [2, 1, 3, 2], "La plage toute l'année.", "/dashboard"
    )
    lea.goto(f"{base}/dashboard")
    turn = lea.locator(f"#your-turn-{world.exchange.id}")
    assert "Dire ce qui a changé" in turn.inner_text()
    assert "Répondre aux premières questions" not in turn.inner_text()  # answered

    amina = new_page()
    _answer_before(
        amina, base, world, world.amina.username, [1, 2, 3, 3], "Il pleut tout le temps."
    )

    # The round closed: the after set, and what changed.
    _answer_after(lea, base, world, [4, 4, 4, 3], WORDS)
    assert "/impact/mine" in lea.url
    _click(lea, lea.get_by_role("button", name="La partager sur la page d’impact"))
    assert "Partagée : en attente de votre éducateur" in lea.locator(".reflection").inner_text()
    shoot(lea, "impact-mine")
    _answer_after(amina, base, world, [3, 4, 4, 4], "J'ai envie de faire un reportage.")

    # Her educator: the moderation queue, approve, select with a reason and a kind.
    educator = new_page()
    _sign_in(educator, base, world.edu_a.email)
    educator.goto(f"{base}/moderation/")
    queue = educator.locator("#reflection-queue")
    assert "Léa" in queue.inner_text()
    _click(educator, queue.get_by_role("link", name="La lire"))
    card = educator.locator(".reflection-card", has_text=WORDS)
    _click(educator, card.get_by_role("button", name="Approuver et publier"))
    card = educator.locator(".reflection-card", has_text=WORDS)
    card.locator("summary").click()
    card.get_by_label("Pourquoi, en une phrase").fill(REASON)
    card.get_by_label("Regard sur l’autre, stéréotypes").check()
    _click(educator, card.get_by_role("button", name="Choisir", exact=True))
    assert "Choisie" in educator.locator(".reflection-card", has_text=WORDS).inner_text()
    assert not serious_violations(educator)
    shoot(educator, "impact-follow")

    # The public impact page: her words as "Léa, Les Quais", the reason, the chart.
    visitor = new_page()
    visitor.goto(f"{base}/exchanges/{world.exchange.id}/impact")
    change = visitor.locator(".change", has_text=WORDS)
    assert "Léa, Les Quais" in change.inner_text() and REASON in change.inner_text()
    assert visitor.locator("figure.shift-chart").is_visible()
    assert "Un peu." not in visitor.content()  # the others' reflections were never shared
    assert not serious_violations(visitor)
    shoot(visitor, "impact-page")
    visitor.emulate_media(media="print")
    visitor.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    assert not visitor.locator(".site-header").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    visitor.screenshot(path=str(ARTIFACTS / "impact-report-print.png"), full_page=True)
    assert (ARTIFACTS / "impact-report-print.png").stat().st_size > 10_000
