"""Time zones: a deadline at 23:59 in Mayotte is stored as an instant, shown in each reader's
own zone with the zone named, and enforced at that instant, not at the server's midnight."""

from datetime import UTC, date, datetime

import pytest

from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.stories import content
from storyhub.stories.permissions import can_write_story, round_accepts_stories
from tests import factories
from tests.conftest import login_as
from tests.stories.helpers import editor_form, make_pair

CLOSING_DAY = date(2030, 12, 6)
# 23:59:30 and 00:00:30 on the closing night, in Mayotte (UTC+3)
LAST_MINUTE = datetime(2030, 12, 6, 20, 59, 30, tzinfo=UTC)
NEXT_DAY = datetime(2030, 12, 6, 21, 0, 30, tzinfo=UTC)


@pytest.fixture
def pair():
    pair = make_pair()
    pair.edu_b.time_zone = "Indian/Mayotte"
    db.session.delete(pair.round)
    pair.round = factories.make_round(pair.exchange)
    pair.round.set_dates(date(2030, 11, 1), CLOSING_DAY, "Indian/Mayotte")
    db.session.commit()
    return pair


def test_a_mayotte_deadline_is_stored_as_the_instant_of_2359_there(pair):
    assert pair.round.closes_at.replace(tzinfo=UTC) == datetime(2030, 12, 6, 20, 59, 59, tzinfo=UTC)
    assert pair.round.opens_at.replace(tzinfo=UTC) == datetime(2030, 10, 31, 21, 0, tzinfo=UTC)


def test_a_round_takes_stories_until_2359_in_mayotte_not_after(pair):
    assert round_accepts_stories(pair.round, LAST_MINUTE)
    assert can_write_story(pair.amina, pair.round, LAST_MINUTE)
    assert not round_accepts_stories(pair.round, NEXT_DAY)
    assert not can_write_story(pair.amina, pair.round, NEXT_DAY)


def test_sending_a_story_after_the_mayotte_deadline_is_refused(app, pair, monkeypatch):
    monkeypatch.setattr(content, "utcnow", lambda: LAST_MINUTE)
    content.check_round_open(pair.round)  # 23:59:30 there: still open
    monkeypatch.setattr(content, "utcnow", lambda: NEXT_DAY)
    english = app.test_request_context(headers={"Accept-Language": "en"})
    with english, pytest.raises(DomainError) as refused:
        content.check_round_open(pair.round)
    assert "8:59" in refused.value.message and "(UTC)" in refused.value.message  # no reader zone


def test_the_editor_refuses_a_new_story_once_the_deadline_passed(as_user, pair, monkeypatch):
    from storyhub.stories import views

    monkeypatch.setattr(views, "_now", lambda: NEXT_DAY)
    client = as_user(pair.amina)
    response = client.post(f"/rounds/{pair.round.id}/stories/new", data=editor_form())
    assert response.status_code == 302 and f"/rounds/{pair.round.id}" in response.location
    monkeypatch.setattr(views, "_now", lambda: LAST_MINUTE)
    page = client.get(f"/rounds/{pair.round.id}/stories/new")
    assert page.status_code == 200


def _deadline_text(client, round_id, language):
    page = client.get(f"/rounds/{round_id}", headers={"Accept-Language": language})
    html = page.get_data(as_text=True)
    start = html.index('data-local-time="deadline"')
    return html[html.rindex("<time", 0, start) : html.index("</time>", start)]


def test_a_mayotte_reader_sees_the_deadline_at_2359_mayotte_time(as_user, pair):
    pair.amina.time_zone = "Indian/Mayotte"
    db.session.commit()
    shown = _deadline_text(as_user(pair.amina), pair.round.id, "en")
    assert 'datetime="2030-12-06T23:59:59+03:00"' in shown
    assert "December 6, 2030 at 11:59" in shown and "(Mayotte time)" in shown


def test_a_paris_reader_sees_the_same_deadline_in_paris_time_in_french(as_user, pair):
    pair.lea.time_zone = "Europe/Paris"
    pair.lea.locale = "fr"
    db.session.commit()
    shown = _deadline_text(as_user(pair.lea), pair.round.id, "fr")
    assert 'datetime="2030-12-06T21:59:59+01:00"' in shown
    assert "6 décembre 2030 à 21:59" in shown and "(heure de Paris)" in shown


def test_a_reader_without_a_known_zone_reads_utc_which_the_browser_rewrites(client, pair):
    shown = _deadline_text(login_as(client, pair.yanis), pair.round.id, "en")  # no zone known
    assert 'datetime="2030-12-06T20:59:59Z"' in shown and "(UTC)" in shown


def test_the_browser_zone_is_kept_on_the_account(as_user, pair):
    client = as_user(pair.lea)
    assert (
        client.post("/account/time-zone", data={"time_zone": "Indian/Mayotte"}).status_code == 204
    )
    db.session.refresh(pair.lea)
    assert pair.lea.time_zone == "Indian/Mayotte"


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "../../etc/passwd", "x" * 300])
def test_an_unknown_zone_is_refused_and_nothing_kept(as_user, pair, zone):
    client = as_user(pair.lea)
    assert client.post("/account/time-zone", data={"time_zone": zone}).status_code == 400
    db.session.refresh(pair.lea)
    assert pair.lea.time_zone is None


def test_a_visitor_cannot_keep_a_zone(client):
    response = client.post("/account/time-zone", data={"time_zone": "Indian/Mayotte"})
    assert response.status_code in (302, 401)


def test_a_round_proposed_in_mayotte_closes_at_2359_there(app, pair):
    from storyhub.exchanges.rounds import RoundDetails, propose_round

    with app.test_request_context():
        round_ = propose_round(
            pair.exchange,
            pair.edu_b,
            RoundDetails(
                question="Our market?", opens_on=date(2027, 1, 1), closes_on=date(2027, 6, 6)
            ),
        )
    assert round_.time_zone == "Indian/Mayotte"
    assert round_.closes_at.replace(tzinfo=UTC) == datetime(2027, 6, 6, 20, 59, 59, tzinfo=UTC)
