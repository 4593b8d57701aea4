"""Fixtures of the rights tests: two twinned groups, a young person who wrote, co-wrote,
commented, reacted, uploaded and was tagged; their educator, the twin's, a stranger."""

import io
import zipfile
from types import SimpleNamespace

import pytest

from storyhub.extensions import db
from storyhub.media import services as media
from storyhub.responses.models import Comment, Reaction
from storyhub.stories.models import Block
from tests import factories
from tests.media import samples

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}


@pytest.fixture
def english(app):
    """Run service calls inside an English request, so messages are in English."""
    with app.test_request_context(headers=EN):
        yield


@pytest.fixture(autouse=True)
def media_root(tmp_path, app, monkeypatch):
    """Each test stores its files in a folder of its own."""
    monkeypatch.setitem(app.config, "MEDIA_ROOT", str(tmp_path / "media"))
    return tmp_path / "media"


def photo(user, group, story=None, alt="Our square at dusk"):
    """A processed photo uploaded by user (through the media service)."""
    # Small: these tests follow a person's files, not how pictures are resized (tests/media).
    data = samples.jpeg(size=(480, 320))
    return media.create_media(user, group, "image", io.BytesIO(data), story=story, alt_text=alt)


def show(story, item):
    """Place a media item in a block of the story."""
    story.blocks.append(Block(kind=item.kind, position=len(story.blocks), media=item))
    db.session.commit()


def unzip(response) -> zipfile.ZipFile:
    """The ZIP of a download response."""
    return zipfile.ZipFile(io.BytesIO(response.data))


@pytest.fixture
def world():
    """Léa (4e B, Bordeaux) and what she left everywhere, in a public exchange with Kaweni."""
    return make_world()


def make_world() -> SimpleNamespace:
    """The world of the rights tests (also used by the browser journey)."""
    edu_a, edu_b = factories.make_educator(name="Mme Durand"), factories.make_educator()
    a = factories.make_group(edu_a, name="4e B")
    b = factories.make_group(edu_b, name="Kaweni")
    exchange = factories.make_exchange(a, b, public=True, title="Vivre ensemble")
    round_ = factories.make_round(exchange)
    lea = factories.make_young(a, name="Léa")
    yanis = factories.make_young(a, name="Yanis")
    amina = factories.make_young(b, name="Amina")
    alone = factories.make_story(
        round_,
        a,
        authors=[lea],
        status="approved",
        title="Mon quartier",
        text="<p>Je m'appelle Léa, j'ai 13 ans.</p>",
    )
    together = factories.make_story(
        round_,
        a,
        authors=[lea, yanis],
        status="approved",
        title="Notre place",
        text="<p>Léa et Yanis filment la place.</p>",
    )
    theirs = factories.make_story(round_, b, authors=[amina], status="approved", title="Kaweni")
    own_photo = photo(lea, a, story=alone, alt="Le skatepark")
    show(alone, own_photo)
    tagged = photo(yanis, a, story=together, alt="Yanis et Léa sur la place")
    media.set_people(tagged, [lea, yanis])
    show(together, tagged)
    loose = photo(lea, a, alt="Brouillon")  # sent, placed in no story
    db.session.add_all(
        [
            Comment(
                story=theirs,
                author=lea,
                group_id=a.id,
                body="Trop bien, Amina !",
                status="approved",
            ),
            Comment(
                story=together,
                author=amina,
                group_id=b.id,
                body="Merci Léa pour la vidéo",
                status="approved",
            ),
            Reaction(story_id=theirs.id, user_id=lea.id, kind="thank_you"),
        ]
    )
    db.session.commit()
    return SimpleNamespace(
        edu_a=edu_a,
        edu_b=edu_b,
        a=a,
        b=b,
        exchange=exchange,
        round=round_,
        lea=lea,
        yanis=yanis,
        amina=amina,
        alone=alone,
        together=together,
        theirs=theirs,
        own_photo=own_photo,
        tagged=tagged,
        loose=loose,
    )
