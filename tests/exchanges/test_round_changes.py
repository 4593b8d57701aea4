"""A round can be changed or deleted by an educator of either side while no story answers it;
a round created for later says when it opens."""

from datetime import date, timedelta

import pytest

from storyhub.exchanges.models import Round
from storyhub.extensions import db
from storyhub.stories.models import Story
from tests import factories
from tests.exchanges.test_views import EN, fresh_client, get, round_form

TODAY = date.today()


@pytest.fixture
def exchange(side_a, side_b):
    return factories.make_exchange(side_a.group, side_b.group, title="Our exchange")


@pytest.fixture
def round_(exchange):
    return factories.make_round(exchange, question="Where do you meet?")


def _edit(app, user, round_, **changes):
    url = f"/exchanges/{round_.exchange_id}/rounds/{round_.id}/edit"
    return fresh_client(app, user).post(url, data=round_form(**changes), headers=EN)


def _delete(app, user, round_):
    url = f"/exchanges/{round_.exchange_id}/rounds/{round_.id}/delete"
    return fresh_client(app, user).post(url, headers=EN, follow_redirects=True)


def _question(round_id):
    db.session.expire_all()
    found = db.session.get(Round, round_id)
    return found.question if found else None


@pytest.mark.parametrize("side", ["side_a", "side_b"])
def test_either_sides_educator_changes_a_round_without_story(app, request, round_, side):
    educator = request.getfixturevalue(side).educator
    page = _edit(app, educator, round_, question="What do you share?", guidance="A place.")
    assert page.status_code == 302 and page.location.endswith(f"#round-{round_.id}")
    assert _question(round_.id) == "What do you share?"


def test_edit_page_is_filled_with_the_round(app, side_a, round_):
    page = get(app, side_a.educator, f"/exchanges/{round_.exchange_id}/rounds/{round_.id}/edit")
    assert page.status_code == 200
    assert b'value="Where do you meet?"' in page.data and b"Delete the round" in page.data


def test_a_round_answered_by_a_story_cannot_be_changed_or_deleted(app, side_a, round_):
    factories.make_story(round_, side_a.group, [side_a.young], "draft")
    assert _edit(app, side_a.educator, round_, question="Changed").status_code == 403
    assert _delete(app, side_a.educator, round_).status_code == 403
    assert _question(round_.id) == "Where do you meet?"
    page = get(app, side_a.educator, f"/exchanges/{round_.exchange_id}")
    assert b"Change or delete this round" not in page.data


@pytest.mark.parametrize("who", ["young", "outsider", "public"])
def test_others_cannot_change_or_delete_a_round(app, side_a, round_, outsider, who):
    user = {"young": side_a.young, "outsider": outsider.educator, "public": None}[who]
    assert _edit(app, user, round_, question="Changed").status_code in (302, 403, 404)
    _delete(app, user, round_)
    assert _question(round_.id) == "Where do you meet?"


def test_educator_deletes_a_round_without_story(app, side_a, round_):
    round_id = round_.id
    page = _delete(app, side_a.educator, round_)
    assert b"The round is deleted." in page.data
    assert _question(round_id) is None


def test_the_delete_itself_refuses_when_a_story_arrived_in_between(
    monkeypatch, side_a, round_, english
):
    """The check and the delete are one statement: a story that arrived after the page was
    shown is never swept away with its round."""
    from storyhub.core.errors import DomainError
    from storyhub.stories import round_changes as rounds

    story = factories.make_story(round_, side_a.group, [side_a.young], "draft")
    monkeypatch.setattr(rounds, "round_has_stories", lambda r: False)  # the check saw none yet
    with pytest.raises(DomainError):
        rounds.delete_round(round_, side_a.educator)
    assert db.session.get(Story, story.id) is not None
    assert _question(round_.id) == "Where do you meet?"


def test_bad_changes_are_refused_with_the_field_message(app, side_a, round_):
    page = _edit(app, side_a.educator, round_, closes_on=TODAY.isoformat())
    assert page.status_code == 200
    assert b"The closing date must come after the opening date." in page.data


def test_a_round_created_for_later_says_when_it_opens(app, side_a, exchange):
    later = TODAY + timedelta(days=10)
    data = round_form(
        opens_on=later.isoformat(), closes_on=(later + timedelta(days=20)).isoformat()
    )
    page = fresh_client(app, side_a.educator).post(
        f"/exchanges/{exchange.id}/rounds/new", data=data, headers=EN, follow_redirects=True
    )
    assert b"The round opens to both groups on" in page.data
    assert b"The round is open to both groups." not in page.data
