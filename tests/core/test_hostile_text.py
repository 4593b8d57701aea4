"""Hostile text: control and bidi-override characters never stored, never in a feed or a mail;
a single-line field keeps one line; numbers in URLs are bounded (never a 500)."""

import email
import email.policy
import inspect

import feedparser
import flask_wtf
import pytest
from defusedxml import ElementTree as ET

from storyhub.accounts.mail import send_mail
from storyhub.core.forms import FlaskForm
from storyhub.core.text import clean_block, clean_line
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.notifications.digest import send_digests
from storyhub.notifications.services import notify
from storyhub.stories.models import Story
from tests import factories
from tests.groups.test_views import _group_form
from tests.search.helpers import published
from tests.stories.helpers import editor_form, make_pair

EN = {"Accept-Language": "en"}
C0 = "".join(chr(c) for c in range(1, 32))  # every C0 character but NUL (refused with a 400)
C1 = "".join(chr(c) for c in range(0x7F, 0xA0))
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
HOSTILE = C0 + C1 + BIDI + "\ufffe\uffff"


def _outbox(app):
    return app.extensions.get("storyhub_outbox", [])


def test_cleaning_keeps_every_visible_character_and_the_line_breaks_of_a_text():
    text = "Léa\u200f — عربي 🙂\tend"
    assert clean_block(f"a{HOSTILE}b") == "a\t\n\nb"  # tab, LF and CR (as LF) stay in a text
    assert clean_line(f"a{HOSTILE}b") == "a b"
    assert clean_block(text) == text  # right-to-left mark, Arabic, emoji untouched
    assert clean_block("one\r\ntwo") == "one\ntwo"


def test_a_story_typed_with_control_characters_is_stored_without_them(as_user):
    pair = make_pair()
    data = editor_form(
        title=f"Our{HOSTILE}square",
        blocks=(("text", f"<p>At{C0}dusk</p>"), ("quote", f"We{C1}live{BIDI}here")),
        attribution=f"my\naunt{BIDI}",
    )
    page = as_user(pair.lea).post(f"/rounds/{pair.round.id}/stories/new", data=data, headers=EN)
    story = db.session.scalars(db.select(Story)).one()
    assert page.status_code == 302
    assert story.title == "Our square"  # one line: the tab and line breaks became one space
    assert story.blocks[0].body_html.startswith("<p>At")
    assert not any(ch in story.blocks[0].body_html for ch in C0.replace("\t", "").replace("\n", ""))
    assert (story.blocks[1].text, story.blocks[1].attribution) == ("Welivehere", "my aunt")


def test_a_group_name_keeps_one_line_and_adding_a_co_educator_still_works(as_user, app):
    educator = factories.make_educator()
    group = factories.make_group(educator, factories.make_territory())
    colleague = factories.make_educator(email="colleague@example.org")
    client = as_user(educator)
    # ("4e B" reads as a class: the educator keeps the name on purpose)
    form = _group_form(group.territory, name="4e B\r\nBcc: everyone@example.org\x01", keep_name="y")
    client.post(f"/groups/{group.id}/edit", data=form, headers=EN)
    assert db.session.get(Group, group.id).name == "4e B Bcc: everyone@example.org"
    page = client.post(f"/groups/{group.id}/educators", data={"email": colleague.email}, headers=EN)
    assert page.status_code in (200, 302)
    for message in _outbox(app):
        assert "\n" not in message["Subject"] and "Bcc" not in message


def test_a_mail_with_hostile_text_is_a_valid_mail(app):
    with app.test_request_context():
        send_mail("a@example.org", f"Story{HOSTILE}\r\nBcc: x@example.org", f"Hello{HOSTILE}\n")
    message = _outbox(app)[-1]
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert parsed["Subject"] == "Story Bcc: x@example.org"
    assert parsed["Bcc"] is None
    assert parsed.get_content() == "Hello\t\n\n\n"


def _public_story_full_of_control_characters():
    round_ = factories.make_round(factories.make_exchange(public=True))
    group = round_.exchange.inviting_group
    group.name = f"Club{HOSTILE}"
    young = factories.make_young(group, name="Lina")
    young.display_name = f"Lina{C0}"
    # Stored as an older version or a script could have: the feed must still be valid XML.
    story = published(round_, title=f"Fish{HOSTILE}", text=f"<p>Port{HOSTILE}</p>", authors=[young])
    story.blocks[0].body_html = f"<p>Port{HOSTILE}</p>"
    db.session.commit()
    return story


@pytest.mark.parametrize("feed", ["/feeds/stories.atom", "/feeds/exchanges/{exchange}.atom"])
def test_atom_feeds_stay_valid_xml_whatever_the_stored_text(client, feed):
    story = _public_story_full_of_control_characters()
    page = client.get(feed.format(exchange=story.round.exchange_id))
    assert page.status_code == 200
    root = ET.fromstring(page.data)  # a real XML parser: raises on any invalid character
    titles = [t.text for t in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Fish" in titles
    parsed = feedparser.parse(page.data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    author = parsed.entries[0].author
    assert author.startswith("Lina") and author.endswith(", Club") and "\n" not in author


def test_every_form_of_the_site_uses_the_one_line_base():
    """A form built on flask_wtf.FlaskForm directly would let line breaks into its text inputs."""
    strays = [
        f"{cls.__module__}.{cls.__name__}"
        for cls in _subclasses(flask_wtf.FlaskForm)
        if cls.__module__.startswith("storyhub.") and not issubclass(cls, FlaskForm)
    ]
    assert strays == []
    assert inspect.getmodule(FlaskForm).__name__ == "storyhub.core.forms"


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


HUGE = "9" * 5000
BIG = "9" * 4000


@pytest.mark.parametrize(
    "url",
    [
        f"/search?year={HUGE}",
        f"/search?page={HUGE}",
        f"/search?year={BIG}&page={BIG}",
        "/search?page=-1&year=²",
        f"/notifications/?page={2**63}",
        "/notifications/?page=-5",
        f"/exchanges/new?group={HUGE}",
        f"/exchanges/new?group={BIG}",
        "/exchanges/new?group=-1",
        f"/moderation/log?page={HUGE}&group={2**63}",
        f"/explore?page={BIG}",
        f"/exchanges/find?page={HUGE}",
        f"/stories/{2**63}",
        "/stories/-1",
        f"/api/v1/stories?page={10**30}&per_page={10**30}",
    ],
)
def test_huge_or_negative_numbers_in_a_url_never_make_a_500(as_user, url):
    client = as_user(factories.make_educator())
    page = client.get(url, headers=EN)
    assert page.status_code in (200, 302, 400, 404), page.status_code


@pytest.mark.parametrize(
    ("headers", "message"),
    [(EN, "Enter an age between 11 and 25."), ({"Accept-Language": "fr"}, "11 et 25")],
)
def test_a_4000_digit_age_gets_the_age_message_and_keeps_the_form(as_user, headers, message):
    territory = factories.make_territory()
    client = as_user(factories.make_educator())
    form = _group_form(territory, name="Club des Lilas", age_min="9" * 4000)
    page = client.post("/groups/new", data=form, headers=headers)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert message in html
    assert 'value="Club des Lilas"' in html
    assert db.session.scalars(db.select(Group)).all() == []


def test_the_mail_log_line_carries_no_control_character(app, caplog):
    with app.test_request_context():
        send_mail("a@example.org", "Story\x1b[2J\r\nfake log line", "Hello\x1b[31m")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "\x1b" not in logged and "Story[2J fake log line" in logged


def test_a_digest_of_a_story_full_of_control_characters_is_a_valid_mail(app):
    """From the stored story to the mail: its title (stored as an older version could have) and
    the educator's and group's names reach the digest without one invalid character."""
    story = _public_story_full_of_control_characters()
    educator = story.group.educators[0] if story.group.educators else factories.make_educator()
    educator.display_name, educator.email_digest = f"Nadia{HOSTILE}", True
    notify([educator], "story_submitted", f"/stories/{story.id}", story=story.title)
    db.session.commit()
    with app.test_request_context():
        assert send_digests("https://storyhub.example") == 1
    message = _outbox(app)[-1]
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    body = parsed.get_content()
    assert "Fish" in body and "Nadia" in body
    allowed = {"\n", "\t"}
    assert not [ch for ch in body if (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0) and ch not in allowed]
    assert not any(ch in body for ch in BIDI + "\ufffe\uffff")
    assert not any(ord(ch) < 32 for ch in parsed["Subject"])
