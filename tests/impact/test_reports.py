"""A shared reflection on the impact page is reported like a story or a comment (the reports
package's one mechanism): anyone who sees it reports it, enough distinct reporters hide it from
the page at once, and its writer's educators find it in their report queue."""

import pytest

from storyhub.core.lifecycle import HIDDEN_AFTER_REPORTS
from storyhub.extensions import db
from storyhub.impact.life import REFLECTION
from storyhub.impact.models import Reflection
from tests.impact.test_impact_page import _make_public, _reflect
from tests.reports.conftest import report

EN = {"Accept-Language": "en"}


@pytest.fixture
def shown(app, twin, monkeypatch):
    """A public exchange whose impact page shows young_a's reflection; threshold 3."""
    monkeypatch.setitem(app.config, "REPORT_HIDE_THRESHOLD", 3)
    _make_public(twin.exchange)
    return _reflect(twin, twin.young_a, "SHOWN: we are alike.")


def _page(client, twin) -> str:
    return client.get(f"/exchanges/{twin.exchange.id}/impact", headers=EN).text


def test_the_impact_page_offers_report_a_problem(client, twin, shown):
    assert f'href="/report/reflection/{shown.id}"' in _page(client, twin)
    assert client.get(f"/report/reflection/{shown.id}", headers=EN).status_code == 200


def test_visitors_reports_hide_it_at_the_threshold_at_once(client, twin, shown):
    for n in (1, 2):
        assert report(client, "reflection", shown.id, addr=f"198.51.100.{n}").status_code == 200
        assert "SHOWN: we are alike." in _page(client, twin)
    report(client, "reflection", shown.id, addr="198.51.100.3")
    db.session.expire_all()
    reflection = db.session.get(Reflection, shown.id)
    assert REFLECTION.is_in(reflection, HIDDEN_AFTER_REPORTS)
    assert "SHOWN: we are alike." not in _page(client, twin)


def test_the_writers_educators_see_it_in_their_queue(client, as_user, twin, shown):
    report(client, "reflection", shown.id, reason="bullying")
    page = as_user(twin.educator_a).get("/moderation/reports", headers=EN).text
    assert "SHOWN: we are alike." in page and f"case-reflection-{shown.id}" in page
    other = as_user(twin.educator_b).get("/moderation/reports", headers=EN).text
    assert "SHOWN: we are alike." not in other  # the twin's educators do not review it


def test_keep_shows_it_again_and_unpublish_sends_it_back(client, as_user, twin, shown):
    report(client, "reflection", shown.id, reason="stranger")  # a serious reason hides at once
    assert "SHOWN: we are alike." not in _page(client, twin)
    url = f"/moderation/reports/reflection/{shown.id}"
    as_user(twin.educator_a).post(f"{url}/keep", headers=EN)
    assert "SHOWN: we are alike." in _page(client, twin)
    report(client, "reflection", shown.id, reason="stranger", addr="198.51.100.9")
    as_user(twin.educator_a).post(f"{url}/unpublish", data={"reason": "A name."}, headers=EN)
    db.session.expire_all()
    reflection = db.session.get(Reflection, shown.id)
    assert (reflection.status, reflection.feedback, reflection.hidden_at) == (
        "rejected",
        "A name.",
        None,
    )


def test_a_private_reflection_cannot_be_reported(client, as_user, twin):
    _make_public(twin.exchange)
    private = _reflect(twin, twin.young_a, "PRIVATE words", share=False, select=False)
    assert client.get(f"/report/reflection/{private.id}").status_code == 404
    assert report(client, "reflection", private.id, reason="stranger").status_code == 404
    # not even by those who read it (its writer, their educator): it is not shown to anyone
    assert as_user(twin.educator_a).get(f"/report/reflection/{private.id}").status_code == 404
    db.session.expire_all()
    assert db.session.get(Reflection, private.id).hidden_at is None
