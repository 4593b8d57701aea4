"""A story sent again after the educator asked for changes: the review page shows what changed
since the version they read, words added in <ins> and removed in <del>, each named in words."""

import pytest

from storyhub.extensions import db
from storyhub.stories import services
from storyhub.stories.models import StoryVersion
from storyhub.stories.versions import compare, content_of, word_diff
from tests.stories.helpers import editor_form, text_input

EN = {"Accept-Language": "en"}


def test_word_diff_marks_added_and_removed_words_with_labels(english):
    marked = word_diff("The boats come back at night", "The red boats come back at dawn")
    assert str(marked) == (
        'The <ins><span class="visually-hidden">added: </span>red</ins> boats come back at '
        '<del><span class="visually-hidden">removed: </span>night</del> '
        '<ins><span class="visually-hidden">added: </span>dawn</ins>'
    )


def test_word_diff_escapes_the_words(english):
    marked = str(word_diff("a <b>", "a <script>x</script>"))
    assert "<script>" not in marked and "&lt;script&gt;" in marked


def test_blocks_are_matched_by_identity_added_removed_changed(english):
    old = {"title": "Port", "blocks": [
        {"id": 1, "kind": "text", "text": "One", "media_id": None, "media_words": ""},
        {"id": 2, "kind": "text", "text": "Two", "media_id": None, "media_words": ""},
        {"id": 3, "kind": "image", "text": "", "media_id": 9, "media_words": "The quay"},
    ]}  # fmt: skip
    new = {"title": "Port", "blocks": [
        {"id": 1, "kind": "text", "text": "One", "media_id": None, "media_words": ""},
        {"id": 3, "kind": "image", "text": "", "media_id": 9, "media_words": "The old quay"},
        {"id": 4, "kind": "quote", "text": "Hello", "media_id": None, "media_words": ""},
    ]}  # fmt: skip
    diff = compare(old, new)
    assert diff.title is None and diff.changed
    assert [(b.state, b.number) for b in diff.blocks] == [
        ("same", 1), ("removed", None), ("changed", 2), ("added", 3),
    ]  # fmt: skip
    assert "<del>" in str(diff.blocks[1].words) and "Two" in str(diff.blocks[1].words)
    assert "old" in str(diff.blocks[2].words) and "<ins>" in str(diff.blocks[3].words)


def _sent_back_and_resent(pair, new_body):
    """Léa sends a story, the educator asks for changes, Léa changes it and sends it again."""
    story = services.start_story(
        pair.round, pair.lea, text_input("Our harbour", "<p>The boats come back at night.</p>"),
        submit=True,
    )  # fmt: skip
    services.request_changes(story, pair.edu_a, "Tell us more about the boats.")
    blocks = [(b.kind, b.body_html) for b in story.blocks]
    data = text_input("Our harbour", new_body)
    data.blocks[0].id = story.blocks[0].id
    services.save_story(story, pair.lea, data, submit=True)
    assert blocks  # the first version had its block
    return story


def test_each_sending_keeps_a_version(pair, english):
    story = _sent_back_and_resent(pair, "<p>The red boats come back at dawn.</p>")
    versions = db.session.scalars(
        db.select(StoryVersion).filter_by(story_id=story.id).order_by(StoryVersion.number)
    ).all()
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].content["blocks"][0]["text"] == "The boats come back at night."
    assert versions[1].content == content_of(story)


def test_review_of_a_resent_story_shows_the_changes(as_user, pair, english):
    story = _sent_back_and_resent(pair, "<p>The red boats come back at dawn.</p><p>Gulls.</p>")
    html = as_user(pair.edu_a).get(f"/moderation/stories/{story.id}", headers=EN).text
    section = html[html.index('class="review-diff') :]
    assert "What changed since you last read it" in section
    assert "Compared with version 1" in section
    assert '<span class="visually-hidden">added: </span>red</ins>' in section
    assert '<span class="visually-hidden">removed: </span>night.</del>' in section
    assert "Part 1 · Text" in section and "changed" in section
    assert "underlined: added" in section and "struck through: removed" in section


def test_a_story_sent_once_shows_no_comparison(as_user, pair, english):
    story = services.start_story(pair.round, pair.lea, text_input(), submit=True)
    html = as_user(pair.edu_a).get(f"/moderation/stories/{story.id}", headers=EN).text
    assert db.session.scalar(db.select(db.func.count(StoryVersion.id))) == 1
    assert "review-diff" not in html


def test_in_french_the_comparison_is_french(as_user, pair, english):
    story = _sent_back_and_resent(pair, "<p>The red boats come back at dawn.</p>")
    html = (
        as_user(pair.edu_a)
        .get(f"/moderation/stories/{story.id}", headers={"Accept-Language": "fr"})
        .text
    )
    assert "Ce qui a changé depuis votre dernière lecture" in html
    assert '<span class="visually-hidden">ajouté : </span>red</ins>' in html


@pytest.mark.parametrize("who", ["edu_b", "lea"])
def test_the_comparison_is_only_for_the_group_educators(as_user, pair, english, who):
    story = _sent_back_and_resent(pair, "<p>The red boats come back at dawn.</p>")
    page = as_user(getattr(pair, who)).get(f"/moderation/stories/{story.id}", headers=EN)
    assert page.status_code in (403, 404)
    assert "The red boats" not in page.text


def test_the_editor_form_post_also_records_a_version(as_user, pair, english):
    client = as_user(pair.lea)
    page = client.post(f"/rounds/{pair.round.id}/stories/new", data=editor_form(op="submit"))
    assert page.status_code == 302
    assert db.session.scalar(db.select(db.func.count(StoryVersion.id))) == 1
