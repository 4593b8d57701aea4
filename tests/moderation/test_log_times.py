"""Times in the reader's zone: the log writes each instant in the zone kept on the reader's
account (UTC, labelled so, until the browser has told it), in a <time> whose datetime carries the
offset; the browser's script shows it in the reader's own zone, named, when they differ."""

from datetime import UTC, datetime

import pytest

from storyhub.extensions import db
from storyhub.moderation.models import ModerationEntry
from storyhub.stories import services
from tests.stories.helpers import text_input

EN = {"Accept-Language": "en"}
AT = datetime(2026, 12, 6, 6, 37, tzinfo=UTC)


@pytest.fixture
def logged(pair, english):
    """A story of group A sent for review, its log entry stamped 06:37 UTC."""
    story = services.start_story(pair.round, pair.lea, text_input(title="Our square"))
    services.submit_story(story, pair.lea)
    for entry in db.session.scalars(db.select(ModerationEntry)):
        entry.created_at = AT
    db.session.commit()
    return story


def test_log_times_carry_the_instant_and_say_utc_without_script(as_user, pair, logged):
    page = as_user(pair.edu_a).get("/moderation/log", headers=EN)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Moderation log" in html
    assert '<time datetime="2026-12-06T06:37:00Z" data-local-time="medium">' in html
    shown = html.split('data-local-time="medium">')[1].split("</time>")[0]
    assert shown.startswith("Dec 6, 2026, 6:37:00") and shown.endswith(" (UTC)")


def test_log_times_are_written_in_the_zone_kept_on_the_account(as_user, pair, logged):
    pair.edu_a.time_zone = "Indian/Mayotte"
    db.session.commit()
    html = as_user(pair.edu_a).get("/moderation/log", headers=EN).get_data(as_text=True)
    assert '<time datetime="2026-12-06T09:37:00+03:00" data-local-time="medium">' in html
    shown = html.split('data-local-time="medium">')[1].split("</time>")[0]
    assert shown.startswith("Dec 6, 2026, 9:37:00") and shown.endswith(" (Mayotte time)")


def test_another_groups_educator_sees_no_time_of_this_log(as_user, pair, logged):
    page = as_user(pair.edu_b).get("/moderation/log", headers=EN)
    assert page.status_code == 200 and "Moderation log" in page.get_data(as_text=True)
    assert "2026-12-06T06:37:00Z" not in page.get_data(as_text=True)
