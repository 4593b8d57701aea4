"""Templates ask a media item its state (`is_processing`, `is_ready`, `has_failed`), never
compare its status string: each status answers exactly one of them."""

import pytest

from storyhub.extensions import db
from storyhub.media.models import MEDIA_STATUSES, MediaItem


@pytest.mark.parametrize("status", MEDIA_STATUSES)
def test_each_status_answers_exactly_one_question(status):
    item = MediaItem(status=status)
    answers = {"processing": item.is_processing, "ready": item.is_ready, "failed": item.has_failed}
    assert answers == {name: name == status for name in answers}


@pytest.mark.parametrize(
    ("status", "shown", "not_shown"),
    [
        ("processing", b"This file is being checked and prepared.", b'id="media-failure"'),
        ("failed", b'id="media-failure"', b"This file is being checked and prepared."),
    ],
)
def test_the_media_page_says_what_state_the_file_is_in(as_user, world, status, shown, not_shown):
    item = MediaItem(
        kind="image",
        status=status,
        group_id=world.a.id,
        uploader_id=world.lea.id,
        storage_key=f"state-{status}",
        renditions=[],
        blur_regions=[],
    )
    db.session.add(item)
    db.session.commit()
    page = as_user(world.lea).get(f"/media/{item.id}", headers={"Accept-Language": "en"})
    assert page.status_code == 200 and b"<h1" in page.data
    assert shown in page.data and not_shown not in page.data
