"""Anyone reports a problem; serious reasons hide at once, others after N distinct reporters."""

import uuid

import pytest

from storyhub import create_app
from storyhub.extensions import db, limiter
from storyhub.moderation.models import ModerationEntry
from storyhub.reports.models import Report
from tests.reports.conftest import report


def _hidden(item) -> bool:
    db.session.refresh(item)
    return item.hidden_at is not None


def test_anyone_sees_report_a_problem_on_a_public_story_and_its_comment(client, world):
    page = client.get(f"/stories/{world.story.id}", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert f'href="/report/story/{world.story.id}"'.encode() in page.data
    assert f'href="/report/comment/{world.comment.id}"'.encode() in page.data
    assert f'href="/report/media/{world.photo.id}"'.encode() in page.data
    exchange_page = client.get(f"/exchanges/{world.exchange.id}")
    assert f'href="/report/exchange/{world.exchange.id}"'.encode() in exchange_page.data


def test_report_form_is_offered_to_an_anonymous_visitor(client, world):
    page = client.get(f"/report/comment/{world.comment.id}", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert b"Contact from a stranger" in page.data
    assert b'name="website"' in page.data  # the honeypot


def test_nobody_reports_what_they_cannot_see(client, world):
    world.story.status = "draft"
    db.session.commit()
    assert client.get(f"/report/story/{world.story.id}").status_code == 404
    assert report(client, "story", world.story.id).status_code == 404
    assert db.session.query(Report).count() == 0


def test_unknown_kind_or_item_is_404(client, world):
    assert client.get("/report/user/1").status_code == 404
    assert client.get("/report/story/999999").status_code == 404


def test_a_reason_is_required_and_the_words_are_kept(client, world):
    page = client.post(
        f"/report/story/{world.story.id}",
        data={"reason": "", "text": "Her full name and school"},
        headers={"Accept-Language": "en"},
    )
    assert page.status_code == 400
    assert b"Choose what the problem is." in page.data
    assert b"Her full name and school" in page.data
    assert db.session.query(Report).count() == 0


def test_a_bad_email_is_refused_with_a_message(client, world):
    page = report(client, "story", world.story.id, email="not-an-address")
    assert page.status_code == 400
    assert b"This e-mail address does not look right." in page.data


@pytest.mark.parametrize("reason", ["child_data", "stranger"])
def test_serious_reason_hides_at_the_first_report(client, world, reason):
    page = report(client, "comment", world.comment.id, reason=reason)
    assert page.status_code == 200
    assert b"The content is hidden now" in page.data
    assert _hidden(world.comment)
    entry = db.session.query(ModerationEntry).filter_by(action="report_hide").one()
    assert (entry.target_type, entry.target_id) == ("comment", world.comment.id)


@pytest.mark.parametrize("reason", ["bullying", "unsuitable", "copyright", "other"])
def test_other_reasons_do_not_hide_at_the_first_report(client, world, reason):
    report(client, "comment", world.comment.id, reason=reason)
    assert not _hidden(world.comment)


def test_three_distinct_anonymous_addresses_hide_the_item(client, world):
    report(client, "story", world.story.id, addr="198.51.100.1")
    report(client, "story", world.story.id, addr="198.51.100.2")
    assert not _hidden(world.story)
    report(client, "story", world.story.id, addr="198.51.100.3")
    assert _hidden(world.story)


def test_same_address_anonymous_three_times_counts_once(client, world):
    for _ in range(3):
        report(client, "story", world.story.id, addr="198.51.100.7")
    assert not _hidden(world.story)
    keys = {r.reporter_key for r in db.session.query(Report)}
    assert len(keys) == 1 and "198.51.100.7" not in next(iter(keys))  # a keyed hash, not the IP


def test_same_account_twice_counts_once(client, as_user, world):
    signed_in = as_user(world.twin_educator)
    for addr in ("198.51.100.8", "198.51.100.9", "198.51.100.10"):
        report(signed_in, "story", world.story.id, addr=addr)
    assert not _hidden(world.story)
    assert db.session.query(Report).count() == 3


def test_accounts_and_anonymous_reporters_add_up(client, as_user, world):
    report(client, "story", world.story.id, addr="198.51.100.20")
    report(client, "story", world.story.id, addr="198.51.100.21")
    report(as_user(world.author), "story", world.story.id, addr="198.51.100.20")
    assert _hidden(world.story)


def test_threshold_is_configurable(client, world, monkeypatch, app):
    monkeypatch.setitem(app.config, "REPORT_HIDE_THRESHOLD", 1)
    page = report(client, "exchange", world.exchange.id, reason="other")
    assert page.status_code == 200, page.data
    assert _hidden(world.exchange)


def test_honeypot_filled_saves_nothing(client, world):
    page = report(client, "comment", world.comment.id, reason="stranger", website="http://spam")
    assert page.status_code == 200
    assert db.session.query(Report).count() == 0
    assert not _hidden(world.comment)


def test_reports_are_rate_limited(database_url, world):
    limited = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
            "REPORT_RATE_LIMIT": "2 per minute",
        },
    )
    try:
        client = limited.test_client()
        codes = [report(client, "story", world.story.id).status_code for _ in range(3)]
    finally:
        limiter.reset()
        limiter.enabled = False
        with limited.app_context():
            db.engine.dispose()
    assert codes == [200, 200, 429]
    assert db.session.query(Report).count() == 2


def test_report_form_needs_the_csrf_token(app, world):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        page = report(app.test_client(), "story", world.story.id, reason="stranger")
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert page.status_code == 400
    assert db.session.query(Report).count() == 0


def test_media_page_offers_report_a_problem(client, world):
    page = client.get(f"/media/{world.photo.id}", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert f'href="/report/media/{world.photo.id}"'.encode() in page.data
