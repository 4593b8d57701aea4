"""A reflection's life: private by default, shared by its writer, decided by the educators of
their own group, selected as a most significant change with a reason and a kind."""

import pytest

from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.impact import services
from storyhub.impact.models import Reflection
from storyhub.moderation.models import ModerationEntry
from storyhub.review.queries import queue_count
from tests.impact.conftest import after, before


@pytest.fixture
def reflection(twin):
    before(twin.young_a, twin.exchange)
    after(twin.young_a, twin.exchange, twin.round, reflection="They are like us.")
    return db.session.scalar(db.select(Reflection))


def test_writer_shares_and_own_educator_approves(as_user, twin, reflection):
    assert (
        as_user(twin.young_a).post(f"/impact/reflections/{reflection.id}/share").status_code == 302
    )
    assert reflection.status == "submitted"
    assert queue_count(twin.educator_a) == 1
    assert (
        as_user(twin.educator_a).post(f"/impact/reflections/{reflection.id}/approve").status_code
        == 302
    )
    db.session.refresh(reflection)
    assert reflection.status == "approved" and reflection.published_at is not None
    actions = db.session.scalars(
        db.select(ModerationEntry.action)
        .filter_by(target_type="reflection")
        .order_by(ModerationEntry.id)
    )
    assert list(actions) == ["share", "approve"]


def test_someone_else_may_not_share_my_reflection(as_user, twin, reflection):
    response = as_user(twin.other_a).post(f"/impact/reflections/{reflection.id}/share")
    assert response.status_code == 404  # not even seen: it is private
    assert reflection.status == "private"


def test_twin_educator_may_not_approve(as_user, twin, reflection):
    services.take(reflection, twin.young_a, "share")
    response = as_user(twin.educator_b).post(f"/impact/reflections/{reflection.id}/approve")
    assert response.status_code == 404
    db.session.refresh(reflection)
    assert reflection.status == "submitted"


def test_own_educator_reads_a_private_reflection_the_twin_educator_does_not(
    as_user, twin, reflection
):
    url = f"/exchanges/{twin.exchange.id}/impact/follow"
    assert "They are like us." in as_user(twin.educator_a).get(url).text
    assert "They are like us." not in as_user(twin.educator_b).get(url).text


def test_reject_needs_a_reason_the_writer_reads(as_user, twin, reflection):
    services.take(reflection, twin.young_a, "share")
    with pytest.raises(DomainError):
        services.take(reflection, twin.educator_a, "reject", "")
    services.take(reflection, twin.educator_a, "reject", "Please leave out the teacher's name.")
    page = as_user(twin.young_a).get(f"/exchanges/{twin.exchange.id}/impact/mine")
    assert "Please leave out the teacher&#39;s name." in page.text


def test_approval_waits_for_parental_consent(twin):
    from tests import factories

    no_consent = factories.make_young(twin.group_a, parental=None)
    before(no_consent, twin.exchange)
    after(no_consent, twin.exchange, twin.round, reflection="Words")
    reflection = db.session.scalar(db.select(Reflection).filter_by(author_id=no_consent.id))
    services.take(reflection, no_consent, "share")
    with pytest.raises(DomainError, match=no_consent.display_name):
        services.take(reflection, twin.educator_a, "approve")


def test_writer_can_make_it_private_again(twin, reflection):
    services.take(reflection, twin.young_a, "share")
    services.take(reflection, twin.educator_a, "approve")
    services.take(reflection, twin.young_a, "withdraw")
    assert reflection.status == "private" and reflection.published_at is None


def test_shared_reflection_cannot_be_edited_silently(twin, reflection):
    services.take(reflection, twin.young_a, "share")
    with pytest.raises(services.AnswerError):
        after(twin.young_a, twin.exchange, twin.round, reflection="Other words")


def test_own_educator_selects_with_reason_and_kind(as_user, twin, reflection):
    response = as_user(twin.educator_a).post(
        f"/impact/reflections/{reflection.id}/select",
        data={"reason": "She speaks of them as friends now.", "kind": "view_of_other"},
    )
    assert response.status_code == 302
    db.session.refresh(reflection)
    assert reflection.selected_at and reflection.change_kind == "view_of_other"


def test_twin_educator_may_not_select(as_user, twin, reflection):
    response = as_user(twin.educator_b).post(
        f"/impact/reflections/{reflection.id}/select", data={"reason": "x", "kind": "skills"}
    )
    assert response.status_code == 404
    db.session.refresh(reflection)
    assert reflection.selected_at is None


@pytest.mark.parametrize(
    ("reason", "kind"), [("", "skills"), ("Good.", "happiness"), ("x" * 301, "skills")]
)
def test_selection_needs_a_sentence_and_a_known_kind(twin, reflection, reason, kind):
    with pytest.raises(DomainError):
        services.select_reflection(twin.educator_a, reflection, reason, kind)


def test_observations_by_each_side_private_or_public(as_user, twin):
    from datetime import date

    client = as_user(twin.educator_a)
    client.post(
        f"/exchanges/{twin.exchange.id}/impact/observations",
        data={
            "body": "They ask questions now.",
            "observed_on": date.today().isoformat(),
            "public": "y",
        },
    )
    client.post(
        f"/exchanges/{twin.exchange.id}/impact/observations",
        data={"body": "A private worry.", "observed_on": date.today().isoformat()},
    )
    follow = client.get(f"/exchanges/{twin.exchange.id}/impact/follow").text
    assert "They ask questions now." in follow and "A private worry." in follow


def test_young_person_may_not_observe_or_follow(as_user, twin):
    client = as_user(twin.young_a)
    assert client.get(f"/exchanges/{twin.exchange.id}/impact/follow").status_code == 403
    response = client.post(f"/exchanges/{twin.exchange.id}/impact/observations", data={"body": "x"})
    assert response.status_code == 403


def test_statements_editable_before_the_start_only(as_user, twin):
    from datetime import date, timedelta

    from tests import factories

    fresh = factories.make_exchange(twin.group_a, twin.group_b)
    client = as_user(twin.educator_b)
    url = f"/exchanges/{fresh.id}/impact/statements"
    client.post(url, data={"text0": "I know {place} well.", "text1": "I like to travel."})
    from storyhub.impact import statements as st

    texts = [st.statement_text(s, "Mayotte") for s in st.statements_of(fresh)]
    assert texts == ["I know Mayotte well.", "I like to travel."]
    factories.make_round(fresh, opens_on=date.today() - timedelta(days=1))
    client.post(url, data={"text0": "Changed"})
    assert [s.text for s in st.statements_of(fresh)][0] == "I know {place} well."


def test_young_person_may_not_edit_statements(as_user, twin):
    response = as_user(twin.young_a).post(
        f"/exchanges/{twin.exchange.id}/impact/statements", data={"text0": "x"}
    )
    assert response.status_code == 403


def test_sharing_tells_the_writers_educators_and_the_decision_tells_the_writer(twin, reflection):
    from storyhub.notifications.models import Notification

    services.take(reflection, twin.young_a, "share")
    to_educator = db.session.scalar(db.select(Notification).filter_by(user_id=twin.educator_a.id))
    assert (
        to_educator.kind == "reflection_shared"
        and f"#reflection-{reflection.id}" in to_educator.link
    )
    assert db.session.scalar(db.select(Notification).filter_by(user_id=twin.educator_b.id)) is None
    services.take(reflection, twin.educator_a, "reject", "Sans le nom du prof, s'il te plaît.")
    to_writer = db.session.scalar(db.select(Notification).filter_by(user_id=twin.young_a.id))
    assert to_writer.kind == "reflection_rejected" and to_writer.params["reason"].startswith("Sans")
