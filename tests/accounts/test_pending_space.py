"""A new educator waiting for verification is told what happens next and how long it takes."""

from datetime import timedelta

from storyhub.core.models import utcnow
from storyhub.extensions import db
from tests import factories

EN = {"Accept-Language": "en"}


def test_a_waiting_educator_is_told_what_happens_next(as_user):
    pending = factories.make_educator(verified=False)
    html = as_user(pending).get("/dashboard", headers=EN).text
    waiting = html[html.index('id="verification-waiting"') :]
    assert "What happens next" in waiting and pending.email in waiting
    assert "You receive an e-mail when your account is verified." in waiting
    assert 'href="/explore"' in waiting
    assert "Lately, a verification has taken" not in waiting  # none verified yet: no figure


def test_the_wait_is_the_median_of_the_last_verifications(as_user):
    for days in (1, 2, 9):
        educator = factories.make_educator()
        educator.created_at = utcnow() - timedelta(days=days + 1)
        educator.verified_at = educator.created_at + timedelta(days=days)
    db.session.commit()
    pending = factories.make_educator(verified=False)
    html = as_user(pending).get("/dashboard", headers=EN).text
    assert "Lately, a verification has taken about 2 days." in html


def test_a_verified_educator_does_not_see_the_waiting_notice(as_user):
    educator = factories.make_educator()
    response = as_user(educator).get("/dashboard", headers=EN)
    assert response.status_code == 200 and educator.display_name in response.text
    assert 'id="verification-waiting"' not in response.text


def test_in_french_the_next_steps_are_french(as_user):
    pending = factories.make_educator(verified=False)
    html = as_user(pending).get("/dashboard", headers={"Accept-Language": "fr"}).text
    assert "Et ensuite" in html
