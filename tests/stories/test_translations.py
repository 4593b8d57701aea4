"""Stories translated by the twin group: who may translate (allowed and refused), the
translator's own educators review it (the lifecycle kit), nobody else reads it before, readers
then switch between the original and the translation with lang attributes set, the authors are
told, and a young translator's parental consent holds for as long as it is shown."""

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_PARENTAL, Consent
from storyhub.moderation.models import ModerationEntry
from storyhub.notifications.models import Notification
from storyhub.stories import translating
from storyhub.stories.models import Block, StoryTranslation
from tests import factories
from tests.conftest import login_as

ENGLISH = {"title": "The Capucins market", "block": "On Sunday, the whole district goes down."}


@pytest.fixture(autouse=True)
def in_english(client):
    """The pages in English, whoever is signed in."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def story(pair):
    """A published story of side A (French) in a public exchange, with a text and a quote."""
    pair.exchange.inviting_published_at = pair.exchange.invited_published_at = utcnow()
    pair.b.languages = "en"
    db.session.commit()
    made = factories.make_story(
        pair.round, pair.a, [pair.lea], status="approved", title="Le marché des Capucins"
    )
    made.blocks.append(Block(kind="quote", position=1, text="Viens goûter.", attribution="Léa"))
    db.session.commit()
    return made


def form(story, **extra):
    text, quote = translating.translatable_blocks(story)
    data = {
        "language": "en",
        "title": ENGLISH["title"],
        f"block-{text.id}": ENGLISH["block"] + "\n\nIt smells of oranges.",
        f"block-{quote.id}": "Come and taste.",
    }
    data.update(extra)
    return data


def propose(client, pair, story, who=None):
    login_as(client, who or pair.amina)
    return client.post(f"/stories/{story.id}/translate", data=form(story))


def sign_out(client):
    with client.session_transaction() as session:
        session.clear()


def only_translation():
    return db.session.scalars(db.select(StoryTranslation)).one()


@pytest.mark.parametrize("who", ["amina", "edu_b"])
def test_the_twin_group_proposes_a_translation(client, pair, story, who):
    login_as(client, getattr(pair, who))
    page = client.get(f"/stories/{story.id}/translate")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Viens goûter." in html and 'lang="fr"' in html
    assert '<option selected value="en">' in html  # the group's own language
    answer = propose(client, pair, story, getattr(pair, who))
    assert answer.status_code == 302
    item = only_translation()
    assert (item.status, item.language, item.group_id) == ("submitted", "en", pair.b.id)
    assert item.title == ENGLISH["title"]
    told = db.session.scalars(
        db.select(Notification.user_id).filter_by(kind="translation_submitted")
    )
    assert list(told) == [pair.edu_b.id]


@pytest.mark.parametrize("who", ["lea", "edu_a", "stranger", "outsider_educator"])
def test_nobody_else_translates(client, pair, story, who):
    people = {
        "stranger": lambda: factories.make_young(factories.make_group(factories.make_educator())),
        "outsider_educator": lambda: factories.make_educator(),
    }
    user = people[who]() if who in people else getattr(pair, who)
    login_as(client, user)
    assert client.get(f"/stories/{story.id}/translate").status_code == 403
    assert client.post(f"/stories/{story.id}/translate", data=form(story)).status_code == 403
    assert db.session.scalar(db.select(db.func.count(StoryTranslation.id))) == 0


def test_a_story_not_published_is_not_translated(client, pair):
    draft = factories.make_story(pair.round, pair.a, [pair.lea], status="submitted")
    login_as(client, pair.amina)
    assert client.get(f"/stories/{draft.id}/translate").status_code == 404


def test_visitors_are_sent_to_sign_in(client, story):
    assert client.get(f"/stories/{story.id}/translate").status_code == 302


READERS = {
    "visitor": None,
    "author": "lea",
    "story's educator": "edu_a",
    "twin young person": "yanis_b",
}


@pytest.mark.parametrize("reader", READERS)
def test_nobody_reads_a_translation_before_its_review(client, pair, story, reader):
    propose(client, pair, story)
    sign_out(client)
    if reader == "twin young person":
        login_as(client, factories.make_young(pair.b, name="Kevin"))
    elif READERS[reader]:
        login_as(client, getattr(pair, READERS[reader]))
    item = only_translation()
    page = client.get(f"/stories/{story.id}")
    html = page.get_data(as_text=True)
    visible = page.status_code == 200 and story.title in html  # the story itself, or refused
    assert visible or page.status_code in (302, 403, 404)
    assert ENGLISH["block"] not in html and ENGLISH["title"] not in html
    asked = client.get(f"/stories/{story.id}?translation={item.id}")
    shown = asked.get_data(as_text=True)
    assert asked.status_code == page.status_code  # the same page, in its own language
    assert ENGLISH["block"] not in shown


@pytest.mark.parametrize("who", ["amina", "edu_b"])
def test_the_translator_and_their_educators_see_it_waiting(client, pair, story, who):
    propose(client, pair, story)
    login_as(client, getattr(pair, who))
    html = client.get(f"/stories/{story.id}").get_data(as_text=True)
    assert ENGLISH["block"] in html and "Waiting for review" in html
    assert ("Publish this translation" in html) == (who == "edu_b")


@pytest.mark.parametrize("who", ["edu_a", "amina", "lea"])
def test_only_the_translators_educators_decide(client, pair, story, who):
    propose(client, pair, story)
    item = only_translation()
    login_as(client, getattr(pair, who))
    answer = client.post(f"/translations/{item.id}/approve")
    assert answer.status_code in (403, 404)
    db.session.refresh(item)
    assert item.status == "submitted"


def test_approved_readers_switch_between_original_and_translation(client, pair, story):
    propose(client, pair, story)
    item = only_translation()
    login_as(client, pair.edu_b)
    assert client.post(f"/translations/{item.id}/approve").status_code == 302
    db.session.refresh(item)
    assert item.status == "approved" and item.published_at is not None
    entry = db.session.scalars(
        db.select(ModerationEntry).filter_by(target_type="translation", action="approve")
    ).one()
    assert entry.actor_id == pair.edu_b.id
    told = set(
        db.session.scalars(db.select(Notification.user_id).filter_by(kind="story_translated"))
    )
    assert told == {pair.lea.id}
    sign_out(client)
    original = client.get(f"/stories/{story.id}").get_data(as_text=True)
    assert f"translation={item.id}" in original and "Amina, Kaweni" in original
    assert ENGLISH["block"] not in original
    page = client.get(f"/stories/{story.id}?translation={item.id}").get_data(as_text=True)
    assert (
        f'<h1 id="story-title" class="story-hero__title" lang="en" dir="ltr">{ENGLISH["title"]}'
        in page
    )
    assert '<div class="story-block story-block--text" lang="en" dir="ltr">' in page
    assert "<p>It smells of oranges.</p>" in page and "Come and taste." in page
    assert "Our square, at dusk." not in page  # the translated block replaces the original
    login_as(client, pair.lea)  # the author's side reads it too
    assert ENGLISH["block"] in client.get(f"/stories/{story.id}?translation={item.id}").get_data(
        as_text=True
    )


def test_a_refused_translation_goes_back_with_the_reason_and_can_be_sent_again(client, pair, story):
    propose(client, pair, story)
    item = only_translation()
    login_as(client, pair.edu_b)
    client.post(f"/translations/{item.id}/reject", data={"reason": "Check the second line."})
    db.session.refresh(item)
    assert (item.status, item.feedback) == ("rejected", "Check the second line.")
    login_as(client, pair.amina)
    assert "Check the second line." in client.get(f"/stories/{story.id}/translate").get_data(
        as_text=True
    )
    assert propose(client, pair, story).status_code == 302
    db.session.refresh(item)
    assert (
        item.status == "submitted"
        and db.session.scalar(db.select(db.func.count(StoryTranslation.id))) == 1
    )


def test_a_waiting_translation_is_not_changed_under_the_educators_eyes(client, pair, story):
    propose(client, pair, story)
    answer = client.post(f"/stories/{story.id}/translate", data=form(story, title="Other"))
    assert answer.status_code == 400
    assert only_translation().title == ENGLISH["title"]


def test_refusing_needs_a_reason(client, pair, story):
    propose(client, pair, story)
    item = only_translation()
    login_as(client, pair.edu_b)
    client.post(f"/translations/{item.id}/reject", data={"reason": ""})
    db.session.refresh(item)
    assert item.status == "submitted"


def test_the_stories_own_educator_takes_a_translation_down(client, pair, story):
    propose(client, pair, story)
    item = only_translation()
    translating.decide_translation(item, pair.edu_b, "approve")
    login_as(client, pair.edu_a)
    client.post(f"/translations/{item.id}/unpublish", data={"reason": "Wrong meaning."})
    db.session.refresh(item)
    assert item.status == "unpublished"
    sign_out(client)
    assert ENGLISH["block"] not in client.get(
        f"/stories/{story.id}?translation={item.id}"
    ).get_data(as_text=True)


def test_a_young_translators_consent_withdrawn_takes_the_translation_out(client, pair, story):
    propose(client, pair, story)
    item = only_translation()
    translating.decide_translation(item, pair.edu_b, "approve")
    sign_out(client)
    url = f"/stories/{story.id}?translation={item.id}"
    assert ENGLISH["block"] in client.get(url).get_data(as_text=True)
    consent = db.session.scalar(
        db.select(Consent).filter_by(user_id=pair.amina.id, kind=CONSENT_PARENTAL)
    )
    consent.granted = False
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert ENGLISH["block"] not in page and "Amina" not in page


def test_a_translation_into_the_storys_own_language_is_refused(client, pair, story):
    login_as(client, pair.amina)
    answer = client.post(f"/stories/{story.id}/translate", data=form(story, language="fr"))
    assert answer.status_code == 400
    assert db.session.scalar(db.select(db.func.count(StoryTranslation.id))) == 0
