"""Flags before approval: each kind found in each field, highlighted for the educator; only a
display name holding contact data is refused."""

import pytest

from storyhub.accounts.models import User
from storyhub.core.flags import contact_in_name, find_flags, highlight
from storyhub.extensions import db
from storyhub.review.flags import comment_flags, invitation_flags, story_flags
from storyhub.stories.models import Block
from tests import factories

EN = {"Accept-Language": "en"}
SAMPLES = {
    "phone": "06 12 34 56 78",
    "email": "lea.m@example.org",
    "handle": "@lea_2012",
    "address": "12 rue des Lilas",
    "watchword": "c'est notre secret",
}
MORE = {
    "phone": ["+33 6 12 34 56 78", "0033612345678", "+44 20 7946 0958", "07.12.34.56.78"],
    "email": ["lea (at) example.org", "LEA@EXAMPLE.FR"],
    "handle": [
        "add me on snapchat",
        "mon insta",
        "https://wa.me/33612345678",
        "t.me/lea",
        "discord.gg/abc",
        "sur tiktok",
        "whatsapp",
    ],  # fmt: skip
    "address": ["221 Baker Street", "33000 Bordeaux", "4 bis avenue Jean Jaurès"],
    "watchword": ["ne dis rien à tes parents", "T’ES SEULE ?", "send me a pic", "connard"],
}
INNOCENT = [
    "En 2019 nous étions 25 élèves de 4e.",
    "Le match finit 3 à 2, à 18 h 30.",
    "Our square, at dusk, with 120 lanterns.",
    "Appelle le 3018 si quelque chose t’inquiète.",
]


@pytest.mark.parametrize("kind", SAMPLES)
def test_each_kind_is_found(kind):
    found = find_flags(f"Voilà : {SAMPLES[kind]} !")
    assert [(f.kind, f.text) for f in found] == [(kind, SAMPLES[kind])]


@pytest.mark.parametrize("kind,text", [(k, t) for k, texts in MORE.items() for t in texts])
def test_other_forms_are_found(kind, text):
    assert kind in {f.kind for f in find_flags(f"x {text} y")}


@pytest.mark.parametrize("text", INNOCENT)
def test_ordinary_sentences_are_not_flagged(text):
    assert find_flags(text) == []


def test_watch_words_are_configurable(app, monkeypatch):
    monkeypatch.setitem(app.config, "WATCH_WORDS", ("skatepark secret",))
    assert [f.kind for f in find_flags("the Skatepark Secret")] == ["watchword"]


def test_highlight_escapes_and_marks():
    html = str(highlight("<b>06 12 34 56 78</b>"))
    assert "&lt;b&gt;" in html
    assert '<mark class="flag flag--phone" data-flag="phone">06 12 34 56 78</mark>' in html


def _story_with(world, field, value):
    story = world.story
    if field == "title":
        story.title = f"Title {value}"
    elif field == "text":
        story.blocks[0].body_html = f"<p>We met {value}</p>"
    elif field == "quote":
        story.blocks.append(Block(kind="quote", position=5, text=f"He said {value}"))
    elif field == "caption":
        story.blocks[1].text = f"At dusk {value}"
    elif field in ("alt_text", "transcript"):
        setattr(world.photo, field, f"Seen {value}")
    elif field == "display_name":
        world.author.display_name = f"Lina {value}"  # set directly: the forms refuse contact data
    db.session.commit()
    return story_flags(story)


STORY_FIELDS = ["title", "text", "quote", "caption", "alt_text", "transcript", "display_name"]


@pytest.mark.parametrize("field", STORY_FIELDS)
@pytest.mark.parametrize("kind", SAMPLES)
def test_every_kind_in_every_story_field(world, field, kind):
    found = _story_with(world, field, SAMPLES[kind])
    assert (field, kind) in {(f, flag.kind) for f, flag in found}


@pytest.mark.parametrize("kind", SAMPLES)
def test_every_kind_in_a_comment(world, kind):
    world.comment.body = f"Hello {SAMPLES[kind]}"
    db.session.commit()
    assert ("comment", kind) in {(f, flag.kind) for f, flag in comment_flags(world.comment)}


@pytest.mark.parametrize("field", ["group_name", "invitation_message"])
@pytest.mark.parametrize("kind", SAMPLES)
def test_every_kind_in_group_names_and_invitations(world, field, kind):
    if field == "group_name":
        world.exchange.inviting_group.name = f"Club {SAMPLES[kind]}"
    else:
        world.exchange.invitation_message = f"Hello, {SAMPLES[kind]}"
    db.session.commit()
    found = {(f, flag.kind) for f, flag in invitation_flags(world.exchange)}
    assert (field, kind) in found


def test_review_page_highlights_what_is_found(as_user, world):
    story = factories.make_story(
        world.round, world.group, authors=[world.author], status="submitted",
        title="Call me", text="<p>Mon snap : @lina_2013, 06 12 34 56 78</p>",
    )  # fmt: skip
    page = as_user(world.educator).get(f"/moderation/stories/{story.id}", headers=EN)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "To check before approving:" in html
    assert 'data-flag="phone">06 12 34 56 78</mark>' in html
    assert 'data-flag="handle">@lina_2013</mark>' in html
    queue = as_user(world.educator).get("/moderation/", headers=EN).get_data(as_text=True)
    assert 'data-flag="phone">06 12 34 56 78</mark>' in queue


def test_flags_never_block_a_submission(as_user, world):
    story = factories.make_story(
        world.round, world.group, authors=[world.author], text="<p>Mon numéro 06 12 34 56 78</p>"
    )
    page = as_user(world.author).post(f"/stories/{story.id}/submit")
    assert page.status_code == 302
    db.session.refresh(story)
    assert story.status == "submitted" and "06 12 34 56 78" in story.blocks[0].body_html


def test_invitation_message_flags_shown_to_the_invited_educator(as_user):
    inviting, invited = factories.make_educator(), factories.make_educator()
    exchange = factories.make_exchange(
        factories.make_group(inviting), factories.make_group(invited), status="invited",
        invitation_message="Write to me at prof@example.org",
    )  # fmt: skip
    page = as_user(invited).get(f"/exchanges/{exchange.id}", headers=EN).get_data(as_text=True)
    assert 'data-flag="email">prof@example.org</mark>' in page


@pytest.mark.parametrize("name", ["Léa 06 12 34 56 78", "lea@example.org", "Léa @lea_2012"])
def test_display_name_with_contact_data_is_refused_at_join(client, name):
    group = factories.make_group(factories.make_educator())
    page = client.post(
        "/join",
        data={"join_code": group.join_code, "display_name": name, "username": "lea.b",
              "password": "mangue42", "confirm": "mangue42"},
        headers=EN,
    )  # fmt: skip
    assert page.status_code == 200
    assert b"A name cannot hold a phone number, an e-mail address or an @handle" in page.data
    assert b'value="lea.b"' in page.data  # nothing typed is lost
    assert db.session.scalar(db.select(User).filter_by(username="lea.b")) is None


def test_plain_display_name_is_accepted_at_join(client):
    group = factories.make_group(factories.make_educator())
    page = client.post(
        "/join",
        data={"join_code": group.join_code, "display_name": "Léa", "username": "lea.b",
              "password": "mangue42", "confirm": "mangue42"},
    )  # fmt: skip
    assert page.status_code == 302


def test_display_name_refused_in_the_french_interface(client):
    group = factories.make_group(factories.make_educator())
    page = client.post(
        "/join",
        data={"join_code": group.join_code, "display_name": "0612345678", "username": "x.y",
              "password": "mangue42", "confirm": "mangue42"},
        headers={"Accept-Language": "fr"},
    )  # fmt: skip
    assert b"Un nom ne peut pas contenir" in page.data


def test_educator_cannot_create_members_with_contact_data(as_user, educator, group):
    page = as_user(educator).post(
        f"/groups/{group.id}/members/new", data={"names": "Léa\nTom 06 12 34 56 78"}, headers=EN
    )
    assert b"A name cannot hold a phone number" in page.data
    assert db.session.scalars(db.select(User).filter_by(group_id=group.id)).all() == []


def test_educator_signup_name_with_email_refused(client):
    page = client.post(
        "/signup",
        data={"display_name": "Prof snap @prof", "email": "p@example.org",
              "password": "a long enough passphrase", "confirm": "a long enough passphrase",
              "organisation": ""},
        headers=EN,
    )  # fmt: skip
    assert b"A name cannot hold a phone number" in page.data
    assert db.session.scalar(db.select(User).filter_by(email="p@example.org")) is None


def test_contact_in_name_only_for_phone_email_handle():
    assert contact_in_name("Léa 0612345678") == "phone"
    assert contact_in_name("lea@example.org") == "email"
    assert contact_in_name("@lea") == "handle"
    assert contact_in_name("Léa du 12 rue des Lilas") is None  # flagged, not refused
    assert contact_in_name("Léa") is None
