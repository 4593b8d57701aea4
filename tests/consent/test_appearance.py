"""Who appears: approving a story with a photo, video or panorama needs, for each item, the
young people who appear ticked (each with image consent) or the educator's explicit "no one can
be recognised in it"; the refusal names its reason ("recorded as No" is not "nothing
recorded"), in French and English; both answers go into the moderation log."""

import pytest

from storyhub.extensions import db
from storyhub.media import services as media_services
from storyhub.media.appearance import record_appearance
from storyhub.moderation.models import ModerationEntry
from storyhub.stories import services as story_services
from storyhub.stories.media_blocks import AppearanceMissing, ImageConsentMissing
from tests import factories
from tests.conftest import login_as

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}


@pytest.fixture
def submitted(world, story_media):
    """A photo in a block of Léa's story waiting for review; nobody ticked, nothing said."""
    return story_media(status="submitted")


def test_approval_is_refused_when_nobody_is_ticked_and_nothing_is_said(world, english, submitted):
    with pytest.raises(AppearanceMissing, match="say who appears .* block 2"):
        story_services.approve_story(submitted.story, world.edu_a)
    assert submitted.story.status == "submitted"


def test_the_educators_no_one_tick_allows_approval_and_is_logged(world, english, submitted):
    record_appearance(submitted, [], True, world.edu_a)
    assert story_services.approve_story(submitted.story, world.edu_a).status == "approved"
    entry = db.session.scalar(db.select(ModerationEntry).filter_by(action="nobody_recognisable"))
    assert (entry.target_type, entry.target_id, entry.actor_id) == (
        "media",
        submitted.id,
        world.edu_a.id,
    )


def test_ticking_who_appears_with_consent_allows_approval_and_is_logged(world, english, submitted):
    record_appearance(submitted, [world.lea], False, world.edu_a)
    assert story_services.approve_story(submitted.story, world.edu_a).status == "approved"
    entry = db.session.scalar(db.select(ModerationEntry).filter_by(action="people_tagged"))
    assert entry.reason == "Léa"


@pytest.mark.parametrize(
    "image, reason, not_reason",
    [
        (False, "Image consent is recorded as No for Tom", "No image consent is recorded"),
        (None, "No image consent is recorded for people who appear", "recorded as No"),
    ],
    ids=["recorded as No", "nothing recorded"],
)
def test_a_ticked_person_without_image_consent_stops_approval_with_the_right_reason(
    world, english, submitted, image, reason, not_reason
):
    tom = factories.make_young(world.a, name="Tom", image=image)
    record_appearance(submitted, [tom], False, world.edu_a)
    with pytest.raises(ImageConsentMissing) as refused:
        story_services.approve_story(submitted.story, world.edu_a)
    assert reason in refused.value.message and not_reason not in refused.value.message


@pytest.mark.parametrize(
    "headers, text",
    [
        (EN, "say who appears in the photo or video of block 2"),
        (FR, "dites qui apparaît sur la photo ou la vidéo du bloc 2"),
    ],
)
def test_the_review_page_says_why_in_the_educators_language(
    client, world, submitted, headers, text
):
    login_as(client, world.edu_a)
    story_id = submitted.story_id
    page = client.post(f"/stories/{story_id}/approve", headers=headers, follow_redirects=True)
    assert page.status_code == 200 and text in page.get_data(as_text=True)
    review = client.get(f"/moderation/stories/{story_id}", headers=EN).get_data(as_text=True)
    assert "not said yet: tick who appears" in review


@pytest.mark.parametrize(
    "parental, headers, text",
    [
        (False, EN, "Parental consent is recorded as No for Léa"),
        (None, EN, "No parental consent is recorded for Léa"),
        (False, FR, "L’autorisation parentale est enregistrée à « Non » pour Léa"),
        (None, FR, "Aucune autorisation parentale n’est enregistrée pour Léa"),
    ],
)
def test_the_parental_refusal_names_its_reason(client, world, parental, headers, text):
    lea = factories.make_young(world.a, name="Léa", parental=parental)
    story = factories.make_story(world.round, world.a, authors=[lea], status="submitted")
    login_as(client, world.edu_a)
    page = client.post(f"/stories/{story.id}/approve", headers=headers, follow_redirects=True)
    assert text in page.get_data(as_text=True)
    assert story.status == "submitted"


def test_the_educator_ticks_no_one_on_the_media_page(client, world, submitted):
    login_as(client, world.edu_a)
    page = client.post(f"/media/{submitted.id}/people", data={"nobody": "y"}, headers=EN)
    assert page.status_code == 302
    assert submitted.nobody_recognisable is True


def test_a_young_author_cannot_say_no_one_is_recognisable(client, world, story_media):
    media = story_media(status="draft")
    login_as(client, world.lea)
    page = client.post(f"/media/{media.id}/people", data={"nobody": "y"}, headers=EN)
    assert page.status_code == 302
    assert media.nobody_recognisable is False
    html = client.get(f"/media/{media.id}", headers=EN).get_data(as_text=True)
    assert 'name="nobody"' not in html


def test_ticking_someone_and_no_one_is_refused_keeping_the_ticks(client, world, submitted):
    login_as(client, world.edu_a)
    data = {"people": [str(world.lea.id)], "nobody": "y"}
    page = client.post(f"/media/{submitted.id}/people", data=data, headers=EN)
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "Either tick who appears, or “No one can be recognised in it”, not both." in html
    assert f'value="{world.lea.id}" checked' in html or "checked" in html
    assert submitted.people == [] and submitted.nobody_recognisable is False


def test_ticking_someone_later_undoes_no_one_recognisable(world, english, submitted):
    record_appearance(submitted, [], True, world.edu_a)
    media_services.tag_people(submitted, [world.yanis])  # as the editor does; consent No
    assert submitted.nobody_recognisable is False
    with pytest.raises(ImageConsentMissing):
        story_services.approve_story(submitted.story, world.edu_a)
