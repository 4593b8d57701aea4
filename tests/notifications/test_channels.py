"""Educators choose per kind of event: the app only, an e-mail at once, or the daily digest.
Each preference has its test; young people and unverified educators are never mailed."""

import pytest

from storyhub.extensions import db
from storyhub.notifications import channels
from storyhub.notifications.digest import send_digests
from storyhub.notifications.models import Notification
from storyhub.notifications.services import notify, unread_count
from tests import factories

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}


def _outbox(app):
    return app.extensions.setdefault("storyhub_outbox", [])


def _educator(**choices):
    educator = factories.make_educator()
    educator.locale, educator.notification_channels = "en", choices or None
    db.session.commit()
    return educator


def _submitted(educator, story="Our square"):
    """A 'waiting for your review' notice (kind of event: review)."""
    notify([educator], "story_submitted", "/moderation/", story=story)
    db.session.commit()


def _round(educator):
    """A 'new round' notice (kind of event: exchange)."""
    notify([educator], "round_opened", "/exchanges/1", exchange="Two shores", question="Why?")
    db.session.commit()


def test_in_the_app_only_nothing_is_mailed_ever(app):
    educator = _educator(review=channels.APP)
    _submitted(educator)
    assert _outbox(app) == [] and unread_count(educator) == 1
    assert send_digests("https://sh.example") == 0 and _outbox(app) == []


def test_an_email_at_once_is_sent_after_the_commit_and_not_again_in_the_digest(app):
    educator = _educator(review=channels.EMAIL)
    _submitted(educator, "Our square")
    [mail] = _outbox(app)
    assert mail["To"] == educator.email
    assert mail["Subject"] == "StoryHub: “Our square” is waiting for your review."
    body = mail.get_content()
    assert "/notifications/" in body and "/notifications/preferences" in body
    assert unread_count(educator) == 1  # still under the bell
    assert send_digests("https://sh.example") == 0 and len(_outbox(app)) == 1


def test_an_email_at_once_speaks_the_educators_language(app):
    educator = _educator(review=channels.EMAIL)
    educator.locale = "fr"
    db.session.commit()
    _submitted(educator, "Notre place")
    assert "« Notre place » attend votre relecture." in _outbox(app)[-1]["Subject"]


def test_nothing_is_mailed_for_a_notice_rolled_back(app):
    educator = _educator(review=channels.EMAIL)
    notify([educator], "story_submitted", "/moderation/", story="Never")
    db.session.rollback()
    db.session.commit()
    assert _outbox(app) == []


def test_the_daily_digest_holds_the_kinds_chosen_for_it_only(app):
    educator = _educator(review=channels.DIGEST, exchange=channels.APP)
    _submitted(educator, "IN THE DIGEST")
    _round(educator)
    assert _outbox(app) == []  # nothing at once
    assert send_digests("https://sh.example") == 1
    body = _outbox(app)[-1].get_content()
    assert "IN THE DIGEST" in body and "Two shores" not in body


def test_each_kind_of_event_follows_its_own_choice(app):
    educator = _educator(review=channels.APP, exchange=channels.EMAIL)
    _submitted(educator)
    _round(educator)
    [mail] = _outbox(app)
    assert "Two shores" in mail["Subject"]


def test_a_choice_never_made_follows_the_older_digest_switch(app):
    educator = _educator()
    assert channels.channel_for(educator, "story_submitted") == channels.APP
    educator.email_digest = True
    assert channels.channel_for(educator, "story_submitted") == channels.DIGEST


def test_a_copy_to_an_educator_follows_the_kind_of_its_original():
    assert channels.category_of("copy_to_educator", {"original": "comment_received"}) == (
        "responses"
    )


@pytest.mark.parametrize("who", ["young", "unverified"])
def test_young_people_and_unverified_educators_are_never_mailed(app, group, who):
    person = (
        factories.make_young(group) if who == "young" else factories.make_educator(verified=False)
    )
    person.notification_channels = {"review": channels.EMAIL, "responses": channels.EMAIL}
    db.session.commit()
    _submitted(person)
    assert _outbox(app) == []
    assert channels.channel_for(person, "story_submitted") == channels.APP


def test_a_failed_immediate_mail_keeps_the_notice_in_the_bell(app, monkeypatch):
    from storyhub.notifications import immediate

    def broken(*args):
        raise OSError("SMTP down")

    monkeypatch.setattr(immediate, "send_mail", broken)
    educator = _educator(review=channels.EMAIL)
    _submitted(educator)
    assert unread_count(educator) == 1


# --- the preferences page ---------------------------------------------------------------------


def test_an_educator_saves_a_choice_per_kind_of_event(as_user, educator):
    client = as_user(educator)
    page = client.get("/notifications/preferences", headers=FR)
    assert page.status_code == 200 and "Dans le résumé quotidien" in page.text
    response = client.post(
        "/notifications/preferences",
        data={"review": "email", "exchange": "digest", "responses": "app", "group": "bogus"},
    )
    assert response.status_code == 302
    saved = db.session.get(type(educator), educator.id)
    assert saved.notification_channels == {
        "review": "email",
        "exchange": "digest",
        "responses": "app",
    }
    assert saved.email_digest is True
    page = client.get("/notifications/preferences", headers=EN).text
    assert 'id="channel-review-email" name="review" value="email" checked' in page


def test_young_people_have_no_preferences_page(as_user, young):
    assert as_user(young).get("/notifications/preferences").status_code == 403
    assert (
        as_user(young).post("/notifications/preferences", data={"review": "email"}).status_code
        == 403
    )


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get("/notifications/preferences")
    assert response.status_code == 302 and "/login" in response.location


def test_the_notices_themselves_are_kept_once_whatever_the_channel(app):
    educator = _educator(review=channels.EMAIL)
    _submitted(educator)
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 1
