"""Media blocks in the editor: add (upload, then save), describe, tag, reorder, remove; files
sent with a plain form post; a file of another story or group refused."""

import io

import pytest

from storyhub.extensions import db
from storyhub.media import services as media_services
from storyhub.media.models import MediaItem
from storyhub.moderation.models import ModerationEntry
from storyhub.stories.models import Story
from tests import factories
from tests.media import samples
from tests.media.conftest import upload

EN = {"Accept-Language": "en"}


def _story(pair, status="draft"):
    return factories.make_story(pair.round, pair.a, authors=[pair.lea], status=status)


def _form(blocks, title="Our square", op="save", **extra):
    """The editor's POST body; blocks: (kind, {field: value}) pairs."""
    data = {"title": title, "language": "fr", "op": op}
    for index, (kind, fields) in enumerate(blocks):
        data[f"block-{index}-kind"] = kind
        for name, value in fields.items():
            data[f"block-{index}-{name}"] = value
    data.update(extra)
    return data


def _edit(client, story, blocks, **extra):
    return client.post(
        f"/stories/{story.id}/edit", data=_form(blocks, **extra), headers=EN,
        content_type="multipart/form-data",
    )  # fmt: skip


def _photo(pair, story=None, **words):
    return upload(pair.lea, pair.a, story=story, **words)


def test_editor_offers_every_media_kind(as_user, pair):
    html = as_user(pair.lea).get(f"/stories/{_story(pair).id}/edit", headers=EN).get_data(True)
    for kind in ("image", "audio", "video", "panorama"):
        assert f'value="add:{kind}"' in html
        assert f'id="block-template-{kind}"' in html
    assert 'enctype="multipart/form-data"' in html


def test_uploaded_photo_becomes_a_block_with_its_words_and_people(as_user, pair):
    story = _story(pair)
    media = _photo(pair, story=story)
    fields = {"media_id": media.id, "alt_text": "The square at dusk", "caption": "Our square",
              "people": str(pair.yanis.id)}  # fmt: skip
    page = _edit(as_user(pair.lea), story, [("text", {"body": "Hello"}), ("image", fields)])
    assert page.status_code == 302
    db.session.expire_all()
    assert [b.kind for b in story.blocks] == ["text", "image"]
    assert story.blocks[1].media_id == media.id
    media = db.session.get(MediaItem, media.id)
    assert (media.alt_text, media.caption, media.story_id) == (
        "The square at dusk",
        "Our square",
        story.id,
    )
    assert [p.display_name for p in media.people] == ["Yanis"]
    # who appears is logged, like the educator's "no one can be recognised"
    entry = db.session.scalars(
        db.select(ModerationEntry).filter_by(target_type="media", target_id=media.id)
    ).one()
    assert (entry.action, entry.reason, entry.actor_id) == ("people_tagged", "Yanis", pair.lea.id)
    _edit(as_user(pair.lea), story, [("text", {"body": "Hello"}), ("image", fields)])
    assert db.session.scalar(  # saved again with the same ticks: nothing new to log
        db.select(db.func.count(ModerationEntry.id)).filter_by(target_type="media")
    ) == 1


def test_a_new_story_takes_a_photo_uploaded_before_it_was_saved(as_user, pair):
    media = _photo(pair)  # uploaded without a story: the group's, the uploader's only
    client = as_user(pair.lea)
    page = client.post(
        f"/rounds/{pair.round.id}/stories/new",
        data=_form([("image", {"media_id": media.id, "alt_text": "A bench"})]), headers=EN,
    )  # fmt: skip
    assert page.status_code == 302
    story = db.session.scalar(db.select(Story))
    assert story.blocks[0].media.id == media.id and media.story_id == story.id


def test_reorder_and_remove_media_blocks(as_user, pair):
    story = _story(pair)
    first, second = _photo(pair, story=story), _photo(pair, story=story)
    client = as_user(pair.lea)
    blocks = [("image", {"media_id": first.id}), ("image", {"media_id": second.id})]
    _edit(client, story, blocks)
    db.session.expire_all()
    assert [b.media_id for b in story.blocks] == [first.id, second.id]
    ids = [b.id for b in story.blocks]
    moved = [
        ("image", {"media_id": second.id, "id": ids[1]}),
        ("image", {"media_id": first.id, "id": ids[0]}),
    ]
    _edit(client, story, moved)
    db.session.expire_all()
    assert [b.media_id for b in story.blocks] == [second.id, first.id]
    _edit(client, story, [("image", {"media_id": second.id, "id": ids[1]})])
    db.session.expire_all()
    assert [b.media_id for b in story.blocks] == [second.id]
    assert db.session.get(MediaItem, first.id) is None  # removed with its block, files too


def test_without_javascript_the_move_buttons_work_on_media_blocks(as_user, pair):
    story = _story(pair)
    media = _photo(pair, story=story)
    blocks = [("text", {"body": "Hello"}), ("image", {"media_id": media.id})]
    page = _edit(as_user(pair.lea), story, blocks, op="up:1")
    assert page.status_code == 302 and page.location.endswith("#block-0")
    db.session.expire_all()
    assert [b.kind for b in story.blocks] == ["image", "text"]


def test_a_plain_form_post_sends_the_file_with_the_story(as_user, pair):
    story = _story(pair)
    fields = {"file": (io.BytesIO(samples.jpeg()), "IMG_0001.JPG"), "alt_text": "Our street"}
    page = _edit(as_user(pair.lea), story, [("image", fields)])
    assert page.status_code == 302
    db.session.expire_all()
    media = story.blocks[0].media
    assert media.is_ready and media.story_id == story.id and media.alt_text == "Our street"


def test_a_refused_file_keeps_what_was_typed_and_states_the_limit(as_user, pair):
    story = _story(pair)
    fields = {"file": (io.BytesIO(b"<html><script>alert(1)</script>"), "photo.jpg"),
              "alt_text": "Our street", "caption": "At noon"}  # fmt: skip
    page = _edit(as_user(pair.lea), story, [("text", {"body": "Kept words"}), ("image", fields)])
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Block 2:" in html and 'aria-invalid="true"' in html
    assert "Our street" in html and "At noon" in html and "Kept words" in html
    assert db.session.scalar(db.select(db.func.count(MediaItem.id))) == 0


def test_too_large_a_file_in_the_editor_says_the_limit(as_user, pair, app, monkeypatch):
    monkeypatch.setitem(app.config, "MEDIA_MAX_IMAGE_BYTES", 1000)
    story = _story(pair)
    fields = {"file": (io.BytesIO(samples.jpeg()), "big.jpg")}
    html = _edit(as_user(pair.lea), story, [("image", fields)]).get_data(as_text=True)
    assert "Block 1:" in html and "MB" in html


@pytest.mark.parametrize("whose", ["other_story", "other_group", "wrong_kind"])
def test_a_file_that_is_not_this_storys_cannot_be_shown_in_it(as_user, pair, whose):
    story = _story(pair)
    if whose == "other_story":
        media = _photo(pair, story=_story(pair))
    elif whose == "other_group":
        media = upload(pair.amina, pair.b)
    else:
        media = _photo(pair, story=story)
    kind = "audio" if whose == "wrong_kind" else "image"
    page = _edit(as_user(pair.lea), story, [(kind, {"media_id": media.id})])
    assert "cannot be used in this story" in page.get_data(as_text=True)
    db.session.expire_all()
    assert all(b.media_id != media.id for b in story.blocks)


def test_an_unattached_upload_of_someone_else_cannot_be_taken(as_user, pair):
    media = _photo(pair)  # Léa's, not yet in any story: private to her
    story = factories.make_story(pair.round, pair.a, authors=[pair.yanis])
    html = _edit(as_user(pair.yanis), story, [("image", {"media_id": media.id})]).get_data(True)
    assert "cannot be used in this story" in html
    assert db.session.get(MediaItem, media.id).story_id is None


def test_only_members_of_the_group_can_be_tagged(as_user, pair):
    story = _story(pair)
    media = _photo(pair, story=story)
    fields = {"media_id": media.id, "people": str(pair.amina.id)}
    html = _edit(as_user(pair.lea), story, [("image", fields)]).get_data(as_text=True)
    assert "Only young people of this group can be tagged." in html
    assert media_services.missing_image_consent(media) == []


def test_editor_shows_the_saved_file_and_what_it_still_needs(as_user, pair):
    story = _story(pair)
    media = _photo(pair, story=story)
    story.blocks[0].media = media
    story.blocks[0].kind = "image"
    db.session.commit()
    html = as_user(pair.lea).get(f"/stories/{story.id}/edit", headers=EN).get_data(as_text=True)
    assert f'value="{media.id}"' in html and f"/media/{media.id}/" in html
    assert "needed to send" in html


@pytest.fixture
def limited_client(database_url, tmp_path):
    """A client of a fresh app with rate limits on (the limiter is shared: put back after)."""
    from storyhub import create_app
    from storyhub.extensions import limiter

    fresh = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "RATELIMIT_ENABLED": True,
            "MEDIA_ROOT": str(tmp_path / "media"),
            "MEDIA_UPLOAD_RATE_LIMIT": "2 per hour",
        },
    )
    yield fresh.test_client()
    limiter.reset()
    limiter.enabled = False
    with fresh.app_context():
        db.engine.dispose()


def test_files_sent_with_the_editor_count_like_uploads(limited_client, pair):
    from tests.conftest import login_as

    story = _story(pair)
    client = login_as(limited_client, pair.lea)

    def send():
        fields = {"file": (io.BytesIO(samples.jpeg((100, 100))), "p.jpg")}
        return _edit(client, story, [("image", fields)]).status_code

    assert [send(), send(), send()] == [302, 302, 429]
    text_only = _edit(client, story, [("text", {"body": "Still writing"})])
    assert text_only.status_code == 302  # writing is never limited by the uploads


def test_no_file_is_taken_from_a_forged_form(app, as_user, pair, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    story = _story(pair)
    fields = {"file": (io.BytesIO(samples.jpeg()), "p.jpg")}
    page = _edit(as_user(pair.lea), story, [("image", fields)])
    assert page.status_code in (200, 400)
    assert db.session.scalar(db.select(db.func.count(MediaItem.id))) == 0
