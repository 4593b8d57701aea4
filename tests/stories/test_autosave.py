"""The editor's autosave (JSON) and the compare-and-set that keeps two tabs or two co-authors
from overwriting each other: allowed for the story's authors on a draft or a story sent back;
refused for the twin side, another young person, an educator, a visitor, a story sent."""

import pytest

from storyhub.extensions import db
from storyhub.stories import services
from storyhub.stories.errors import EditConflict
from storyhub.stories.models import Story
from tests import factories
from tests.stories.helpers import editor_form, text_input

EN = {"Accept-Language": "en", "Accept": "application/json"}
FR = {"Accept-Language": "fr", "Accept": "application/json"}


@pytest.fixture
def draft(pair):
    """Léa's draft, with Yanis as co-author."""
    return factories.make_story(pair.round, pair.a, authors=[pair.lea, pair.yanis], title="Dusk")


def _autosave(client, story, headers=EN, revision=None, **form):
    data = editor_form(**form)
    data["revision"] = str(story.revision if revision is None else revision)
    return client.post(f"/stories/{story.id}/autosave", data=data, headers=headers)


def _reload(story) -> Story:
    db.session.expire_all()
    return db.session.get(Story, story.id)


def test_an_author_autosaves_title_and_blocks_without_changing_the_status(as_user, pair, draft):
    answer = _autosave(as_user(pair.lea), draft, title="Harbour", blocks=(("text", "Boats."),))
    assert answer.status_code == 200
    body = answer.get_json()
    story = _reload(draft)
    assert (story.title, story.status) == ("Harbour", "draft")
    assert story.blocks[0].body_html == "<p>Boats.</p>"
    assert body["saved"] is True and body["revision"] == story.revision == 1
    assert body["block_ids"] == [story.blocks[0].id]
    assert body["saved_at"].endswith("Z")


def test_a_co_author_autosaves_a_story_sent_back_for_changes(as_user, pair, draft):
    draft.status = "changes_requested"
    db.session.commit()
    answer = _autosave(as_user(pair.yanis), draft, title="Fixed")
    assert answer.status_code == 200
    story = _reload(draft)
    assert (story.title, story.status) == ("Fixed", "changes_requested")


@pytest.mark.parametrize(
    ("who", "status"),
    [("amina", 404), ("other_young", 404), ("edu_a", 403), ("edu_b", 404)],
)
def test_only_the_authors_autosave(as_user, pair, draft, who, status):
    person = factories.make_young(pair.a, name="Other") if who == "other_young" else None
    answer = _autosave(as_user(person or getattr(pair, who)), draft, title="Taken over")
    assert answer.status_code == status
    assert answer.get_json()["saved"] is False
    assert _reload(draft).title == "Dusk"


def test_a_visitor_is_told_to_sign_in_again(client, draft):
    answer = _autosave(client, draft, title="Anonymous")
    assert answer.status_code == 401
    assert "Sign in again" in answer.get_json()["message"]
    assert _reload(draft).title == "Dusk"


@pytest.mark.parametrize("status", ["submitted", "approved", "rejected", "unpublished"])
def test_a_story_sent_or_decided_is_not_autosaved(as_user, pair, draft, status):
    draft.status = status
    db.session.commit()
    answer = _autosave(as_user(pair.lea), draft, headers=FR, title="Late change")
    assert answer.status_code == 409
    assert answer.get_json()["error"] == "not_editable"
    assert "n’est plus un brouillon" in answer.get_json()["message"]
    story = _reload(draft)
    assert (story.title, story.status) == ("Dusk", status)


def test_autosave_cleans_html_and_keeps_the_limits(as_user, pair, draft):
    client = as_user(pair.lea)
    body = '<p onclick="x()">Hi<script>alert(1)</script></p>'
    assert _autosave(client, draft, blocks=(("text", body),)).status_code == 200
    saved = _reload(draft).blocks[0].body_html
    assert "script" not in saved and "onclick" not in saved and "Hi" in saved
    too_long = _autosave(client, _reload(draft), headers=FR, title="x" * 300)
    assert too_long.status_code == 400
    assert "Trop long" in too_long.get_json()["message"]  # in the person's language
    assert _reload(draft).title == "Our square"


def test_a_save_from_an_older_revision_is_refused_with_the_other_text(as_user, pair, draft):
    client = as_user(pair.lea)
    first = _autosave(client, draft, revision=0, title="Tab one", blocks=(("text", "One."),))
    assert first.status_code == 200
    second = _autosave(client, draft, revision=0, title="Tab two", blocks=(("text", "Two."),))
    assert second.status_code == 409
    answer = second.get_json()
    assert answer["error"] == "conflict" and answer["revision"] == 1
    assert answer["theirs"]["title"] == "Tab one"
    assert answer["theirs"]["blocks"][0]["text"] == "One."
    assert _reload(draft).title == "Tab one"
    keep_mine = _autosave(client, _reload(draft), revision=1, title="Tab two")
    assert keep_mine.status_code == 200 and _reload(draft).title == "Tab two"


def test_in_french_a_conflict_is_explained_in_french(as_user, pair, draft):
    client = as_user(pair.lea)
    _autosave(client, draft, revision=0, title="Un")
    answer = _autosave(client, draft, headers=FR, revision=0, title="Deux")
    assert answer.status_code == 409
    assert "Comparez" in answer.get_json()["message"]


def test_compare_and_set_refuses_the_second_save_from_the_same_revision(pair, draft, english):
    both = [pair.lea.id, pair.yanis.id]
    services.save_story(draft, pair.lea, text_input(title="First", author_ids=both), revision=0)
    assert _reload(draft).revision == 1
    second = text_input(title="Second", author_ids=both)
    with pytest.raises(EditConflict):
        services.save_story(_reload(draft), pair.yanis, second, revision=0)
    story = _reload(draft)
    assert (story.title, story.revision) == ("First", 1)
    services.save_story(story, pair.yanis, second, revision=1)
    assert (_reload(draft).title, _reload(draft).revision) == ("Second", 2)


def test_the_editor_form_refuses_an_older_revision_and_shows_both_texts(as_user, pair, draft):
    client = as_user(pair.lea)
    _autosave(client, draft, revision=0, title="Saved by Yanis", blocks=(("text", "His words."),))
    data = editor_form(title="Mine", blocks=(("text", "My words."),)) | {"revision": "0"}
    page = client.post(f"/stories/{draft.id}/edit", data=data, headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Someone else saved this story" in html and "His words." in html
    assert 'name="revision" type="hidden" value="1"' in html  # sending again keeps mine
    assert "My words." in html
    assert _reload(draft).title == "Saved by Yanis"
    take_theirs = f'href="/stories/{draft.id}/edit?discard=1"'
    assert take_theirs in html  # opens the saved text, forgetting this browser's copy
    assert "data-draft-discard" in client.get(f"/stories/{draft.id}/edit?discard=1").get_data(
        as_text=True
    )
    keep_mine = client.post(f"/stories/{draft.id}/edit", data=data | {"revision": "1"})
    assert keep_mine.status_code == 302 and _reload(draft).title == "Mine"


def test_a_new_story_is_started_once_by_its_autosaves(as_user, pair):
    client = as_user(pair.lea)
    data = editor_form(title="New", form_token="tok-1")
    url = f"/rounds/{pair.round.id}/stories/autosave"
    first = client.post(url, data=data, headers=EN)
    assert first.status_code == 200
    story_id = first.get_json()["story_id"]
    again = client.post(url, data=data | {"title": "Newer", "revision": "1"}, headers=EN)
    assert again.get_json()["story_id"] == story_id
    stories = list(db.session.scalars(db.select(Story)))
    assert [(s.id, s.title, s.status) for s in stories] == [(story_id, "Newer", "draft")]


def test_the_twin_side_cannot_start_a_story_by_autosave_for_the_other_group(as_user, pair):
    url = f"/rounds/{pair.round.id}/stories/autosave"
    answer = as_user(pair.amina).post(url, data=editor_form(form_token="t"), headers=EN)
    assert answer.status_code == 200
    assert db.session.scalar(db.select(Story)).group_id == pair.b.id  # her own side only


def test_an_expired_form_gets_a_json_answer(app, as_user, pair, draft, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    answer = _autosave(as_user(pair.lea), draft, title="No token")
    assert answer.status_code == 400
    assert answer.get_json()["error"] == "expired"
    assert _reload(draft).title == "Dusk"


def test_the_editor_autosaves_only_for_the_authors(as_user, pair, draft):
    url = f"/stories/{draft.id}/edit"
    mine = as_user(pair.lea).get(url, headers=EN).get_data(as_text=True)
    assert f'data-autosave-url="/stories/{draft.id}/autosave"' in mine
    assert 'name="revision" type="hidden" value="0"' in mine
    educator = as_user(pair.edu_a).get(url, headers=EN).get_data(as_text=True)
    assert "data-autosave-url" not in educator  # an educator's change is a deliberate save


def test_the_offline_worker_is_served_from_the_root_and_always_checked(client):
    answer = client.get("/editor-worker.js")
    assert answer.status_code == 200
    assert answer.mimetype == "text/javascript"
    assert answer.headers["Cache-Control"] == "no-cache"
    assert b"storyhub-editor-pages" in answer.data
    policy = answer.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy  # same-origin only


def test_signing_out_clears_this_browsers_copies(as_user, young):
    answer = as_user(young).post("/logout")
    assert answer.status_code == 302
    assert answer.headers["Clear-Site-Data"] == '"cache", "storage"'


def test_two_saves_at_the_same_moment_one_wins_the_other_is_told(app, pair, draft):
    """Two requests started from the same revision, really at once (two connections): the
    database row is the referee, so exactly one is saved and the other gets EditConflict."""
    import threading

    authors = [pair.lea.id, pair.yanis.id]
    people = {"lea": pair.lea.id, "yanis": pair.yanis.id}
    story_id, start, results = draft.id, threading.Barrier(2), {}

    def save(who):
        with app.test_request_context(headers={"Accept-Language": "en"}):
            story = db.session.get(Story, story_id)
            actor = db.session.get(type(pair.lea), people[who])
            data = text_input(title=f"By {who}", author_ids=authors)
            start.wait(timeout=30)
            try:
                services.save_story(story, actor, data, revision=0)
                results[who] = "saved"
            except EditConflict:
                results[who] = "conflict"
            finally:
                db.session.remove()

    threads = [threading.Thread(target=save, args=(who,)) for who in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results.values()) == ["conflict", "saved"]
    winner = next(who for who, result in results.items() if result == "saved")
    story = _reload(draft)
    assert (story.title, story.revision) == (f"By {winner}", 1)
