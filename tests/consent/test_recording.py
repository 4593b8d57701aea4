"""Consent that holds over time, as the educator records it: scope, date, form reference and
a history kept for good; a withdrawal or a narrowed scope tells the educators at once what left
view, writes it in the moderation log, and takes it off every surface (the visibility rules
read the consent itself)."""

import re

import pytest

from storyhub.extensions import db
from storyhub.groups.models import CONSENT_IMAGE, CONSENT_PARENTAL, Consent, ConsentEvent
from storyhub.media import services as media_services
from storyhub.moderation.models import ModerationEntry
from storyhub.notifications.models import Notification
from tests.conftest import login_as

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}


def url(world, who=None):
    return f"/groups/{world.a.id}/members/{(who or world.lea).id}/consent"


def record(client, world, parental="public", image="public", **extra):
    data = {"parental": parental, "image": image, "given_on": "2026-09-01", **extra}
    return client.post(url(world), data=data, headers=EN, follow_redirects=True)


def current(user, kind):
    return db.session.scalar(db.select(Consent).filter_by(user_id=user.id, kind=kind))


@pytest.fixture
def published(world, story_media):
    """Léa's published story in a public exchange, with a photo in which she appears."""
    media = story_media(status="approved", public=True)
    media_services.tag_people(media, [world.lea])
    media.story.title = "Zephyrine square"
    db.session.commit()
    return media


def test_the_educator_records_scope_date_and_form_reference(client, world):
    login_as(client, world.edu_a)
    page = record(client, world, "exchange", "no", form_reference="SH-1-2-20260901")
    assert page.status_code == 200
    parental = current(world.lea, CONSENT_PARENTAL)
    assert (parental.granted, parental.scope) == (True, "exchange")
    assert parental.form_reference == "SH-1-2-20260901"
    assert parental.recorded_by_id == world.edu_a.id
    assert current(world.lea, CONSENT_IMAGE).granted is False
    html = page.get_data(as_text=True)
    assert "Consent recorded for Léa." in html
    assert "Yes, inside the exchange only" in html and "form SH-1-2-20260901" in html


def test_every_recording_is_kept_in_the_history_newest_first(client, world):
    login_as(client, world.edu_a)
    record(client, world, "public", "public")
    page = record(client, world, "no", "public").get_data(as_text=True)
    events = db.session.scalars(
        db.select(ConsentEvent)
        .filter_by(user_id=world.lea.id, kind=CONSENT_PARENTAL)
        .order_by(ConsentEvent.id)
    ).all()
    assert [(e.granted, e.scope) for e in events][-2:] == [(True, "public"), (False, "public")]
    history = page[page.index("History") :]
    parental = re.findall(r"Parental consent:</strong>\s*(No|Yes, on the public site)", history)
    assert parental[:2] == ["No", "Yes, on the public site"]  # newest first
    assert f"Recorded by {world.edu_a.display_name}" in history


def test_withdrawing_parental_consent_tells_the_educators_what_left_view(client, world, published):
    story_url = f"/stories/{published.story_id}"
    assert client.get(story_url).status_code == 200
    login_as(client, world.edu_a)
    page = record(client, world, "no", "public").get_data(as_text=True)
    assert "Taken out of the public site and the exchange: Zephyrine square" in page  # flash
    client.get("/logout")
    with client.session_transaction() as session:
        session.clear()
    assert client.get(story_url).status_code == 404
    note = db.session.scalar(db.select(Notification).filter_by(kind="consent_effect"))
    assert note.user_id == world.edu_a.id and "Zephyrine square" in note.params["what"]
    entry = db.session.scalar(
        db.select(ModerationEntry).filter_by(action="consent_withdrawn", target_type="story")
    )
    assert entry.target_id == published.story_id and entry.actor_id == world.edu_a.id
    event = db.session.scalars(
        db.select(ConsentEvent).filter_by(kind=CONSENT_PARENTAL).order_by(ConsentEvent.id.desc())
    ).first()
    assert "Zephyrine square" in event.effect


def test_narrowing_to_the_exchange_is_logged_and_the_twin_keeps_reading(client, world, published):
    login_as(client, world.edu_a)
    page = record(client, world, "exchange", "public").get_data(as_text=True)
    assert "Taken out of the public site: Zephyrine square" in page
    assert db.session.scalar(db.select(ModerationEntry).filter_by(action="consent_narrowed"))
    login_as(client, world.amina)
    assert client.get(f"/stories/{published.story_id}").status_code == 200


def test_withdrawing_image_consent_takes_the_photo_and_says_so(client, world, published):
    file_url = f"/media/{published.id}/{published.renditions[0]['name']}"
    assert client.get(file_url).status_code == 200
    login_as(client, world.edu_a)
    page = record(client, world, "public", "no").get_data(as_text=True)
    assert "a photo or video of “Zephyrine square”" in page
    entry = db.session.scalar(db.select(ModerationEntry).filter_by(target_type="media"))
    assert (entry.target_id, entry.action) == (published.id, "consent_withdrawn")
    with client.session_transaction() as session:
        session.clear()
    assert client.get(file_url).status_code == 404
    assert client.get(f"/stories/{published.story_id}").status_code == 200  # the story stays


def test_giving_consent_takes_nothing_out_and_tells_nobody(client, world, published):
    login_as(client, world.edu_a)
    record(client, world, "public", "public")
    assert db.session.scalar(db.select(Notification).filter_by(kind="consent_effect")) is None
    assert db.session.scalar(db.select(ModerationEntry)) is None


def test_the_form_speaks_french(client, world):
    login_as(client, world.edu_a)
    page = client.get(url(world), headers=FR).get_data(as_text=True)
    assert "Oui, seulement dans l’échange (les deux groupes, pas le public)" in page
    assert "Référence du formulaire signé (facultatif)" in page
    assert "Historique" in page


def test_a_bad_scope_is_refused_and_nothing_is_recorded(client, world):
    login_as(client, world.edu_a)
    before = db.session.scalar(db.select(db.func.count(ConsentEvent.id)))
    page = client.post(url(world), data={"parental": "everywhere", "image": "no"}, headers=EN)
    assert page.status_code == 200 and "Not a valid choice" in page.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(ConsentEvent.id))) == before


@pytest.mark.parametrize("who", ["edu_b", "outsider_educator", "lea", "amina"])
def test_only_the_groups_educators_record_consent(client, world, who):
    login_as(client, getattr(world, who))
    assert client.get(url(world)).status_code == 403
    assert client.post(url(world), data={"parental": "no", "image": "no"}).status_code == 403
    assert current(world.lea, CONSENT_PARENTAL).granted is True


def test_a_visitor_is_sent_to_sign_in(client, world):
    assert client.get(url(world)).status_code == 302
