"""Kind reactions: the twin group only, one of each kind per person, counts shown to readers."""

import pytest

from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.responses import services
from storyhub.responses.models import REACTION_KINDS, Reaction
from tests import factories


def _reactions(story):
    query = db.select(Reaction.user_id, Reaction.kind).filter_by(story_id=story.id)
    return sorted(db.session.execute(query).all())


def _react(client, story, kind, **extra):
    return client.post(f"/responses/stories/{story.id}/react", data={"kind": kind, **extra})


@pytest.mark.parametrize("who", ["young_b", "educator_b"])
def test_twin_group_member_reacts(as_user, pair, who):
    user = getattr(pair, who)
    response = _react(as_user(user), pair.story, "learned")
    assert response.status_code == 302
    assert _reactions(pair.story) == [(user.id, "learned")]


def test_one_of_each_kind_and_a_second_press_takes_it_back(as_user, pair):
    client = as_user(pair.young_b)
    for kind in REACTION_KINDS:
        _react(client, pair.story, kind)
    assert len(_reactions(pair.story)) == 4
    _react(client, pair.story, "thank_you")
    kinds = [kind for _user, kind in _reactions(pair.story)]
    assert sorted(kinds) == sorted(set(REACTION_KINDS) - {"thank_you"})


def test_asking_twice_for_the_same_state_keeps_one(as_user, pair):
    client = as_user(pair.young_b)
    _react(client, pair.story, "same_here", state="on")
    _react(client, pair.story, "same_here", state="on")
    assert _reactions(pair.story) == [(pair.young_b.id, "same_here")]
    _react(client, pair.story, "same_here", state="off")
    assert _reactions(pair.story) == []


def test_the_script_gets_the_new_count_as_json(as_user, pair):
    services.set_reaction(pair.educator_b, pair.story, "learned")
    response = as_user(pair.young_b).post(
        f"/responses/stories/{pair.story.id}/react",
        data={"kind": "learned"},
        headers={"Accept": "application/json"},
    )
    assert response.get_json() == {"kind": "learned", "on": True, "count": 2}


@pytest.mark.parametrize("who", ["author", "other_a", "educator_a"])
def test_the_story_own_group_cannot_react(as_user, pair, who):
    assert _react(as_user(getattr(pair, who)), pair.story, "learned").status_code == 403
    assert _reactions(pair.story) == []


def test_a_member_of_another_exchange_cannot_react(as_user, pair, outsider):
    assert _react(as_user(outsider), pair.story, "learned").status_code == 404
    pair.exchange.inviting_published_at = pair.exchange.invited_published_at = pair.story.created_at
    db.session.commit()
    assert _react(as_user(outsider), pair.story, "learned").status_code == 403
    assert _reactions(pair.story) == []


def test_the_public_cannot_react(client, pair):
    response = _react(client, pair.story, "learned")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert _reactions(pair.story) == []


def test_no_reaction_to_an_unpublished_story(as_user, pair):
    draft = factories.make_story(
        pair.round, pair.group_a, authors=[pair.author], status="submitted"
    )
    assert _react(as_user(pair.young_b), draft, "learned").status_code == 404
    assert _react(as_user(pair.educator_a), draft, "learned").status_code == 403
    assert _reactions(draft) == []


def test_no_reaction_once_the_exchange_is_closed(as_user, pair):
    pair.exchange.status = "closed"
    db.session.commit()
    assert _react(as_user(pair.young_b), pair.story, "learned").status_code == 403


@pytest.mark.parametrize("kind", ["", "love", "learned ", "<script>", "x" * 5000])
def test_an_unknown_kind_is_a_bad_request(as_user, pair, kind):
    assert _react(as_user(pair.young_b), pair.story, kind).status_code == 400
    assert _reactions(pair.story) == []


def test_the_service_refuses_an_unknown_kind_and_outsiders(pair, outsider):
    with pytest.raises(DomainError, match="does not exist"):
        services.set_reaction(pair.young_b, pair.story, "love")
    with pytest.raises(DomainError, match="twin group"):
        services.set_reaction(outsider, pair.story, "learned")


@pytest.mark.parametrize("story_id", ["999999", "0", "abc", "99999999999999999999999"])
def test_garbage_story_ids_are_not_found(as_user, pair, story_id):
    response = as_user(pair.young_b).post(
        f"/responses/stories/{story_id}/react", data={"kind": "learned"}
    )
    assert response.status_code == 404


def test_counts_are_shown_to_every_reader_buttons_only_to_the_twin(render_responses, pair):
    services.set_reaction(pair.young_b, pair.story, "learned")
    services.set_reaction(pair.educator_b, pair.story, "learned")
    services.set_reaction(pair.young_b, pair.story, "thank_you")
    author_view = render_responses(pair.story, pair.author)
    assert "I learned something" in author_view and "reaction-form" not in author_view
    twin_view = render_responses(pair.story, pair.young_b)
    assert twin_view.count('class="reaction-form"') == 4
    assert 'aria-pressed="true"' in twin_view
    assert "<span data-count>2</span>" in twin_view


def test_the_public_sees_counts_of_a_public_exchange_only(render_responses, pair):
    services.set_reaction(pair.young_b, pair.story, "same_here")
    assert "Same here" not in render_responses(pair.story)
    pair.exchange.inviting_published_at = pair.exchange.invited_published_at = pair.story.created_at
    db.session.commit()
    public = render_responses(pair.story)
    assert "Same here" in public and "reaction-form" not in public
