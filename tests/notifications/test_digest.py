"""`flask send-digests`: one mail per opted-in educator, in their language, never twice."""

import smtplib

from storyhub.extensions import db
from storyhub.notifications.digest import send_digests
from storyhub.notifications.models import Notification
from storyhub.notifications.services import notify
from tests import factories


def _outbox(app):
    return app.extensions.get("storyhub_outbox", [])


def _notify(user, story="Our square", kind="story_submitted"):
    notify([user], kind, "/moderation/", story=story)
    db.session.commit()


def _opted_in(locale="en"):
    educator = factories.make_educator()
    educator.email_digest = True
    educator.locale = locale
    db.session.commit()
    return educator


def test_digest_is_sent_once_and_not_twice(app):
    educator = _opted_in()
    _notify(educator, "FIRST")
    _notify(educator, "SECOND")
    result = app.test_cli_runner().invoke(args=["send-digests", "--base-url", "https://sh.example"])
    assert result.exit_code == 0, result.output
    assert "1 digest(s) sent." in result.output
    [mail] = _outbox(app)
    assert mail["To"] == educator.email
    assert mail["Subject"] == "StoryHub: 2 new notifications"
    body = mail.get_content()
    assert "“FIRST” is waiting for your review." in body and "SECOND" in body
    assert "https://sh.example/notifications/" in body
    db.session.expire_all()
    assert all(n.emailed_at for n in db.session.scalars(db.select(Notification)))
    again = app.test_cli_runner().invoke(args=["send-digests"])
    assert "0 digest(s) sent." in again.output
    assert len(_outbox(app)) == 1


def test_only_new_unread_notifications_go_in_the_next_digest(app):
    educator = _opted_in()
    _notify(educator, "OLD")
    send_digests("https://sh.example")
    _notify(educator, "NEW")
    read = Notification(user_id=educator.id, kind="story_submitted", params={"story": "READ"})
    read.read_at = read.created_at = db.func.now()
    db.session.add(read)
    db.session.commit()
    assert send_digests("https://sh.example") == 1
    body = _outbox(app)[-1].get_content()
    assert "NEW" in body and "OLD" not in body and "READ" not in body


def test_the_digest_speaks_the_educators_language(app):
    educator = _opted_in(locale="fr")
    _notify(educator, "Notre place", kind="comment_received")
    send_digests("https://sh.example")
    assert "Nouveau commentaire sur « Notre place »." in _outbox(app)[-1].get_content()


def test_nobody_else_gets_a_digest(app, young):
    not_opted = factories.make_educator()
    unverified = factories.make_educator(verified=False)
    unverified.email_digest = True
    young.email_digest = True
    db.session.commit()
    for user in (not_opted, unverified, young):
        _notify(user)
    assert send_digests("https://sh.example") == 0
    assert _outbox(app) == []


def test_a_mail_failure_keeps_the_notifications_for_next_time(app, monkeypatch):
    educator = _opted_in()
    _notify(educator)

    def broken(*args, **kwargs):
        raise smtplib.SMTPException("server down")

    monkeypatch.setattr("storyhub.notifications.digest.send_mail", broken)
    assert send_digests("https://sh.example") == 0
    assert db.session.scalars(db.select(Notification)).one().emailed_at is None
