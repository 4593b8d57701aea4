"""A public exchange with a published story, its photo (a real file) and an adult's comment."""

from dataclasses import dataclass

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.media.models import MediaItem
from storyhub.media.storage import get_storage
from storyhub.responses.models import COMMENT_APPROVED, Comment
from storyhub.stories.models import Block
from tests import factories


@dataclass
class World:
    exchange: object
    round: object
    story: object
    photo: object
    photo_name: str
    comment: object
    author: object
    educator: object  # of the story's group
    twin_educator: object  # wrote the comment
    group: object
    twin: object
    admin: object


@pytest.fixture
def world(app, client):
    return make_world()


def make_world() -> World:
    """The data of these tests (also used by the browser journey)."""
    educator, twin_educator = factories.make_educator(), factories.make_educator()
    group = factories.make_group(educator, name="Harbour Class")
    twin = factories.make_group(twin_educator, name="Hill Club")
    author = factories.make_young(group, name="Lina")
    exchange = factories.make_exchange(group, twin, public=True, title="Open Harbours")
    # Both educators let search engines index it, so the sitemap lists the story too.
    exchange.inviting_indexable_at = exchange.invited_indexable_at = utcnow()
    round_ = factories.make_round(exchange)
    story = factories.make_story(
        round_, group, authors=[author], status="approved", title="Quayside lanterns"
    )
    name = "480w.jpg"
    photo = MediaItem(
        kind="image",
        status="ready",
        group_id=group.id,
        story_id=story.id,
        uploader_id=author.id,
        storage_key=f"reportphoto{story.id}",
        alt_text="Lanterns on the quay",
        renditions=[
            {
                "name": name,
                "role": "fallback",
                "format": "jpg",
                "width": 480,
                "height": 320,
                "key": f"reportphoto{story.id}/{name}",
            }
        ],
        blur_regions=[],
        processed_at=utcnow(),
        nobody_recognisable=True,  # lanterns at dusk: the educator said no one can be recognised
    )
    db.session.add(photo)
    db.session.flush()
    story.blocks.append(Block(kind="image", position=1, media_id=photo.id, text="At dusk"))
    get_storage().save(f"reportphoto{story.id}/{name}", b"\xff\xd8\xff\xe0fakejpeg")
    comment = Comment(
        story_id=story.id,
        author_id=twin_educator.id,
        group_id=twin.id,
        body="Write to me on snap @lanternfan, you look older than 13",
        status=COMMENT_APPROVED,
    )
    db.session.add(comment)
    db.session.commit()
    return World(
        exchange, round_, story, photo, name, comment, author, educator, twin_educator,
        group, twin, factories.make_admin(),
    )  # fmt: skip


def report(client, target_type, target_id, reason="bullying", addr="203.0.113.5", **extra):
    """POST a report as the client, from an address."""
    data = {"reason": reason, "text": extra.pop("text", ""), "email": extra.pop("email", "")}
    data.update(extra)
    return client.post(
        f"/report/{target_type}/{target_id}",
        data=data,
        environ_base={"REMOTE_ADDR": addr},
        headers={"Accept-Language": "en"},
    )
