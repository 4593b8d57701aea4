"""No dead ends for a young person: "My space" lists their stories with their state, what to do
next and the reactions and comments received, and tells for each open round whether their group
has answered; the round page offers "Write our story" only while the group has not answered."""

import pytest

from storyhub.extensions import db
from storyhub.responses.models import Comment, Reaction
from tests import factories

EN = {"Accept-Language": "en"}


def _space(as_user, user, headers=EN):
    """The person's own space, checked to be it (200 and its greeting) before anything is
    looked for in it, or found missing."""
    response = as_user(user).get("/dashboard", headers=headers)
    assert response.status_code == 200 and user.display_name in response.text
    assert 'class="eyebrow"' in response.text
    return response.text


@pytest.mark.parametrize(
    ("status", "next_step"),
    [
        ("draft", "Not sent yet: finish it, then send it to your educator."),
        ("changes_requested", "Your educator asked for changes"),
        ("submitted", "Waiting for your educator to read it."),
        ("approved", "Published: the twin group can read it."),
        ("rejected", "Not published. Your educator said why:"),
    ],
)
def test_my_space_lists_my_stories_with_what_to_do_next(as_user, pair, status, next_step):
    story = factories.make_story(pair.round, pair.a, [pair.lea], status, title="The harbour")
    story.feedback = "Tell us more about the boats." if status != "approved" else ""
    db.session.commit()
    html = _space(as_user, pair.lea)
    card = html[html.index(f'id="my-story-{story.id}"') :]
    assert "The harbour" in card and next_step in card
    if status in ("draft", "changes_requested"):
        assert f'href="/stories/{story.id}/edit"' in card
    if status == "changes_requested":
        assert "Tell us more about the boats." in card


def test_my_space_shows_the_reactions_and_comments_received(as_user, pair):
    story = factories.make_story(pair.round, pair.a, [pair.lea], "approved", title="The harbour")
    other = factories.make_young(pair.b, name="Nassim")
    for user, kind in ((pair.amina, "learned"), (other, "learned"), (pair.amina, "thank_you")):
        db.session.add(Reaction(story_id=story.id, user_id=user.id, kind=kind))
    db.session.add(Comment(story_id=story.id, author_id=pair.amina.id, group_id=pair.b.id,
                           body="Lovely!", status="approved"))  # fmt: skip
    db.session.add(Comment(story_id=story.id, author_id=pair.amina.id, group_id=pair.b.id,
                           body="Still waiting", status="submitted"))  # fmt: skip
    db.session.commit()
    html = _space(as_user, pair.lea)
    card = html[html.index(f'id="my-story-{story.id}"') :]
    assert "2 × I learned something" in card and "1 × Thank you" in card
    assert "1 comment" in card  # the comment still under review is not counted


def test_another_young_person_does_not_see_my_stories_in_their_space(as_user, pair):
    factories.make_story(pair.round, pair.a, [pair.lea], "draft", title="Léa's secret draft")
    assert "Léa's secret draft" not in _space(as_user, pair.amina)


def test_an_open_round_says_when_our_group_has_answered(as_user, pair):
    html = _space(as_user, pair.yanis)
    assert "Write our story" in html and "Our group has answered" not in html
    factories.make_story(pair.round, pair.a, [pair.lea], "submitted", title="Our harbour")
    html = _space(as_user, pair.yanis)
    assert "Our group has answered" in html and "Our harbour" in html
    assert "Write our story" not in html


def test_a_refused_story_is_no_answer(as_user, pair):
    factories.make_story(pair.round, pair.a, [pair.lea], "rejected", title="Refused")
    html = as_user(pair.lea).get(f"/rounds/{pair.round.id}", headers=EN).text
    assert "Write our story" in html


def test_round_page_offers_to_continue_our_draft_instead_of_writing_another(as_user, pair):
    story = factories.make_story(pair.round, pair.a, [pair.lea], "draft", title="Our harbour")
    html = as_user(pair.lea).get(f"/rounds/{pair.round.id}", headers=EN).text
    assert "Write our story" not in html
    assert f'href="/stories/{story.id}/edit"' in html and "Continue our story" in html


def test_round_page_links_our_published_answer(as_user, pair):
    story = factories.make_story(pair.round, pair.a, [pair.lea], "approved", title="Our harbour")
    html = as_user(pair.yanis).get(f"/rounds/{pair.round.id}", headers=EN).text
    assert "Write our story" not in html
    assert "See our answer" in html and f'href="/stories/{story.id}"' in html


def test_the_twin_group_still_may_write_when_only_we_answered(as_user, pair):
    factories.make_story(pair.round, pair.a, [pair.lea], "approved", title="Our harbour")
    html = as_user(pair.amina).get(f"/rounds/{pair.round.id}", headers=EN).text
    assert "Write our story" in html


def test_in_french_the_next_steps_are_french(as_user, pair):
    factories.make_story(pair.round, pair.a, [pair.lea], "submitted", title="Le port")
    html = _space(as_user, pair.lea, {"Accept-Language": "fr"})
    assert "Mes histoires" in html and "Notre groupe a répondu" in html
