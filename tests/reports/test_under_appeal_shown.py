"""Under appeal, seen by the people concerned: the author (story page, my space, their refused
comment) and the group's educators (review page, report queue, my space), in English and
French; the appeal form gives way to the note; once an admin decides, the note goes."""

import re

import pytest

from storyhub.extensions import db
from storyhub.reports import appeals, services
from tests import factories
from tests.reports.conftest import report

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}
NOTE = {"en": "Under appeal", "fr": "En recours"}
AUTHOR_NOTE = {
    "en": "An educator asked the StoryHub admins to look at this decision again.",
    "fr": "Un·e éducateur·rice a demandé aux administrateurs de StoryHub de réexaminer",
}
EDUCATOR_NOTE = {
    "en": "An appeal against this decision is waiting for the StoryHub admins",
    "fr": "Un recours contre cette décision attend les administrateurs de StoryHub",
}


def _page(client, url, headers, marker):
    """The page, after checking it is the right one (200 and its own marker)."""
    page = client.get(url, headers=headers)
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and marker in text, url
    return text


def _my_story(text: str, story_id: int) -> str:
    """The card of one story in 'My space'."""
    found = re.search(rf'id="my-story-{story_id}".*?</li>', text, re.S)
    assert found, "the story's card is on the page"
    return found.group(0)


def _unpublish(client, world):
    report(client, "story", world.story.id, reason="child_data")
    services.decide(world.story, world.admin, "unpublish", "Looked like an address")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_author_sees_their_story_under_appeal_then_no_more(client, as_user, world, lang):
    headers = EN if lang == "en" else FR
    _unpublish(client, world)
    reader = as_user(world.author)
    story_url = f"/stories/{world.story.id}"
    before = _page(reader, story_url, headers, 'id="status-title"')
    assert NOTE[lang] not in before
    assert NOTE[lang] not in _my_story(
        _page(reader, "/dashboard", headers, 'id="mine-title"'), world.story.id
    )

    appeal = appeals.request_appeal(world.story, world.educator, "It is a café's name")
    page = _page(as_user(world.author), story_url, headers, 'id="status-title"')
    assert NOTE[lang] in page and AUTHOR_NOTE[lang] in page
    card = _my_story(_page(reader, "/dashboard", headers, 'id="mine-title"'), world.story.id)
    assert NOTE[lang] in card and AUTHOR_NOTE[lang] in card

    appeals.decide_appeal(appeal, world.admin, reverse=False, answer="It stays down")
    after = _page(as_user(world.author), story_url, headers, 'id="status-title"')
    assert NOTE[lang] not in after


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_educators_see_the_appeal_instead_of_the_form(client, as_user, world, lang):
    headers = EN if lang == "en" else FR
    _unpublish(client, world)
    educator = as_user(world.educator)
    review_url = f"/moderation/stories/{world.story.id}"
    before = _page(educator, review_url, headers, 'id="decide-title"')
    assert 'id="appeal-text"' in before and NOTE[lang] not in before
    queue = _page(educator, "/moderation/reports", headers, 'id="decisions-title"')
    assert f'action="/moderation/appeals/story/{world.story.id}"' in queue
    assert NOTE[lang] not in queue

    appeals.request_appeal(world.story, world.educator, "It is a café's name")
    review = _page(as_user(world.educator), review_url, headers, 'id="decide-title"')
    assert NOTE[lang] in review and EDUCATOR_NOTE[lang] in review
    assert 'id="appeal-text"' not in review  # no second appeal offered
    queue = _page(educator, "/moderation/reports", headers, 'id="decisions-title"')
    assert NOTE[lang] in queue
    assert f'action="/moderation/appeals/story/{world.story.id}"' not in queue
    story_page = _page(educator, f"/stories/{world.story.id}", headers, 'id="status-title"')
    assert EDUCATOR_NOTE[lang] in story_page
    space = _page(educator, "/dashboard", headers, 'id="appeals-title"')
    assert f'href="/stories/{world.story.id}"' in space and NOTE[lang] in space


def test_a_co_educator_sees_the_appeal_and_an_outsider_nothing(client, as_user, world):
    _unpublish(client, world)
    appeals.request_appeal(world.story, world.educator, "It is a café's name")
    co_educator = factories.make_educator()
    world.group.educators.append(co_educator)
    db.session.commit()
    outsider = factories.make_educator()
    factories.make_group(outsider)
    space = _page(as_user(co_educator), "/dashboard", EN, "My groups")
    assert 'id="appeals-title"' in space and f'href="/stories/{world.story.id}"' in space
    other = _page(as_user(outsider), "/dashboard", EN, "My groups")
    assert 'id="appeals-title"' not in other and NOTE["en"] not in other


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_writer_of_a_refused_comment_sees_it_under_appeal(client, as_user, world, lang):
    headers = EN if lang == "en" else FR
    report(client, "comment", world.comment.id, reason="stranger")
    services.decide(world.comment, world.educator, "unpublish", "Contact request")
    writer = as_user(world.twin_educator)
    url = f"/stories/{world.story.id}"
    marker = f'id="comment-{world.comment.id}"'
    assert NOTE[lang] not in _page(writer, url, headers, marker)
    appeals.request_appeal(world.comment, world.educator, "It was a joke")
    page = _page(as_user(world.twin_educator), url, headers, marker)
    note = re.search(rf"{marker}.*?</div>", page, re.S).group(0)
    assert NOTE[lang] in note and AUTHOR_NOTE[lang] in note
    queue = _page(as_user(world.educator), "/moderation/reports", headers, 'id="decisions-title"')
    assert NOTE[lang] in queue
    assert f'action="/moderation/appeals/comment/{world.comment.id}"' not in queue
