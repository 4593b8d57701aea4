"""The bell, the notifications page, reading them, and the digest choice."""

from datetime import timedelta

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.notifications.models import Notification
from storyhub.notifications.services import notify, unread_count
from tests import factories

EN = {"Accept-Language": "en"}


def _add(user, kind="story_approved", link="/stories/1", minutes_ago=0, **params):
    notify([user], kind, link, **(params or {"story": "Our square"}))
    db.session.commit()
    row = db.session.scalars(db.select(Notification).order_by(Notification.id.desc())).first()
    row.created_at = utcnow() - timedelta(minutes=minutes_ago)
    db.session.commit()
    return row


def test_the_bell_says_how_many_are_unread(as_user, young):
    for _ in range(3):
        _add(young)
    page = as_user(young).get("/dashboard", headers=EN)
    assert 'aria-label="Notifications, 3 unread"' in page.text
    assert '<span class="bell__count" aria-hidden="true">3</span>' in page.text


def test_the_bell_without_news(as_user, young):
    page = as_user(young).get("/dashboard", headers=EN)
    assert 'aria-label="Notifications, none unread"' in page.text
    assert "bell__count" not in page.text


def test_the_public_has_no_bell(client):
    page = client.get("/", headers=EN)
    assert page.status_code == 200 and 'class="hero__title"' in page.text
    assert "/notifications/" not in page.text


def test_only_my_own_notifications_count(as_user, young, educator):
    _add(educator)
    assert unread_count(young) == 0
    assert "Notifications, none unread" in as_user(young).get("/dashboard", headers=EN).text


def test_the_page_lists_newest_first_unread_marked(as_user, young):
    _add(young, story="OLDER", minutes_ago=30)
    newer = _add(young, story="NEWER", minutes_ago=1)
    newer.read_at = utcnow()
    db.session.commit()
    page = as_user(young).get("/notifications/", headers=EN).text
    assert page.index("NEWER") < page.index("OLDER")
    assert page.count("notification--unread") == 1
    assert "“OLDER” is published!" in page


def test_the_text_is_in_the_readers_language(as_user, young):
    _add(young, kind="comment_received", story="Notre place")
    page = as_user(young).get("/notifications/", headers={"Accept-Language": "fr"}).text
    assert "Nouveau commentaire sur « Notre place »." in page


def test_opening_one_marks_it_read_and_goes_to_its_link(as_user, young):
    item = _add(young, link="/stories/7#comment-3")
    response = as_user(young).get(f"/notifications/{item.id}")
    assert response.status_code == 302
    assert response.headers["Location"] == "/stories/7#comment-3"
    assert db.session.get(Notification, item.id).read_at is not None


def test_an_outside_link_is_never_followed(as_user, young):
    item = _add(young, link="https://evil.example/")
    response = as_user(young).get(f"/notifications/{item.id}")
    assert response.headers["Location"] == "/notifications/"


def test_someone_elses_notification_is_not_found(as_user, young, educator):
    item = _add(educator)
    assert as_user(young).get(f"/notifications/{item.id}").status_code == 404
    assert db.session.get(Notification, item.id).read_at is None


@pytest.mark.parametrize(
    "path", ["/notifications/999999", "/notifications/abc", "/notifications/-1"]
)
def test_garbage_ids_are_not_found(as_user, young, path):
    assert as_user(young).get(path).status_code == 404


def test_mark_all_as_read(as_user, young, educator):
    _add(young)
    _add(young)
    _add(educator)
    response = as_user(young).post("/notifications/read")
    assert response.status_code == 302
    assert unread_count(young) == 0
    assert unread_count(educator) == 1


def test_the_page_needs_signing_in(client):
    assert "/login" in client.get("/notifications/").headers["Location"]
    assert "/login" in client.post("/notifications/read").headers["Location"]


@pytest.mark.parametrize("page", ["0", "-3", "abc", "99999"])
def test_odd_page_numbers_do_not_break(as_user, young, page):
    _add(young)
    assert as_user(young).get(f"/notifications/?page={page}").status_code == 200


def test_an_educator_chooses_the_email_digest(as_user, educator):
    client = as_user(educator)
    assert "/notifications/preferences" in client.get("/notifications/").text
    client.post("/notifications/digest", data={"email_digest": "on"})
    assert db.session.get(type(educator), educator.id).email_digest is True
    client.post("/notifications/digest", data={})
    assert db.session.get(type(educator), educator.id).email_digest is False


def test_a_young_person_has_no_digest(as_user, young):
    client = as_user(young)
    assert "/notifications/preferences" not in client.get("/notifications/").text
    assert client.post("/notifications/digest", data={"email_digest": "on"}).status_code == 403
    assert db.session.get(type(young), young.id).email_digest is False


def test_unknown_kinds_and_broken_params_still_show(as_user, young):
    db.session.add(Notification(user_id=young.id, kind="from_the_future", params={}))
    db.session.add(Notification(user_id=young.id, kind="story_approved", params={"x": "y"}))
    db.session.commit()
    page = as_user(young).get("/notifications/", headers=EN)
    assert page.status_code == 200
    assert page.text.count("Something new happened.") == 2


def test_every_response_event_notifies(as_user, pair_factory):
    pair = pair_factory()
    from storyhub.responses import services

    comment = services.post_comment(pair["young_b"], pair["story"], "Hi")
    services.approve_comment(comment, pair["educator_b"])
    services.approve_comment(comment, pair["educator_a"])
    answer = services.answer_comment(pair["author"], comment, "Hello")
    services.approve_comment(answer, pair["educator_a"])
    refused = services.post_comment(pair["young_b"], pair["story"], "Bye")
    services.reject_comment(refused, pair["educator_b"], "Too short")
    kinds = {(n.user_id, n.kind) for n in db.session.scalars(db.select(Notification)).all()}
    assert kinds == {
        (pair["educator_b"].id, "comment_submitted"),
        (pair["author"].id, "comment_received"),
        (pair["young_b"].id, "comment_approved"),
        (pair["educator_a"].id, "comment_submitted"),
        (pair["young_b"].id, "comment_answered"),
        (pair["author"].id, "comment_approved"),
        (pair["young_b"].id, "comment_rejected"),
        (pair["educator_a"].id, "copy_to_educator"),
        (pair["educator_b"].id, "copy_to_educator"),
    }
    copies = db.session.scalars(db.select(Notification).filter_by(kind="copy_to_educator"))
    copied = sorted((n.user_id, n.params["original"]) for n in copies)
    assert copied == sorted(
        [
            (pair["educator_a"].id, "comment_received"),
            (pair["educator_b"].id, "comment_approved"),
            (pair["educator_b"].id, "comment_answered"),
            (pair["educator_a"].id, "comment_approved"),
            (pair["educator_b"].id, "comment_rejected"),
        ]
    )


@pytest.fixture
def pair_factory():
    def build():
        educator_a, educator_b = factories.make_educator(), factories.make_educator()
        group_a, group_b = factories.make_group(educator_a), factories.make_group(educator_b)
        author, young_b = factories.make_young(group_a), factories.make_young(group_b)
        round_ = factories.make_round(factories.make_exchange(group_a, group_b))
        story = factories.make_story(round_, group_a, authors=[author], status="approved")
        return dict(
            educator_a=educator_a,
            educator_b=educator_b,
            author=author,
            young_b=young_b,
            story=story,
        )

    return build
