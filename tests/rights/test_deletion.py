"""Deleting an account: adults themselves, young people through their educator; the name goes
from every page, feed, API item, search result, stored file and database row."""

import pytest

from storyhub.accounts.models import User
from storyhub.extensions import db
from storyhub.media.models import MediaItem
from storyhub.moderation.models import ModerationEntry
from storyhub.moderation.services import log_transition
from storyhub.notifications.models import Notification
from storyhub.notifications.services import notify
from storyhub.responses.models import Comment, Reaction
from storyhub.rights.erasure import erase_account
from storyhub.stories.models import Story
from tests import factories
from tests.rights.conftest import EN, FR

PASSWORD = factories.PASSWORD


def _rows_mentioning(word: str) -> list[str]:
    """Every database row (any table) whose text holds word, as 'table: row'."""
    found = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(table.select()):
            if word.lower() in str(tuple(row)).lower():
                found.append(f"{table.name}: {tuple(row)}")
    return found


def _files_mentioning(root, word: str) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.is_file() and word.encode() in p.read_bytes()]


def _delete_lea(as_user, world):
    lea_keys = [
        r["key"] for m in (world.own_photo, world.tagged, world.loose) for r in m.renditions
    ]
    response = as_user(world.edu_a).post(
        f"/groups/{world.a.id}/members/{world.lea.id}/remove", headers=EN
    )
    as_user(world.edu_a).get(response.headers.get("Location", "/"))  # the flash is read there
    db.session.expire_all()
    return response, lea_keys


# --- who may delete -------------------------------------------------------------------------


def test_educator_deletes_a_young_person_of_their_group(as_user, world):
    lea_id = world.lea.id
    response, _keys = _delete_lea(as_user, world)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/groups/{world.a.id}#roster")
    assert db.session.get(User, lea_id) is None


@pytest.mark.parametrize("who", ["edu_b", "stranger", "yanis", "lea"])
def test_others_cannot_delete_a_young_person(as_user, world, who):
    people = {
        "edu_b": world.edu_b,
        "stranger": factories.make_educator(),
        "yanis": world.yanis,
        "lea": world.lea,  # she asks her educator instead
    }
    lea_id = world.lea.id
    url = f"/groups/{world.a.id}/members/{lea_id}/remove"
    response = as_user(people[who]).post(url, headers=EN)
    assert response.status_code == 403
    assert b"Not allowed" in response.data
    db.session.expire_all()
    assert db.session.get(User, lea_id) is not None


def test_adult_deletes_their_own_account_with_their_password(as_user, client, world):
    educator = factories.make_educator()
    world.a.educators.append(educator)
    db.session.commit()
    educator_id = educator.id
    signed_in = as_user(educator)
    page = signed_in.get("/account/delete", headers=EN)
    assert page.status_code == 200 and b"Delete my account for good" in page.data
    response = signed_in.post(
        "/account/delete", data={"password": PASSWORD, "understood": "y"}, headers=EN
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, educator_id) is None
    assert client.get("/dashboard").status_code == 302  # signed out


def test_a_wrong_password_keeps_the_account(as_user, world):
    page = as_user(world.edu_b).post(
        "/account/delete", data={"password": "not it at all", "understood": "y"}, headers=EN
    )
    # edu_b is the only educator of Kaweni: refused before the password is even looked at
    assert page.status_code == 409
    educator = factories.make_educator()
    world.a.educators.append(educator)
    db.session.commit()
    page = as_user(educator).post(
        "/account/delete", data={"password": "not it at all", "understood": "y"}, headers=EN
    )
    assert page.status_code == 400
    assert b"This is not your password" in page.data
    page = as_user(educator).post("/account/delete", data={"password": PASSWORD}, headers=EN)
    assert page.status_code == 400
    assert b"This field is required" in page.data
    db.session.expire_all()
    assert db.session.get(User, educator.id) is not None


def test_the_last_educator_of_a_group_is_refused_and_told_why(as_user, world):
    page = as_user(world.edu_a).get("/account/delete", headers=EN)
    assert page.status_code == 409
    assert b"You are the only educator of 4e B" in page.data
    response = as_user(world.edu_a).post(
        "/account/delete", data={"password": PASSWORD, "understood": "y"}, headers=EN
    )
    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(User, world.edu_a.id) is not None


def test_the_last_admin_is_refused(english):
    from storyhub.rights.erasure import DeletionRefused

    admin = factories.make_admin()
    with pytest.raises(DeletionRefused, match="only admin"):
        erase_account(admin, admin)
    factories.make_admin()
    erase_account(admin, admin)


def test_a_young_person_asks_and_their_educator_sees_it(as_user, world):
    lea = world.lea
    assert as_user(lea).get("/account/delete").status_code == 302  # no direct deletion
    response = as_user(lea).post("/account/delete", data={"password": PASSWORD, "understood": "y"})
    assert response.status_code == 302
    response = as_user(lea).post("/account/delete/request", headers=EN)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, lea.id).deletion_requested_at is not None
    notice = db.session.scalar(db.select(Notification).filter_by(kind="deletion_requested"))
    assert notice.user_id == world.edu_a.id
    roster = as_user(world.edu_a).get(f"/groups/{world.a.id}", headers=EN)
    assert b"asks for deletion" in roster.data
    page = as_user(lea).get("/account/data", headers=EN)
    assert b"Your educator will delete your account" in page.data
    as_user(lea).post("/account/delete/cancel")
    db.session.expire_all()
    assert db.session.get(User, lea.id).deletion_requested_at is None


def test_a_young_person_waiting_to_join_deletes_their_account_themself(as_user, world):
    from storyhub.groups.services import join_group

    with as_user(world.lea).application.test_request_context(headers=EN):
        newcomer = join_group(world.a.join_code, "Noé", "noe-1234", "un mot de passe")
    newcomer_id = newcomer.id
    response = as_user(newcomer).post(
        "/account/delete", data={"password": "un mot de passe", "understood": "y"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, newcomer_id) is None


# --- what deletion does ---------------------------------------------------------------------


def test_a_story_written_alone_goes_a_co_written_one_stays_without_the_name(as_user, world):
    alone_id, together_id = world.alone.id, world.together.id
    _delete_lea(as_user, world)
    assert db.session.get(Story, alone_id) is None
    together = db.session.get(Story, together_id)
    assert [a.display_name for a in together.authors] == ["Yanis"]
    assert together.status == "approved"
    text = together.blocks[0].body_html
    assert "Léa" not in text and "une jeune personne de 4e B et Yanis" in text


def test_comments_reactions_and_media_files_go(as_user, world, media_root):
    _response, keys = _delete_lea(as_user, world)
    assert db.session.scalar(db.select(Comment).filter_by(body="Trop bien, Amina !")) is None
    assert db.session.scalar(db.select(Reaction)) is None
    assert db.session.scalars(db.select(MediaItem)).all() == []
    assert keys and not [k for k in keys if (media_root / k).exists()]
    assert [p for p in media_root.rglob("*") if p.is_file()] == []
    other = db.session.scalar(db.select(Comment).filter_by(author_id=world.amina.id))
    assert other.body == "Merci une jeune personne de 4e B pour la vidéo"


def test_the_log_keeps_the_decisions_without_the_name(as_user, world):
    log_transition(
        "story",
        world.together.id,
        world.a.id,
        world.edu_a,
        "request_changes",
        "submitted",
        "changes_requested",
        "Léa, enlève ton nom de famille",
    )
    db.session.commit()
    _delete_lea(as_user, world)
    entries = db.session.scalars(db.select(ModerationEntry)).all()
    actions = {(e.target_type, e.action) for e in entries}
    assert ("account", "delete_account") in actions
    assert ("story", "delete_with_account") in actions
    assert ("story", "request_changes") in actions
    assert all("Léa" not in e.reason for e in entries)
    log = as_user(world.edu_a).get(f"/moderation/log?group={world.a.id}", headers=EN)
    assert log.status_code == 200
    assert "Léa".encode() not in log.data


def test_no_trace_of_the_name_anywhere(app, as_user, client, world, media_root):
    from storyhub.reports.models import Appeal, Report

    notify([world.edu_a], "join_requested", link="/", name="Léa", group="4e B")
    db.session.add(
        Report(
            target_type="story",
            target_id=world.together.id,
            group_id=world.a.id,
            reason="child_data",
            text="On voit le nom de Léa",
            reporter_key="k",
        )
    )
    db.session.add(
        Appeal(
            target_type="story",
            target_id=world.together.id,
            group_id=world.a.id,
            decision="unpublish",
            text="Léa a retiré son nom",
            answer="",
        )
    )
    db.session.commit()
    client = app.test_client()  # a visitor, not the educator signed in on the shared client
    before = client.get("/search?q=L%C3%A9a", headers=FR).get_data(as_text=True)
    assert "Notre place" in before and "Léa" in client.get("/feeds/stories.atom").text
    _delete_lea(as_user, world)
    assert _rows_mentioning("Léa") == []
    assert _files_mentioning(media_root, "Léa") == []
    pages = {
        f"/stories/{world.together.id}": "Notre place",
        f"/exchanges/{world.exchange.id}": "Vivre ensemble",
        "/feeds/stories.atom": "Notre place",
        "/api/v1/stories": "Notre place",
        "/search?q=filment": "Notre place",
    }
    for url, marker in pages.items():
        page = client.get(url, headers=FR)
        assert page.status_code == 200, url
        text = page.get_data(as_text=True)
        assert marker in text, url
        assert "léa" not in text.lower(), url
    found = client.get("/search?q=L%C3%A9a", headers=FR).get_data(as_text=True)
    assert "Notre place" not in found and "Mon quartier" not in found  # the query is echoed


def test_their_sign_in_ends_at_once(app, client, world):
    from tests.conftest import login_as

    lea_client = app.test_client()
    login_as(lea_client, world.lea)
    assert lea_client.get("/account/data").status_code == 200
    erase_account(world.lea, world.edu_a)
    assert lea_client.get("/account/data").status_code == 302


def test_an_old_cookie_never_opens_a_new_account_with_the_same_id(app, client, world):
    import time
    from datetime import timedelta

    from storyhub.core.models import utcnow

    newest = factories.make_young(world.a, name="Zoé")
    newest.created_at = utcnow() - timedelta(days=1)
    db.session.commit()
    old_client = app.test_client()
    with old_client.session_transaction() as session:  # a cookie from a minute ago
        session["_user_id"] = f"{newest.id}:0:{int(time.time()) - 60}"
    assert old_client.get("/account/data").status_code == 200
    erase_account(newest, world.edu_a)
    factories.make_young(world.a, name="Other")  # SQLite gives the free id again
    assert old_client.get("/account/data").status_code == 302


def test_suspension_ends_every_sign_in_for_good(app, client, world):
    from storyhub.reports.services import decide
    from tests.conftest import login_as

    comment = Comment(
        story=world.theirs,
        author=world.edu_a,
        group_id=world.a.id,
        body="Bonjour",
        status="approved",
    )
    db.session.add(comment)
    db.session.commit()
    adult = app.test_client()
    login_as(adult, world.edu_a)
    assert adult.get("/account/data").status_code == 200
    with app.test_request_context(headers=EN):
        decide(comment, factories.make_admin(), "suspend", "Contact details")
    assert adult.get("/account/data").status_code == 302
    world.edu_a.suspended_at = None  # the account comes back after an appeal
    db.session.commit()
    assert adult.get("/account/data").status_code == 302
