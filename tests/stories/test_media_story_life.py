"""A story with media through its life: sent only when every file is ready and described
(the refusal points at the block), approved only with the image consent of who appears."""

import io

import pytest

from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_IMAGE
from storyhub.groups.services import record_consent
from storyhub.media import services as media_services
from storyhub.media.appearance import record_appearance
from storyhub.media.models import STATUS_FAILED, STATUS_PROCESSING, MediaItem
from storyhub.moderation.models import ModerationEntry
from storyhub.stories import services
from storyhub.stories.blocks import BlockProblem
from storyhub.stories.media_blocks import AppearanceMissing, ImageConsentMissing
from storyhub.stories.models import Block
from tests import factories
from tests.media import samples
from tests.media.conftest import upload

EN = {"Accept-Language": "en"}
VTT = "WEBVTT\n\n00:00.000 --> 00:01.000\nHello from the square\n"


def story_with(pair, *media_list, status="draft", authors=None):
    """A story of group A: a text block, then one block per media item."""
    story = factories.make_story(pair.round, pair.a, authors=authors or [pair.lea], status=status)
    for media in media_list:
        story.blocks.append(Block(kind=media.kind, position=len(story.blocks), media=media))
        media.story = story
    db.session.commit()
    return story


def sound(pair, tmp_path, **words):
    data = samples.audio(tmp_path / "a.ogg", "ogg", "libopus").read_bytes()
    return upload(pair.lea, pair.a, kind="audio", data=data, **words)


def clip(pair, tmp_path, **words):
    data = samples.video(tmp_path / "c.mp4").read_bytes()
    return upload(pair.lea, pair.a, kind="video", data=data, **words)


def photo(pair, kind="image", **words):
    data = samples.panorama((2048, 1024)) if kind == "panorama" else None
    return upload(pair.lea, pair.a, kind=kind, data=data, **words)


# Sending ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "missing"),
    [
        (lambda p, t: photo(p), "Describe this picture"),
        (lambda p, t: photo(p, kind="panorama"), "Describe this picture"),
        (lambda p, t: sound(p, t), "Add a transcript of this sound."),
        (lambda p, t: clip(p, t), r"Add captions \(WebVTT\) or a transcript"),
    ],
    ids=["image", "panorama", "audio", "video"],
)
def test_a_media_block_without_its_words_cannot_be_sent(pair, english, tmp_path, make, missing):
    story = story_with(pair, make(pair, tmp_path))
    with pytest.raises(BlockProblem, match=missing) as refused:
        services.submit_story(story, pair.lea)
    assert refused.value.index == 1 and "Block 2" in refused.value.message
    assert story.status == "draft"


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p, t: photo(p), {"alt_text": "The square at dusk"}),
        (lambda p, t: photo(p, kind="panorama"), {"alt_text": "The schoolyard all around"}),
        (lambda p, t: sound(p, t), {"transcript": "Listen to the fountain."}),
        (lambda p, t: clip(p, t), {"transcript": "We walk to school."}),
    ],
    ids=["image", "panorama", "audio", "video"],
)
def test_the_same_story_is_sent_once_the_words_are_there(pair, english, tmp_path, make, words):
    media = make(pair, tmp_path)
    story = story_with(pair, media)
    media_services.describe_media(media, **words)
    services.submit_story(story, pair.lea)
    assert story.status == "submitted"


def test_video_captions_instead_of_a_transcript_are_enough(pair, english, tmp_path):
    media = clip(pair, tmp_path)
    story = story_with(pair, media)
    media_services.set_captions(media, VTT)
    assert services.submit_story(story, pair.lea).status == "submitted"


@pytest.mark.parametrize("status", [STATUS_PROCESSING, STATUS_FAILED])
def test_a_file_still_processing_or_refused_cannot_be_sent(pair, english, status):
    media = photo(pair, alt_text="A bench")
    media.status = status
    story = story_with(pair, media)
    expected = "still being prepared" if status == STATUS_PROCESSING else "could not be used"
    with pytest.raises(BlockProblem, match=expected):
        services.submit_story(story, pair.lea)


def test_editor_submit_points_at_the_block_and_keeps_the_draft(as_user, pair):
    story = story_with(pair, photo(pair))
    client = as_user(pair.lea)
    data = {"title": story.title, "language": "fr", "op": "submit",
            "block-0-kind": "text", "block-0-body": "Hello", "block-0-id": story.blocks[0].id,
            "block-1-kind": "image", "block-1-media_id": story.blocks[1].media_id,
            "block-1-id": story.blocks[1].id, "block-1-caption": "Our square"}  # fmt: skip
    page = client.post(f"/stories/{story.id}/edit", data=data, headers=EN)
    assert page.status_code == 302
    assert page.location.endswith(f"/stories/{story.id}/edit?check=1#block-1")
    html = client.get(page.location, headers=EN).get_data(as_text=True)
    assert 'href="#block-1-alt_text"' in html
    assert "Block 2: Describe this picture" in html and 'aria-invalid="true"' in html
    db.session.expire_all()
    assert story.status == "draft" and story.blocks[1].media.caption == "Our square"


def test_editor_submit_works_once_the_alt_text_is_typed(as_user, pair):
    story = story_with(pair, photo(pair))
    data = {"title": story.title, "language": "fr", "op": "submit",
            "block-0-kind": "image", "block-0-media_id": story.blocks[1].media_id,
            "block-0-alt_text": "The square at dusk"}  # fmt: skip
    page = as_user(pair.lea).post(f"/stories/{story.id}/edit", data=data, headers=EN)
    assert page.location.endswith(f"/stories/{story.id}")
    db.session.expire_all()
    assert story.status == "submitted" and story.blocks[0].kind == "image"


def test_submit_from_the_story_page_sends_the_author_to_the_block(as_user, pair):
    story = story_with(pair, sound_less_photo := photo(pair))
    page = as_user(pair.lea).post(f"/stories/{story.id}/submit", headers=EN)
    assert page.location.endswith(f"/stories/{story.id}/edit?check=1#block-1")
    assert sound_less_photo.story_id == story.id


def test_video_captions_are_sent_with_the_editor_form(as_user, pair, tmp_path):
    media = clip(pair, tmp_path)
    story = story_with(pair, media)
    data = {"title": story.title, "language": "fr", "op": "submit",
            "block-0-kind": "video", "block-0-media_id": media.id,
            "block-0-captions": (io.BytesIO(VTT.encode()), "words.vtt")}  # fmt: skip
    page = as_user(pair.lea).post(
        f"/stories/{story.id}/edit", data=data, headers=EN, content_type="multipart/form-data"
    )
    assert page.location.endswith(f"/stories/{story.id}")
    assert db.session.get(MediaItem, media.id).captions_vtt == VTT


def test_a_captions_file_that_is_not_webvtt_keeps_the_words(as_user, pair, tmp_path):
    media = clip(pair, tmp_path)
    story = story_with(pair, media)
    data = {"title": story.title, "language": "fr", "op": "save",
            "block-0-kind": "video", "block-0-media_id": media.id,
            "block-0-transcript": "We walk to school.",
            "block-0-captions": (io.BytesIO(b"<html>no</html>"), "words.vtt")}  # fmt: skip
    page = as_user(pair.lea).post(
        f"/stories/{story.id}/edit", data=data, headers=EN, content_type="multipart/form-data"
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "WEBVTT" in html and "We walk to school." in html


def test_files_uploaded_into_the_story_but_in_no_block_leave_it_when_sent(pair, english):
    story = story_with(pair, photo(pair, alt_text="A bench"))
    stray = upload(pair.lea, pair.a, story=story)  # sent by the page, never saved in a block
    services.submit_story(story, pair.lea)
    assert stray.story_id is None and story.blocks[-1].media.story_id == story.id


def test_a_deleted_file_leaves_an_empty_block_dropped_at_submission(pair, english):
    media = photo(pair, alt_text="A bench")
    story = story_with(pair, media)
    media_services.delete_media(media)
    db.session.expire_all()
    assert story.blocks[1].media_id is None  # SET NULL: the story keeps its text
    services.submit_story(story, pair.lea)
    assert [b.kind for b in story.blocks] == ["text"]


def test_an_educator_correcting_media_words_is_logged(as_user, pair):
    media = photo(pair, alt_text="A bench")
    story = story_with(pair, media, status="submitted")
    data = {"title": story.title, "language": "fr", "op": "save",
            "block-0-kind": "image", "block-0-media_id": media.id,
            "block-0-alt_text": "A bench by the water"}  # fmt: skip
    as_user(pair.edu_a).post(f"/stories/{story.id}/edit", data=data, headers=EN)
    entry = db.session.scalar(db.select(ModerationEntry).filter_by(action="edit"))
    assert entry is not None and "block 1" in entry.reason
    assert db.session.get(MediaItem, media.id).alt_text == "A bench by the water"


# Approving ----------------------------------------------------------------------------------


def _tagged_story(pair, person, status="submitted"):
    media = photo(pair, alt_text="Two friends on a bench")
    media_services.tag_people(media, [person])
    return story_with(pair, media, status=status), media


def test_approval_is_refused_while_a_tagged_person_lacks_image_consent(pair, english):
    no_image = factories.make_young(pair.a, name="Tom", image=False)
    story, _ = _tagged_story(pair, no_image)
    with pytest.raises(
        ImageConsentMissing, match="Image consent is recorded as No for Tom"
    ) as refused:
        services.approve_story(story, pair.edu_a)
    assert refused.value.names == ["Tom"]
    assert "No image consent is recorded" not in refused.value.message
    assert story.status == "submitted"


def test_the_refusal_says_when_nothing_is_recorded(pair, english):
    unknown = factories.make_young(pair.a, name="Tom", image=None)
    story, _ = _tagged_story(pair, unknown)
    with pytest.raises(
        ImageConsentMissing, match=r"No image consent is recorded .*\(Tom\)"
    ) as refused:
        services.approve_story(story, pair.edu_a)
    assert "recorded as No" not in refused.value.message


def test_approval_succeeds_once_the_image_consent_is_recorded(pair, english):
    no_image = factories.make_young(pair.a, name="Tom", image=False)
    story, _ = _tagged_story(pair, no_image)
    record_consent(pair.a, no_image, CONSENT_IMAGE, True, None, pair.edu_a)
    assert services.approve_story(story, pair.edu_a).status == "approved"


def test_a_refused_image_consent_still_blocks(pair, english):
    refused = factories.make_young(pair.a, name="Tom", image=False)
    story, _ = _tagged_story(pair, refused)
    record_consent(pair.a, refused, CONSENT_IMAGE, False, None, pair.edu_a)
    with pytest.raises(ImageConsentMissing):
        services.approve_story(story, pair.edu_a)


def test_untagging_who_cannot_be_recognised_needs_the_educators_no_one_tick(pair, english):
    no_image = factories.make_young(pair.a, name="Tom", image=False)
    story, media = _tagged_story(pair, no_image)
    media_services.tag_people(media, [])
    with pytest.raises(AppearanceMissing, match="say who appears .* block 2"):
        services.approve_story(story, pair.edu_a)
    record_appearance(media, [], True, pair.edu_a)
    assert services.approve_story(story, pair.edu_a).status == "approved"


def test_the_review_page_explains_and_links_to_the_consent_page(as_user, pair):
    no_image = factories.make_young(pair.a, name="Tom", image=False)
    story, media = _tagged_story(pair, no_image)
    client = as_user(pair.edu_a)
    page = client.post(f"/stories/{story.id}/approve", data={"next": "/moderation/"}, headers=EN)
    assert page.location.endswith(f"/moderation/stories/{story.id}")
    html = client.get(page.location, headers=EN).get_data(as_text=True)
    assert "Image consent is recorded as No for Tom" in html  # the flash
    assert f"/groups/{pair.a.id}/members/{no_image.id}/consent" in html
    assert f"/media/{media.id}?next=/moderation/stories/{story.id}#blur" in html
    assert story.status == "submitted"


def test_approving_a_story_with_consent_for_everyone_works_through_the_page(as_user, pair):
    story, _ = _tagged_story(pair, pair.yanis)  # image consent recorded by the factory
    page = as_user(pair.edu_a).post(f"/stories/{story.id}/approve", headers=EN)
    assert page.status_code == 302
    assert story.status == "approved"


def test_a_guard_failure_never_leaves_a_half_done_transition(pair, english):
    no_image = factories.make_young(pair.a, name="Tom", image=False)
    story, _ = _tagged_story(pair, no_image)
    with pytest.raises(DomainError):
        services.approve_story(story, pair.edu_a)
    db.session.rollback()
    assert db.session.scalar(db.select(ModerationEntry).filter_by(action="approve")) is None
