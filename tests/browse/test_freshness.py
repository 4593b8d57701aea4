"""Conditional requests that cost almost nothing, and never a stale public page.

Every public surface answers If-None-Match with a 304 after one query (the stored content
version), sets no cookie for an anonymous visitor, and every event that changes what the public
may see — whichever way it is written — changes the ETag at once.
"""

import pytest
from sqlalchemy import update

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_PARENTAL, Consent
from storyhub.notifications.models import Notification
from storyhub.stories.models import Block, Story
from tests import factories
from tests.sql import count_queries
from tests.stories.helpers import editor_form

JSON_EN = {"Accept-Language": "en", "Accept": "application/json"}


def surfaces(states) -> list[str]:
    story = states.public_story
    return [
        "/",
        "/explore",
        f"/stories/{story.id}",
        f"/rounds/{story.round_id}",
        f"/exchanges/{states.public.id}",
        f"/places/{states.public.inviting_group.territory.slug}",
        "/map",
        "/map/data.json",
        "/api/v1/stories",
        f"/api/v1/stories/{story.id}",
        "/feeds/stories.atom",
        "/sitemap.xml",
    ]


@pytest.fixture
def authored(states):
    """The public story, written by a young person whose parental consent is recorded."""
    young = factories.make_young(states.public.inviting_group, name="Noor")
    states.public_story.authors.append(young)
    db.session.commit()
    db.session.commit()  # the search index follows the new author in a write of its own
    return young


def test_every_public_surface_answers_304_after_one_query(client, states):
    for url in surfaces(states):
        first = client.get(url)
        assert first.status_code == 200, url
        db.session.expire_all()
        with count_queries() as statements:
            again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304, url
        assert again.get_data() == b"", url
        assert len(statements) <= 1, (url, statements)


def test_anonymous_public_pages_set_no_cookie(app, client, states, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)  # as in production
    for url in surfaces(states):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Set-Cookie" not in response.headers, url
        assert "public" in response.headers["Cache-Control"], url


def test_signed_in_story_page_stays_private(as_user, states):
    client = as_user(factories.make_young(states.public.inviting_group))
    response = client.get(f"/stories/{states.public_story.id}", headers={"If-None-Match": "*"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-cache"


def _withdraw_consent(states, young):
    consent = db.session.scalar(
        db.select(Consent).filter_by(user_id=young.id, kind=CONSENT_PARENTAL)
    )
    consent.granted = False


def _hide_after_reports(states, _young):
    states.public_story.hidden_at = utcnow()


def _delete_story(states, _young):
    db.session.delete(states.public_story)


def _unpublish_in_bulk(states, _young):
    # A bulk statement, not an object: the listener sees it too.
    db.session.execute(
        update(Story).where(Story.id == states.public_story.id).values(status="unpublished")
    )


def _edit_text(states, _young):
    block = db.session.scalar(db.select(Block).filter_by(story_id=states.public_story.id))
    block.body_html = "<p>Corrected words.</p>"


def _rename_author(_states, young):
    young.display_name = "Nour"


def _send_back_for_changes(states, _young):
    # A published story whose status moves to another unpublished one: it was public before.
    states.public_story.status = "changes_requested"


@pytest.mark.parametrize(
    "event",
    [
        _withdraw_consent,
        _hide_after_reports,
        _delete_story,
        _unpublish_in_bulk,
        _edit_text,
        _rename_author,
        _send_back_for_changes,
    ],
)
def test_every_public_change_reaches_every_surface_at_once(client, states, authored, event):
    urls = surfaces(states)
    before = {url: client.get(url).headers["ETag"] for url in urls}
    db.session.commit()
    assert all(client.get(u, headers={"If-None-Match": before[u]}).status_code == 304 for u in urls)
    event(states, authored)
    db.session.commit()
    for url in urls:
        response = client.get(url, headers={"If-None-Match": before[url]})
        assert response.status_code in (200, 404), (event.__name__, url)
        if response.status_code == 200:
            assert response.headers["ETag"] != before[url], (event.__name__, url)


def test_a_withdrawn_story_leaves_the_pages_the_visitor_held(client, states, authored):
    url = f"/stories/{states.public_story.id}"
    etag = client.get(url).headers["ETag"]
    home = client.get("/")
    assert "Publicstory Lanterns" in home.get_data(as_text=True)
    _withdraw_consent(states, authored)
    db.session.commit()
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 404
    fresh = client.get("/", headers={"If-None-Match": home.headers["ETag"]})
    assert fresh.status_code == 200
    assert "Publicstory Lanterns" not in fresh.get_data(as_text=True)


def test_private_bookkeeping_keeps_the_etag(client, states, authored):
    etag = client.get("/explore").headers["ETag"]
    authored.last_login_at = utcnow()
    db.session.add(Notification(user_id=authored.id, kind="test", params={}))
    db.session.commit()
    assert client.get("/explore", headers={"If-None-Match": etag}).status_code == 304


def _etags_held(visitor, before: dict) -> list[str]:
    """The surfaces whose ETag changed since `before` (a 304 is the page the visitor held)."""
    return [
        u for u in before if visitor.get(u, headers={"If-None-Match": before[u]}).status_code != 304
    ]


def test_young_people_writing_drafts_keep_every_public_etag(app, states, as_user):
    """The editor saves every few seconds while a class types: none of it is public, and the
    public pages (their ETags, the page cache) must not be renewed by it."""
    young = factories.make_young(states.public.inviting_group, name="Ines")
    sent_back = states.hidden_stories["changes_requested"]
    draft = factories.make_story(
        sent_back.round, sent_back.group, authors=[young], title="Harbour", status="draft"
    )
    visitor = app.test_client()
    before = {url: visitor.get(url).headers["ETag"] for url in surfaces(states)}
    writer = as_user(young)
    for title in ("Harbour", "Harbour at dusk"):  # two autosaves: the story, its blocks, its count
        data = editor_form(title=title, blocks=(("text", f"<p>{title}.</p>"),))
        data["revision"] = str(db.session.get(Story, draft.id).revision)
        saved = writer.post(f"/stories/{draft.id}/autosave", data=data, headers=JSON_EN)
        assert saved.status_code == 200 and saved.get_json()["saved"], saved.get_json()
    new = writer.post(
        f"/rounds/{draft.round_id}/stories/autosave",
        data=editor_form(title="A new one", form_token="tok-1"),
        headers=JSON_EN,
    )
    assert new.status_code == 200 and new.get_json()["saved"]
    sent_back.blocks.append(Block(kind="text", position=9, body_html="<p>More.</p>"))
    db.session.delete(db.session.get(Story, new.get_json()["story_id"]))  # a draft given up
    db.session.commit()
    assert db.session.get(Story, draft.id).title == "Harbour at dusk"
    assert _etags_held(visitor, before) == []

    draft = db.session.get(Story, draft.id)
    draft.status, draft.published_at = "approved", utcnow()  # published: every surface moves
    db.session.commit()
    assert _etags_held(visitor, before) == list(before)


def test_a_save_counted_on_a_published_story_alone_keeps_the_etag(client, states):
    """The editor's compare-and-set on a story's save counter is not public; anything else
    sent as a statement on stories is."""
    etag = client.get("/explore").headers["ETag"]
    bump = update(Story).where(Story.id == states.public_story.id)
    db.session.execute(bump.values(revision=Story.revision + 1))
    db.session.commit()
    assert client.get("/explore", headers={"If-None-Match": etag}).status_code == 304
    db.session.execute(bump.values(title="Publicstory Lanterns, renamed"))
    db.session.commit()
    assert client.get("/explore", headers={"If-None-Match": etag}).status_code == 200
