"""“Your turn” (storyhub/impact/turns.py): the side that owes an answer reads it on the exchange
page, the dashboard and the round page; a young person's before/after questions wait there too;
the notifications say it when a round ends, when the exchange closes and when the twin answered
first. Nobody else reads it."""

from datetime import UTC, date, timedelta

from storyhub.extensions import db
from storyhub.impact.turns import announce_round_ends
from storyhub.notifications.models import Notification
from storyhub.responses.models import Comment
from tests import factories
from tests.impact.conftest import after, before
from tests.rights.conftest import EN


def _open_round(twin, question="Qui cuisine chez vous ?"):
    return factories.make_round(
        twin.exchange, question, date.today() - timedelta(days=2), date.today() + timedelta(days=9)
    )


def _b_answered_and_a_asked(twin):
    """B answered an open round A has not; A asked B a question on it, still unanswered."""
    open_round = _open_round(twin)
    story = factories.make_story(open_round, twin.group_b, [twin.young_b], status="approved")
    db.session.add(
        Comment(
            story_id=story.id,
            author_id=twin.young_a.id,
            group_id=twin.group_a.id,
            body="Who?",
            status="approved",
        )
    )
    db.session.commit()
    return open_round


def _panel(page: str, panel_id: str = "your-turn") -> str:
    return page.split(f'id="{panel_id}"')[1].split("</div>")[0]


def test_side_that_owes_an_answer_reads_your_turn(as_user, twin):
    _b_answered_and_a_asked(twin)
    owing = as_user(twin.young_a).get(f"/exchanges/{twin.exchange.id}", headers=EN).text
    assert "Qui cuisine chez vous ?" in _panel(owing)
    other = as_user(twin.young_b).get(f"/exchanges/{twin.exchange.id}", headers=EN).text
    assert "1 question from" in _panel(other)  # B owes an answer to A's question
    assert "Qui cuisine chez vous ?" not in _panel(other)


def test_nobody_owes_anything_no_owed_line(as_user, twin):
    page = as_user(twin.young_a).get(f"/exchanges/{twin.exchange.id}", headers=EN).text
    assert 'id="your-turn"' in page  # the panel is there: the before set waits
    assert "your-turn__owed" not in page


def test_dashboard_shows_the_questions_waiting_and_what_is_owed(as_user, twin):
    _b_answered_and_a_asked(twin)
    page = as_user(twin.young_a).get("/dashboard", headers=EN).text
    panel = _panel(page, f"your-turn-{twin.exchange.id}")
    assert f"/exchanges/{twin.exchange.id}/impact/before" in panel
    assert f"/exchanges/{twin.exchange.id}/impact/after?round={twin.round.id}" in panel
    assert "Qui cuisine chez vous ?" in panel and twin.exchange.title in panel
    educator = as_user(twin.educator_a).get("/dashboard", headers=EN).text
    assert "Qui cuisine chez vous ?" in _panel(educator, f"your-turn-{twin.exchange.id}")
    assert "/impact/before" not in educator  # questions are for young people


def test_answered_questions_leave_the_dashboard(as_user, twin):
    before(twin.young_a, twin.exchange)
    after(twin.young_a, twin.exchange, twin.round)
    page = as_user(twin.young_a).get("/dashboard", headers=EN).text
    assert twin.young_a.display_name in page and twin.exchange.title in page  # their space
    assert f'id="your-turn-{twin.exchange.id}"' not in page


def test_round_page_shows_your_turn_to_members_only(as_user, client, twin):
    _b_answered_and_a_asked(twin)
    url = f"/rounds/{twin.round.id}"
    panel = _panel(as_user(twin.young_a).get(url, headers=EN).text)
    assert f"/impact/after?round={twin.round.id}" in panel
    outsider_group = factories.make_group(factories.make_educator())
    outsider = factories.make_young(outsider_group)
    twin.exchange.inviting_published_at = twin.exchange.invited_published_at = db.func.now()
    db.session.commit()
    assert 'id="your-turn"' not in as_user(outsider).get(url, headers=EN).text
    client.get("/logout")
    assert 'id="your-turn"' not in client.get(url, headers=EN).text


def test_a_round_that_ends_asks_the_young_people_of_both_sides_once(app, twin):
    runner = app.test_cli_runner()
    assert "1 round(s) announced." in runner.invoke(args=["announce-round-ends"]).output
    notices = db.session.scalars(db.select(Notification).filter_by(kind="round_over_your_turn"))
    told = {(n.user_id, n.link) for n in notices}
    link = f"/exchanges/{twin.exchange.id}/impact/after?round={twin.round.id}"
    assert told == {(y.id, link) for y in (twin.young_a, twin.other_a, twin.young_b)}
    assert announce_round_ends() == 0  # once per round
    _open_round(twin)
    assert announce_round_ends() == 0  # not over yet


def test_a_round_of_an_exchange_that_never_started_is_not_announced(twin):
    twin.exchange.status = "declined"
    db.session.commit()
    assert announce_round_ends() == 0


def test_closing_the_exchange_asks_its_young_people(as_user, twin):
    url = f"/exchanges/{twin.exchange.id}/close"
    assert as_user(twin.educator_a).post(url, headers=EN).status_code == 302
    notices = db.session.scalars(db.select(Notification).filter_by(kind="exchange_over_your_turn"))
    told = {n.user_id: n.link for n in notices}
    link = f"/exchanges/{twin.exchange.id}/impact/after"
    assert told == {y.id: link for y in (twin.young_a, twin.other_a, twin.young_b)}
    assert as_user(twin.young_b).get(link, headers=EN).status_code == 200


def test_the_twin_answering_first_tells_the_other_side_it_is_their_turn(as_user, twin):
    open_round = _open_round(twin)
    story = factories.make_story(open_round, twin.group_b, [twin.young_b], status="submitted")
    as_user(twin.educator_b).post(f"/stories/{story.id}/approve", headers=EN)
    notice = db.session.scalar(db.select(Notification).filter_by(user_id=twin.young_a.id))
    assert notice.kind == "twin_published" and notice.params["question"]
    text = as_user(twin.young_a).get("/notifications/", headers=EN).text
    assert "your turn to answer “Qui cuisine chez vous ?”" in text


def test_the_twin_answering_second_is_only_news(as_user, twin):
    open_round = _open_round(twin)
    factories.make_story(open_round, twin.group_a, [twin.young_a], status="approved")
    story = factories.make_story(open_round, twin.group_b, [twin.young_b], status="submitted")
    as_user(twin.educator_b).post(f"/stories/{story.id}/approve", headers=EN)
    notice = db.session.scalar(db.select(Notification).filter_by(user_id=twin.young_a.id))
    assert notice.kind == "twin_published" and "question" not in notice.params
    text = as_user(twin.young_a).get("/notifications/", headers=EN).text
    assert "your turn to answer" not in text


def test_once_closed_only_the_final_set_is_asked(as_user, twin):
    before(twin.young_a, twin.exchange)
    as_user(twin.educator_a).post(f"/exchanges/{twin.exchange.id}/close", headers=EN)
    panel = _panel(
        as_user(twin.young_a).get("/dashboard", headers=EN).text, f"your-turn-{twin.exchange.id}"
    )
    assert f'/exchanges/{twin.exchange.id}/impact/after"' in panel
    assert "?round=" not in panel
    assert announce_round_ends() == 0  # the close asked already


def test_the_question_keeps_its_language_and_is_escaped(as_user, twin):
    twin.round.question = "<b>Who</b> cooks?"
    twin.exchange.languages = "en"
    db.session.commit()
    page = as_user(twin.young_a).get("/dashboard", headers={"Accept-Language": "fr"}).text
    panel = _panel(page, f"your-turn-{twin.exchange.id}")
    assert '<span lang="en">&lt;b&gt;Who&lt;/b&gt; cooks?</span>' in panel
    assert "<b>Who</b>" not in page


def _round_closing_on(twin, day, zone):
    round_ = _open_round(twin)
    round_.set_dates(day - timedelta(days=5), day, zone)
    db.session.commit()
    return round_


def test_the_after_set_opens_at_the_deadline_in_the_zone_the_round_was_set_in(twin):
    """A round ends at 23:59:59 where it was set, not at midnight on the server's clock: in
    Guadeloupe (UTC-4) writing is still open at 01:00 UTC the next day, so nobody is asked yet
    what changed; in Mayotte (UTC+3) it is over by 21:00 UTC the same day."""
    from datetime import datetime

    from storyhub.impact.permissions import after_moment_open

    day = date(2026, 12, 6)
    guadeloupe = _round_closing_on(twin, day, "America/Guadeloupe")
    next_day_1am_utc = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
    assert guadeloupe.is_open(next_day_1am_utc)
    assert not after_moment_open(twin.exchange, guadeloupe, next_day_1am_utc)
    assert after_moment_open(twin.exchange, guadeloupe, datetime(2026, 12, 7, 4, 1, tzinfo=UTC))

    mayotte = _round_closing_on(twin, day, "Indian/Mayotte")
    evening_utc = datetime(2026, 12, 6, 21, 0, tzinfo=UTC)  # 00:00 in Mayotte
    assert after_moment_open(twin.exchange, mayotte, evening_utc)
    assert not after_moment_open(twin.exchange, mayotte, datetime(2026, 12, 6, 20, 59, tzinfo=UTC))


def test_a_round_is_announced_over_when_its_deadline_has_passed_where_it_was_set(twin):
    from datetime import datetime

    announce_round_ends()  # the fixture's round, long over
    guadeloupe = _round_closing_on(twin, date(2026, 12, 6), "America/Guadeloupe")
    assert announce_round_ends(datetime(2026, 12, 7, 1, 0, tzinfo=UTC)) == 0
    assert announce_round_ends(datetime(2026, 12, 7, 4, 1, tzinfo=UTC)) == 1
    db.session.refresh(guadeloupe)
    assert guadeloupe.after_asked_at is not None
