"""Rights in Chromium, in French and in English, by keyboard: a young person downloads their
data; their educator deletes their account; their name is gone from the public story."""

import json
import zipfile

import pytest

from tests import factories
from tests.browser.axe import serious_violations
from tests.rights.conftest import make_world

pytestmark = pytest.mark.browser

WORDS = {
    "fr-FR": {
        "data": "Mes données et mon compte",
        "download": "Télécharger mes données",
        "member": "Données, nom, compte",
        "delete": "Supprimer le compte de Léa",
        "done": "Léa a été retiré·e du groupe et son compte supprimé.",
    },
    "en-GB": {
        "data": "My data and my account",
        "download": "Download my data",
        "member": "Data, name, account",
        "delete": "Delete the account of Léa",
        "done": "Léa was removed from the group and their account deleted.",
    },
}


def _sign_in(page, base, identifier):
    page.goto(f"{base}/login")
    page.fill("input[name=identifier]", identifier)
    page.fill("input[name=password]", factories.PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)


def _press(page, locator):
    """Reach a control by keyboard focus and press Enter, as a keyboard user would."""
    locator.focus()
    page.keyboard.press("Enter")


@pytest.mark.parametrize("locale", ["fr-FR", "en-GB"])
def test_download_delete_and_the_name_is_gone(live_server, new_page, shoot, locale):
    words = WORDS[locale]
    world = make_world()
    story_url = f"{live_server}/stories/{world.together.id}"

    young = new_page(locale)
    _sign_in(young, live_server, world.lea.username)
    young.goto(f"{live_server}/dashboard")
    _press(young, young.get_by_role("link", name=words["data"]))
    young.wait_for_url("**/account/data")
    assert serious_violations(young) == []
    shoot(young, f"rights-my-data-{locale}")
    with young.expect_download() as download:
        _press(young, young.get_by_role("button", name=words["download"]))
    archive = zipfile.ZipFile(download.value.path())
    data = json.loads(archive.read("data.json"))
    assert {s["title"] for s in data["stories"]} == {"Mon quartier", "Notre place"}
    assert any(name.startswith("media/") for name in archive.namelist())

    visitor = new_page(locale)
    visitor.goto(story_url)
    assert "Léa" in visitor.content()

    educator = new_page(locale)
    _sign_in(educator, live_server, world.edu_a.email)
    educator.goto(f"{live_server}/groups/{world.a.id}")
    _press(educator, educator.get_by_role("link", name=f"{words['member']} — Léa"))
    educator.wait_for_url(f"**/members/{world.lea.id}/rights")
    assert serious_violations(educator) == []
    shoot(educator, f"rights-member-{locale}")
    educator.once("dialog", lambda dialog: dialog.accept())
    _press(educator, educator.get_by_role("button", name=words["delete"]))
    educator.get_by_text(words["done"]).wait_for()

    visitor.goto(story_url)
    text = visitor.locator("main").inner_text()
    assert "Notre place" in text
    assert "Léa" not in visitor.content()
    assert "une jeune personne de 4e B et Yanis filment la place." in text
    young.goto(f"{live_server}/account/data")
    young.wait_for_url("**/login**")  # her sign-in ended with the account


SEND = {
    "fr-FR": (
        "Oui, je suis d’accord pour que mes histoires soient publiées",
        "Envoyer à mon éducateur",
    ),
    "en-GB": ("Yes, I agree that my stories are published", "Send to my educator"),
}


@pytest.mark.parametrize("locale", ["fr-FR", "en-GB"])
def test_a_young_person_says_yes_by_keyboard_when_sending_their_first_story(
    live_server, new_page, shoot, locale
):
    from storyhub.extensions import db
    from storyhub.stories.models import Story

    world = make_world()
    noe = factories.make_young(world.a, name="Noé", agreed=False)
    story = factories.make_story(world.round, world.a, authors=[noe], title="Mon premier récit")
    agree, send = SEND[locale]
    page = new_page(locale)
    _sign_in(page, live_server, noe.username)
    page.goto(f"{live_server}/stories/{story.id}/edit")
    box = page.get_by_label(agree)
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    shoot(page, f"rights-agreement-{locale}")
    assert serious_violations(page) == []
    _press(page, page.get_by_role("button", name=send))
    page.wait_for_url(f"**/stories/{story.id}")
    db.session.expire_all()
    assert db.session.get(Story, story.id).status == "submitted"
    assert db.session.get(type(noe), noe.id).own_agreement_at is not None

    educator = new_page(locale)
    _sign_in(educator, live_server, world.edu_a.email)
    educator.goto(f"{live_server}/account/data")
    assert serious_violations(educator) == []
    shoot(educator, f"rights-adult-data-{locale}")
