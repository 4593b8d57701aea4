"""The practice exchange (sandbox) of a new educator: theirs to practise the editor and the
moderation, and never public, counted, mailed, twinned or signed into."""

import io

import pytest

from storyhub.accounts.models import User
from storyhub.accounts.services import authenticate
from storyhub.core.errors import DomainError
from storyhub.core.passwords import hash_password
from storyhub.exchanges import services as exchanges
from storyhub.exchanges.models import Exchange
from storyhub.exchanges.queries import TwinFilters, twin_candidates
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.impact.overview import overview
from storyhub.notifications.channels import ALL
from storyhub.notifications.models import Notification
from storyhub.sandbox.services import create_sandbox, sandbox_of
from storyhub.stories.models import STATUS_APPROVED, STATUS_SUBMITTED, Story
from tests import factories

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}


@pytest.fixture
def pending(territory):
    return factories.make_educator(verified=False)


@pytest.fixture
def sandbox(pending):
    pending.locale = "en"  # made outside a request: in the account's language
    return create_sandbox(pending)


def _stories(exchange):
    query = db.select(Story).where(Story.group_id.in_(exchange.group_ids)).order_by(Story.id)
    return list(db.session.scalars(query))


def _waiting(exchange):
    return next(s for s in _stories(exchange) if s.status == STATUS_SUBMITTED)


def _twin_story(exchange):
    return next(s for s in _stories(exchange) if s.group_id == exchange.invited_group_id)


# --- the educator practises ------------------------------------------------------------------


def test_a_pending_educator_opens_their_sandbox_on_the_practice_page(as_user, pending):
    client = as_user(pending)
    assert 'href="/practice/"' in client.get("/dashboard", headers=EN).text
    page = client.get("/practice/", headers=EN)
    assert page.status_code == 200 and "Open my practice exchange" in page.text
    assert client.post("/practice/", headers=EN).status_code == 302
    exchange = sandbox_of(pending)
    assert exchange is not None and exchange.is_sandbox
    assert exchange.inviting_group.is_sandbox and exchange.invited_group.is_sandbox
    assert len(exchange.inviting_group.members) == 2 and exchange.rounds
    page = client.get("/practice/", headers=EN).text
    assert "The stairs behind the gym" in page and "The market by the harbour" in page
    client.post("/practice/", headers=EN)
    assert db.session.scalar(db.select(db.func.count(Exchange.id))) == 1  # one per educator


def test_in_french_the_practice_page_and_content_are_french(as_user, pending):
    client = as_user(pending)
    client.post("/practice/", headers=FR)
    page = client.get("/practice/", headers=FR).text
    assert "Échange d’entraînement" in page and "Practice exchange" not in page
    assert "Les marches derrière le gymnase" in page and sandbox_of(pending).languages == "fr"
    exchange_page = client.get(f"/exchanges/{sandbox_of(pending).id}", headers=FR).text
    assert "Échange d’entraînement : ce que vous faites ici" in exchange_page


def test_the_pending_educator_reads_writes_and_reviews_in_their_sandbox(as_user, pending, sandbox):
    client = as_user(pending)
    assert client.get(f"/exchanges/{sandbox.id}", headers=EN).status_code == 200
    round_ = sandbox.rounds[0]
    assert client.get(f"/rounds/{round_.id}", headers=EN).status_code == 200
    assert client.get(f"/rounds/{round_.id}/stories/new", headers=EN).status_code == 200
    assert client.get(f"/stories/{_twin_story(sandbox).id}", headers=EN).status_code == 200
    waiting = _waiting(sandbox)
    assert "The stairs behind the gym" in client.get("/moderation/", headers=EN).text
    review = client.get(f"/moderation/stories/{waiting.id}", headers=EN)
    assert review.status_code == 200 and "The stairs behind the gym" in review.text
    assert 'id="practice-notice"' in review.text  # a decision here publishes nothing
    exchange_page = client.get(f"/exchanges/{sandbox.id}", headers=EN).text
    assert "what you do here is never published" in exchange_page
    answer = client.post(f"/stories/{waiting.id}/approve", data={"reason": ""}, headers=EN)
    assert answer.status_code == 302
    assert db.session.get(Story, waiting.id).status == STATUS_APPROVED


def test_the_pending_educator_sends_the_practice_story_back(as_user, pending, sandbox):
    waiting = _waiting(sandbox)
    as_user(pending).post(
        f"/stories/{waiting.id}/request_changes", data={"reason": "Say more about the view."}
    )
    assert db.session.get(Story, waiting.id).status == "changes_requested"


def test_nobody_else_sees_a_sandbox(as_user, pending, sandbox, educator, young, admin_user):
    waiting = _waiting(sandbox)
    other_pending = factories.make_educator(verified=False)
    for person in (educator, young, other_pending):
        client = as_user(person)
        assert client.get(f"/exchanges/{sandbox.id}").status_code == 404
        assert client.get(f"/moderation/stories/{waiting.id}").status_code in (302, 403, 404)
        assert client.post(f"/stories/{waiting.id}/approve").status_code in (403, 404)
    assert db.session.get(Story, waiting.id).status == STATUS_SUBMITTED
    assert as_user(young).get("/practice/").status_code == 403
    assert as_user(admin_user).get("/practice/").status_code == 403


def test_a_real_exchange_says_nothing_of_practice(as_user, educator, group):
    exchange = factories.make_exchange(group)
    page = as_user(educator).get(f"/exchanges/{exchange.id}", headers=EN)
    assert page.status_code == 200 and exchange.title in page.text
    assert 'id="practice-notice"' not in page.text


def test_a_pending_educator_without_a_sandbox_still_has_no_moderation(as_user, pending):
    page = as_user(pending).get("/moderation/")
    assert page.status_code == 302 and page.headers["Location"].endswith("/dashboard")


def test_a_pending_educator_leads_nothing_real(as_user, pending, sandbox, group):
    """Only their practice groups: a real group they were added to is not theirs yet."""
    group.educators.append(pending)
    db.session.commit()
    assert as_user(pending).get(f"/groups/{group.id}").status_code in (302, 403, 404)


# --- nothing of it is public or counted ------------------------------------------------------


def test_nothing_of_a_sandbox_is_public_even_with_both_keys(client, sandbox):
    twin = _twin_story(sandbox)
    sandbox.inviting_published_at = sandbox.invited_published_at = twin.published_at
    db.session.commit()  # forced: the keys cannot be turned in a sandbox (tested below)
    assert not sandbox.is_public
    assert db.session.scalar(db.select(Exchange.id).where(Exchange.is_public)) is None
    assert client.get(f"/stories/{twin.id}").status_code == 404
    assert client.get(f"/exchanges/{sandbox.id}").status_code == 404
    for path in ("/", "/explore", "/search?q=harbour", "/feeds/stories.atom", "/sitemap.xml",
                 "/api/v1/stories", "/api/v1/exchanges", "/map/data.json"):  # fmt: skip
        page = client.get(path, headers=EN)
        assert page.status_code == 200, path
        assert "market by the harbour" not in page.text.lower(), path
        assert "Practice exchange" not in page.text, path
    territory = sandbox.invited_group.territory
    assert client.get(f"/territories/{territory.slug}").status_code == 404


def test_the_keys_cannot_be_turned_in_a_sandbox(as_user, pending, sandbox):
    page = as_user(pending).post(f"/exchanges/{sandbox.id}/publish", headers=EN)
    assert page.status_code in (302, 403)
    db.session.refresh(sandbox)
    assert sandbox.inviting_published_at is None and sandbox.invited_published_at is None
    as_user(pending).post(f"/exchanges/{sandbox.id}/indexing", data={"allow": "1"})
    db.session.refresh(sandbox)
    assert sandbox.inviting_indexable_at is None


def test_admin_figures_and_impact_overview_leave_the_sandbox_out(as_user, admin_user, sandbox):
    page = as_user(admin_user).get("/admin/", headers=EN)
    assert page.status_code == 200
    from storyhub.admin.views import _figures

    figures = _figures()
    assert figures["groups"] == 0 and figures.get("young", 0) == 0
    assert figures["educator"] == 1  # the real person is counted
    result = overview()
    assert sum(result.exchanges.values()) == 0 and result.territories == 0


# --- the sandbox cannot reach real people ----------------------------------------------------


def test_fictitious_young_people_cannot_sign_in(sandbox):
    person = sandbox.inviting_group.members[0]
    assert authenticate(person.username, "anything at all") is None
    person.password_hash = hash_password("a known password 123")  # even with a password
    db.session.commit()
    assert authenticate(person.username, "a known password 123") is None


def test_a_real_young_person_signs_in(young):
    young.password_hash = hash_password("a known password 123")
    db.session.commit()
    assert authenticate(young.username, "a known password 123") == young


def test_nobody_manages_a_practice_group(as_user, pending, sandbox):
    own = sandbox.inviting_group
    member = own.members[0]
    client = as_user(pending)
    assert client.get(f"/groups/{own.id}/members/new").status_code in (302, 403, 404)
    assert client.post(f"/groups/{own.id}/code/regenerate").status_code in (302, 403, 404)
    assert client.post(
        f"/groups/{own.id}/educators", data={"email": "x@example.org"}
    ).status_code in (302, 403, 404)  # noqa: E501
    assert client.post(f"/groups/{own.id}/members/{member.id}/password").status_code in (
        302,
        403,
        404,
    )  # noqa: E501
    db.session.refresh(own)
    assert own.join_code is None and not own.join_code_enabled


def test_a_practice_group_is_never_twinned(sandbox, educator, group):
    real = factories.make_group(factories.make_educator(), open_to_twinning=True)
    practice = sandbox.inviting_group
    theme = factories.make_theme()
    details = exchanges.ExchangeDetails(
        title="Real", description="", languages=["fr"], theme_ids=[theme.id]
    )
    pending = practice.educators[0]
    with pytest.raises(DomainError) as refused:
        exchanges.invite_group(pending, practice, real, details)
    assert "ne peut pas être jumelé" in refused.value.message  # (French outside a request)
    practice.open_to_twinning = True  # even forced open, no real educator finds or invites it
    db.session.commit()
    found = twin_candidates(educator, TwinFilters()).items
    assert real in found and practice not in found
    with pytest.raises(DomainError) as refused:
        exchanges.invite_group(educator, group, practice, details)
    assert "ne peut pas être jumelé" in refused.value.message  # (French outside a request)
    assert exchanges.invite_group(educator, group, real, details).id  # a real group: invited


def test_uploads_are_refused_in_a_sandbox_with_a_clear_message(as_user, pending, sandbox):
    story = _waiting(sandbox)
    page = as_user(pending).post(
        "/media/upload",
        data={"kind": "image", "story_id": str(story.id), "file": (io.BytesIO(b"x" * 10), "a.jpg")},
        headers={**EN, "Accept": "application/json"},
    )
    assert page.status_code == 400
    assert "cannot be added in the practice exchange" in page.get_json()["error"]


def test_no_mail_about_a_sandbox_even_for_a_verified_educator(app, as_user, pending, sandbox):
    pending.verified_at = db.func.now()
    pending.notification_channels = {name: "email" for name in ALL}
    db.session.commit()
    outbox = app.extensions.setdefault("storyhub_outbox", [])
    outbox.clear()
    from storyhub.exchanges.services import exchange_path
    from storyhub.notifications.services import notify

    notify([pending], "story_submitted", f"/stories/{_waiting(sandbox).id}", story="Practice")
    notify([pending], "exchange_published", exchange_path(sandbox), exchange="Practice")
    db.session.commit()
    assert outbox == []
    notices = db.session.scalars(db.select(Notification).filter_by(user_id=pending.id)).all()
    assert len(notices) == 2 and all(n.params.get("sandbox") == "1" for n in notices)


def test_a_notice_about_a_real_story_is_mailed(app, educator, group, young):
    educator.notification_channels = {name: "email" for name in ALL}
    db.session.commit()
    exchange = factories.make_exchange(group)
    story = factories.make_story(factories.make_round(exchange), group, [young], "submitted")
    outbox = app.extensions.setdefault("storyhub_outbox", [])
    outbox.clear()
    from storyhub.notifications.services import notify

    notify([educator], "story_submitted", f"/stories/{story.id}", story=story.title)
    db.session.commit()
    assert len(outbox) == 1


# --- after verification, reset and delete ----------------------------------------------------


def test_the_sandbox_stays_theirs_after_verification(app, as_user, admin_user, pending, sandbox):
    as_user(admin_user).post(f"/admin/educators/{pending.id}/verify", headers=EN)
    [mail] = [m for m in app.extensions["storyhub_outbox"] if m["To"] == pending.email]
    assert "verified" in mail["Subject"]
    assert "Your practice exchange stays yours" in mail.get_content()
    client = as_user(pending)
    dashboard = client.get("/dashboard", headers=EN).text
    assert 'href="/practice/"' in dashboard
    assert "My practice group" not in dashboard.split('id="open-sandbox"')[0]  # not a real group
    assert client.get(f"/exchanges/{sandbox.id}").status_code == 200
    assert client.get(f"/moderation/stories/{_waiting(sandbox).id}").status_code == 200


def test_the_verification_mail_without_a_sandbox_says_nothing_of_it(app, as_user, admin_user):
    pending = factories.make_educator(verified=False)
    as_user(admin_user).post(f"/admin/educators/{pending.id}/verify", headers=EN)
    [mail] = [m for m in app.extensions["storyhub_outbox"] if m["To"] == pending.email]
    assert "you can now create your groups" in mail.get_content()
    assert "practice exchange" not in mail.get_content()


def test_reset_and_delete(as_user, pending, sandbox):
    client = as_user(pending)
    story = _waiting(sandbox)
    client.post(f"/stories/{story.id}/approve")
    client.post("/practice/reset")
    fresh = sandbox_of(pending)
    assert fresh is not None  # a fresh one: the practice story waits again
    assert [s.status for s in _stories(fresh)] == [STATUS_APPROVED, STATUS_SUBMITTED]
    client.post("/practice/delete")
    assert sandbox_of(pending) is None
    assert db.session.scalar(db.select(db.func.count(Group.id))) == 0
    assert db.session.scalar(db.select(db.func.count(User.id)).filter_by(role="young")) == 0


def test_refusing_the_educator_deletes_their_sandbox(as_user, admin_user, pending, sandbox):
    as_user(admin_user).post(f"/admin/educators/{pending.id}/refuse")
    assert db.session.scalar(db.select(db.func.count(Exchange.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Group.id))) == 0


def test_an_educator_with_a_sandbox_deletes_their_account_and_it_goes_too(pending, sandbox):
    from storyhub.rights.erasure import deletion_refusal, erase_account

    assert deletion_refusal(pending) is None  # not "the only educator" of a practice group
    erase_account(pending, None)
    assert db.session.scalar(db.select(db.func.count(Exchange.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Group.id))) == 0


def test_the_only_educator_of_a_real_group_still_cannot_delete_their_account(educator, group):
    from storyhub.rights.erasure import deletion_refusal

    create_sandbox(educator)
    assert deletion_refusal(educator) is not None


def test_refusing_a_pending_educator_deletes_their_practice_exchange(as_user, admin_user, sandbox):
    pending_id, exchange_id = sandbox.inviting_group.educators[0].id, sandbox.id
    group_ids = [sandbox.inviting_group_id, sandbox.invited_group_id]
    as_user(admin_user).post(f"/admin/educators/{pending_id}/refuse")
    db.session.expire_all()
    assert db.session.get(User, pending_id) is None
    assert db.session.get(Exchange, exchange_id) is None
    assert all(db.session.get(Group, group_id) is None for group_id in group_ids)
