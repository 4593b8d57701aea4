"""A story with every C0 control character in every field it has — title, text, quote and its
attribution, a picture's caption, text alternative and transcript, the authors', group's and
educator's names — still yields Atom documents a real XML parser reads, in every feed, and valid
mails (the digest naming it, the co-educator invitation naming the group). The text reached the
database as an older version, a script or an import could have stored it."""

import email
import email.policy

import feedparser
import pytest
from defusedxml import ElementTree as ET

from storyhub.extensions import db
from storyhub.groups.invitations import invite_co_educator
from storyhub.media.models import MediaItem
from storyhub.notifications.digest import send_digests
from storyhub.notifications.services import notify
from storyhub.stories.models import Block
from tests import factories
from tests.search.helpers import add_media, published

C0 = "".join(chr(c) for c in range(1, 32))  # every C0 character but NUL
ATOM = "{http://www.w3.org/2005/Atom}"
ALLOWED_IN_TEXT = {"\n", "\t"}
RENDITIONS = [{"name": "w960.webp", "role": "image", "format": "webp", "width": 960, "height": 480}]


def hostile(word: str) -> str:
    return f"{word}{C0}{word[::-1]}"


@pytest.fixture
def story():
    """A public story whose every field holds every C0 character, and its educator."""
    round_ = factories.make_round(factories.make_exchange(public=True))
    group = round_.exchange.inviting_group
    educator = factories.make_educator()
    group.educators.append(educator)
    author = factories.make_young(group, name="Lina")
    story = published(round_, title="x", authors=[author])
    story.themes.append(factories.make_theme())
    group.name, author.display_name = hostile("Club"), hostile("Lina")
    educator.display_name, educator.email_digest = hostile("Nadia"), True
    story.title = hostile("Fish")
    story.blocks[0].body_html = f"<p>{hostile('Port')}</p>"
    story.blocks.append(
        Block(kind="quote", position=1, text=hostile("Tide"), attribution=hostile("Aunt"))
    )
    picture = add_media(
        story,
        alt_text=hostile("Lighthouse"),
        caption=hostile("Evening"),
        transcript=hostile("Waves"),
        renditions=RENDITIONS,
    )
    picture.story.blocks[-1].text = hostile("Dusk")  # the caption shown under it in the story
    db.session.commit()
    return story


def feeds(story) -> list[str]:
    territory = story.group.territory
    return [
        "/feeds/stories.atom",
        f"/feeds/exchanges/{story.round.exchange_id}.atom",
        f"/feeds/themes/{story.themes[0].slug}.atom",
        f"/feeds/territories/{territory.slug}.atom",
    ]


def _no_control_character(text: str, allowed=frozenset()) -> bool:
    return not [ch for ch in text if ord(ch) < 32 and ch not in allowed]


def test_every_feed_listing_it_is_valid_xml(client, story):
    for url in feeds(story):
        page = client.get(url)
        assert page.status_code == 200, url
        root = ET.fromstring(page.data)  # a real XML parser: raises on any invalid character
        entries = list(root.iter(f"{ATOM}entry"))
        assert len(entries) == 1, url
        title = entries[0].find(f"{ATOM}title").text
        assert title.startswith("Fish") and title.endswith("hsiF")
        content = entries[0].find(f"{ATOM}content").text
        for word in ("Port", "Tide", "Aunt", "Lighthouse", "Dusk"):
            assert word in content, (url, word)
        assert _no_control_character(content, ALLOWED_IN_TEXT)
        parsed = feedparser.parse(page.data)
        assert not parsed.bozo, (url, parsed.get("bozo_exception"))
        author = parsed.entries[0].author
        assert author.startswith("Lina") and "Club" in author and _no_control_character(author)


def _parsed(message):
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    for name, value in parsed.items():
        assert _no_control_character(value), (name, value)
    body = parsed.get_content()
    assert _no_control_character(body, ALLOWED_IN_TEXT), body
    return parsed, body


def test_the_mails_about_it_are_valid(app, story):
    educator = story.group.educators[-1]
    notices = {"twin_published": {"group": story.group.name, "story": story.title}}
    notices["story_translated"] = {
        "story": story.title,
        "name": story.authors[0].display_name,
        "group": story.group.name,
    }
    for kind, params in notices.items():
        notify([educator], kind, f"/stories/{story.id}", **params)
    colleague = factories.make_educator(email="colleague@example.org")
    db.session.commit()
    outbox = app.extensions.setdefault("storyhub_outbox", [])
    with app.test_request_context():
        assert send_digests("https://storyhub.example") == 1
        invite_co_educator(story.group, educator, colleague.email)
    digest, invitation = outbox[-2:]
    _parsed_digest, body = _parsed(digest)
    assert "Fish" in body and "Club" in body and "Lina" in body
    parsed, body = _parsed(invitation)
    assert "Club" in parsed["Subject"] and "Nadia" in parsed["Subject"]
    assert "Club" in body and "Nadia" in body and "http://localhost/groups/" in body


def test_words_typed_for_a_picture_are_stored_without_control_characters(as_user, story):
    author = story.authors[0]
    picture = MediaItem(kind="image", status="ready", group=story.group, uploader=author)
    picture.storage_key, picture.renditions, picture.blur_regions = "k-typed", RENDITIONS, []
    db.session.add(picture)
    db.session.commit()
    words = {"alt_text": hostile("Rock"), "caption": hostile("Sea"), "transcript": hostile("Gull")}
    page = as_user(author).post(f"/media/{picture.id}/describe", data=words)
    assert page.status_code == 302
    db.session.expire_all()
    stored = db.session.get(MediaItem, picture.id)
    for field in ("alt_text", "caption", "transcript"):
        value = getattr(stored, field)
        assert value.startswith(words[field][:3]) and _no_control_character(value, ALLOWED_IN_TEXT)
