"""The story editor: writing, saving, keeping every typed word, cleaning HTML, no 500."""

from datetime import date

import pytest

from storyhub.extensions import db
from storyhub.stories.models import Story
from tests import factories
from tests.stories.helpers import editor_form

EN = {"Accept-Language": "en"}


def _stories():
    return list(db.session.scalars(db.select(Story).order_by(Story.id)))


def _new(client, pair, **form):
    return client.post(f"/rounds/{pair.round.id}/stories/new", data=editor_form(**form), headers=EN)


def test_young_person_opens_the_editor_of_an_open_round(as_user, pair):
    page = as_user(pair.lea).get(f"/rounds/{pair.round.id}/stories/new", headers=EN)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert pair.round.question in html
    assert 'name="block-0-body"' in html and "Yanis" in html
    assert 'name="op" value="add:quote"' in html


def test_save_draft_creates_the_story_with_its_blocks(as_user, pair):
    client = as_user(pair.lea)
    blocks = (("text", "First paragraph.\n\nSecond one."), ("quote", "We live together."))
    page = _new(client, pair, blocks=blocks, author_ids=[pair.yanis.id], attribution="my aunt")
    story = _stories()[0]
    assert page.status_code == 302 and page.location.endswith(f"/stories/{story.id}/edit")
    assert story.status == "draft" and story.group_id == pair.a.id
    assert [b.kind for b in story.blocks] == ["text", "quote"]
    assert story.blocks[0].body_html == "<p>First paragraph.</p><p>Second one.</p>"
    assert (story.blocks[1].text, story.blocks[1].attribution) == ("We live together.", "my aunt")
    assert {a.display_name for a in story.authors} == {"Léa", "Yanis"}


def test_submit_from_the_editor_sends_it_for_review(as_user, pair):
    page = _new(as_user(pair.lea), pair, op="submit")
    story = _stories()[0]
    assert story.status == "submitted"
    assert page.location.endswith(f"/stories/{story.id}")


def test_submitting_an_empty_story_keeps_the_draft_and_says_why(as_user, pair):
    client = as_user(pair.lea)
    page = _new(client, pair, title="", blocks=(("text", ""),), op="submit")
    story = _stories()[0]
    assert story.status == "draft"
    follow = client.get(page.location, headers=EN)
    assert "Give your story a title" in follow.get_data(as_text=True)


def test_a_validation_error_keeps_every_typed_block(as_user, pair):
    blocks = (
        ("text", "<p>Our <strong>square</strong></p>"),
        ("quote", "Never twice the same river."),
        ("text", "x" * 10_001),
    )
    page = _new(as_user(pair.lea), pair, title="T" * 151, blocks=blocks)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert _stories() == []
    assert "at most 150 characters" in html
    assert "T" * 151 in html
    assert "&lt;p&gt;Our &lt;strong&gt;square&lt;/strong&gt;&lt;/p&gt;" in html
    assert "Never twice the same river." in html
    assert "x" * 10_001 in html
    assert "Block 3: Too long: at most 10000 characters" in html
    assert 'data-unsaved="true"' in html


def test_huge_text_is_refused_with_its_limit_not_a_500(as_user, pair):
    page = _new(as_user(pair.lea), pair, blocks=(("text", "word " * 40_000),))
    assert page.status_code == 200
    assert "at most" in page.get_data(as_text=True)


def test_the_same_new_story_form_sent_twice_makes_one_story(as_user, pair):
    client = as_user(pair.lea)
    _new(client, pair, form_token="tok-1")
    _new(client, pair, form_token="tok-1", title="Second send")
    stories = _stories()
    assert len(stories) == 1 and stories[0].title == "Second send"


def test_buttons_without_javascript_add_move_and_remove_blocks(as_user, pair):
    client = as_user(pair.lea)
    _new(client, pair, blocks=(("text", "one"), ("quote", "two")), op="add:text")
    story = _stories()[0]
    assert [b.kind for b in story.blocks] == ["text", "quote", "text"]
    url = f"/stories/{story.id}/edit"
    client.post(url, data=editor_form(blocks=(("text", "one"), ("quote", "two")), op="up:1"))
    db.session.refresh(story)
    assert [b.kind for b in story.blocks] == ["quote", "text"]
    client.post(url, data=editor_form(blocks=(("quote", "two"), ("text", "one")), op="remove:0"))
    db.session.refresh(story)
    assert [b.kind for b in story.blocks] == ["text"]


def test_a_young_person_cannot_edit_a_submitted_story(as_user, pair):
    story = factories.make_story(pair.round, pair.a, [pair.lea], status="submitted", title="Sent")
    client = as_user(pair.lea)
    assert client.get(f"/stories/{story.id}/edit").status_code == 403
    client.post(f"/stories/{story.id}/edit", data=editor_form(title="Changed"))
    db.session.refresh(story)
    assert story.title == "Sent"


def test_after_changes_requested_the_young_person_edits_again(as_user, pair):
    story = factories.make_story(pair.round, pair.a, [pair.lea], status="changes_requested")
    client = as_user(pair.lea)
    assert client.get(f"/stories/{story.id}/edit").status_code == 200
    client.post(f"/stories/{story.id}/edit", data=editor_form(title="Revised", op="submit"))
    db.session.refresh(story)
    assert (story.title, story.status) == ("Revised", "submitted")


def test_educator_corrects_a_submitted_story_and_it_is_logged(as_user, pair):
    story = factories.make_story(pair.round, pair.a, [pair.lea], status="submitted", title="Sqare")
    page = as_user(pair.edu_a).post(
        f"/stories/{story.id}/edit", data=editor_form(title="Square", note="typo")
    )
    assert page.location.endswith(f"/moderation/stories/{story.id}")
    db.session.refresh(story)
    assert story.title == "Square" and story.status == "submitted"


def test_the_twin_educator_cannot_open_the_editor(as_user, pair):
    story = factories.make_story(pair.round, pair.a, [pair.lea], status="draft")
    assert as_user(pair.edu_b).get(f"/stories/{story.id}/edit").status_code == 404


def test_a_stranger_cannot_write_in_the_round(as_user, pair):
    stranger = factories.make_young(factories.make_group(factories.make_educator()))
    assert as_user(stranger).get(f"/rounds/{pair.round.id}/stories/new").status_code == 404


def test_a_member_of_the_exchange_is_turned_away_from_a_closed_round(as_user, pair):
    closed = factories.make_round(
        pair.exchange, opens_on=date(2025, 1, 1), closes_on=date(2025, 2, 1)
    )
    client = as_user(pair.lea)
    page = client.post(f"/rounds/{closed.id}/stories/new", data=editor_form(), headers=EN)
    assert page.status_code == 302 and _stories() == []


def test_the_public_is_sent_to_sign_in(client, pair):
    page = client.get(f"/rounds/{pair.round.id}/stories/new")
    assert page.status_code == 302 and "/login" in page.location


# Sanitizing --------------------------------------------------------------------------------


def test_text_is_sanitized_on_the_way_in(as_user, pair):
    dirty = (
        '<p onclick="steal()">Hi <script>alert(1)</script><a href="javascript:alert(2)">x</a> '
        '<a href="https://example.org" style="color:red">site</a></p><img src=x onerror=alert(3)>'
    )
    _new(as_user(pair.lea), pair, blocks=(("text", dirty),))
    html = _stories()[0].blocks[0].body_html
    assert "<script" not in html and "onclick" not in html and "onerror" not in html
    assert "javascript:" not in html and "style=" not in html and "<img" not in html
    assert 'href="https://example.org"' in html
    assert 'rel="nofollow ugc noopener"' in html


def test_allowed_formatting_survives(as_user, pair):
    rich = (
        "<h2>Title</h2><h3>Sub</h3><p><strong>b</strong> <em>i</em></p>"
        "<ul><li>one</li></ul><ol><li>two</li></ol><blockquote>q</blockquote>"
    )
    _new(as_user(pair.lea), pair, blocks=(("text", rich),))
    assert _stories()[0].blocks[0].body_html == rich


def test_quote_blocks_keep_plain_text_only(as_user, pair):
    _new(as_user(pair.lea), pair, blocks=(("quote", "<b>Loud</b> words"),), attribution="<i>me</i>")
    block = _stories()[0].blocks[0]
    assert (block.text, block.attribution) == ("Loud words", "me")


# Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"op": "up:99999"},
        {"op": "add:panorama-bomb"},
        {"op": "remove:-1"},
        {"block-0-kind": "image", "block-0-id": "abc"},
        {"block-0-kind": "text", "block-0-id": "99999999999999999999", "block-0-body": "x"},
        {"block-99999-kind": "quote", "block-99999-text": "far"},
        {"language": "xx"},
        {"language": "fr", "author_ids": "abc"},
        {"language": "fr", "author_ids": "999999"},
        {"language": "fr", "theme_ids": "-4"},
        {"language": "fr", "in_reply_to_id": "abc"},
        {"language": "fr", "in_reply_to_id": "424242"},
    ],
)
def test_garbage_input_never_makes_a_500(as_user, pair, data):
    page = as_user(pair.lea).post(f"/rounds/{pair.round.id}/stories/new", data=data)
    assert page.status_code in (200, 302)


def test_too_many_blocks_are_refused(as_user, pair):
    blocks = tuple(("text", f"part {n}") for n in range(41))
    page = _new(as_user(pair.lea), pair, blocks=blocks)
    assert "at most 40 blocks" in page.get_data(as_text=True)
    assert _stories() == []
