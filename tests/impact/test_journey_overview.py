"""My journey: private to the young person and their educators. The admins' overview: figures
only, admins only."""

from storyhub.extensions import db
from storyhub.responses.models import Reaction
from tests import factories
from tests.impact.conftest import after, before


def _trail(twin):
    story = factories.make_story(
        twin.round, twin.group_a, [twin.young_a], status="approved", title="Notre place"
    )
    other = factories.make_story(
        twin.round, twin.group_b, [twin.young_b], status="approved", title="La barge"
    )
    db.session.add(Reaction(story_id=other.id, user_id=twin.young_a.id, kind="learned"))
    db.session.commit()
    before(twin.young_a, twin.exchange)
    after(twin.young_a, twin.exchange, twin.round, reflection="Mon regard a changé.")
    return story


def test_young_person_sees_their_own_journey(as_user, twin):
    _trail(twin)
    page = as_user(twin.young_a).get("/journey")
    assert page.status_code == 200
    for text in ("Notre place", "La barge", "Mon regard a changé."):
        assert text in page.text


def test_own_educator_sees_the_journey_twin_educator_does_not(as_user, twin):
    _trail(twin)
    url = f"/groups/members/{twin.young_a.id}/journey"
    assert "Mon regard a changé." in as_user(twin.educator_a).get(url).text
    assert as_user(twin.educator_b).get(url).status_code == 404


def test_journey_is_never_public_nor_seen_by_another_young_person(client, as_user, twin):
    _trail(twin)
    url = f"/groups/members/{twin.young_a.id}/journey"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous.location.startswith("/login")
    assert as_user(twin.other_a).get(url).status_code == 403


def test_admin_overview_counts_change_stories_by_kind(as_user, twin):
    from storyhub.impact import services
    from storyhub.impact.models import Reflection

    _trail(twin)
    reflection = db.session.scalar(db.select(Reflection))
    services.select_reflection(twin.educator_a, reflection, "Because.", "skills")
    admin = factories.make_admin()
    page = as_user(admin).get("/admin/impact")
    assert page.status_code == 200
    assert "Mon regard a changé." not in page.text and twin.young_a.display_name not in page.text
    from storyhub.impact.overview import overview

    data = overview()
    assert data.kinds["skills"] == 1 and data.territories == 2 and data.exchanges == {"active": 1}


def test_educator_may_not_open_the_admin_overview(as_user, twin):
    assert as_user(twin.educator_a).get("/admin/impact").status_code == 403
