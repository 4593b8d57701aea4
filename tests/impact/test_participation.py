"""The follow-up's "Who took part": for each young person of the educator's own group, the
stories they wrote or co-wrote in this exchange (published, in progress) and the comments and
reactions they gave in it; hand-computed figures, only the educator's group, the same number of
queries for 2 members as for 30."""

import re
from datetime import timedelta

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.impact.participation import Participation, member_participation
from storyhub.responses.models import Comment, Reaction
from tests import factories
from tests.rights.conftest import EN
from tests.sql import count_queries

FR = {"Accept-Language": "fr"}


def _comment(story, author, status="approved"):
    db.session.add(
        Comment(story_id=story.id, author_id=author.id, group_id=author.group_id, body="Hi",
                status=status)
    )  # fmt: skip
    db.session.commit()


def _react(story, user, *kinds):
    db.session.add_all(Reaction(story_id=story.id, user_id=user.id, kind=k) for k in kinds)
    db.session.commit()


def _row(page: str, name: str) -> str:
    """The text of the roster row of one person, tags stripped."""
    table = page.split('id="roster-title"')[1].split("</table>")[0]
    row = next(r for r in table.split("<tr") if name in r)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()


def _seed(twin):
    """young_a: 1 published, 2 in progress, 2 comments, 3 reactions in this exchange (and as
    much again elsewhere, which must not count); other_a: 1 published (co-written)."""
    a, b, r = twin.young_a, twin.young_b, twin.round
    factories.make_story(r, twin.group_a, [a, twin.other_a], status="approved")
    draft = factories.make_story(r, twin.group_a, [a], status="draft")
    draft.created_by_id = a.id  # started and co-written: counts once
    started = factories.make_story(r, twin.group_a, [], status="submitted")
    started.created_by_id = a.id  # started only
    hidden = factories.make_story(r, twin.group_a, [a], status="approved")
    hidden.hidden_at = utcnow()  # taken down while reports wait: neither published nor writing
    factories.make_story(r, twin.group_a, [a], status="rejected")
    db.session.commit()
    theirs = factories.make_story(r, twin.group_b, [b], status="approved")
    second = factories.make_story(r, twin.group_b, [b], status="approved")
    _comment(theirs, a)
    _comment(second, a, status="submitted")
    _react(theirs, a, "learned", "thank_you")
    _react(second, a, "question")
    _comment(theirs, b)
    _react(theirs, b, "learned")
    # Another exchange of the same group: nothing of it counts here.
    group_c = factories.make_group(factories.make_educator())
    elsewhere = factories.make_exchange(twin.group_a, group_c)
    round_c = factories.make_round(elsewhere)
    factories.make_story(round_c, twin.group_a, [a], status="approved")
    factories.make_story(round_c, twin.group_a, [a], status="draft")
    far = factories.make_story(round_c, group_c, [factories.make_young(group_c)], "approved")
    _comment(far, a)
    _react(far, a, "learned", "same_here")


def test_figures_of_each_member_are_hand_computed(twin):
    _seed(twin)
    found = member_participation(twin.exchange, {twin.group_a.id})
    assert found[twin.young_a.id] == Participation(
        published=1, in_progress=2, comments=2, reactions=3
    )
    assert found[twin.other_a.id] == Participation(published=1)
    assert twin.young_b.id not in found  # the twin side: not asked
    theirs = member_participation(twin.exchange, {twin.group_b.id})
    assert theirs == {twin.young_b.id: Participation(published=2, comments=1, reactions=1)}
    assert member_participation(twin.exchange, set()) == {}


def test_follow_up_shows_them_in_english_and_french(as_user, twin):
    _seed(twin)
    client = as_user(twin.educator_a)
    url = f"/exchanges/{twin.exchange.id}/impact/follow"
    page = client.get(url, headers=EN).text
    assert "Who took part" in page and "Who answered" not in page
    row = _row(page, twin.young_a.display_name)
    assert row.endswith("1 published 2 in progress 2 3"), row
    assert _row(page, twin.other_a.display_name).endswith("1 published 0 in progress 0 0")
    page_fr = client.get(url, headers=FR).text
    assert "Qui a participé" in page_fr
    assert _row(page_fr, twin.young_a.display_name).endswith("1 publié 2 en cours 2 3")
    assert '<th scope="col">Réactions</th>' in page_fr


def test_only_the_educators_own_group_is_listed(as_user, twin):
    _seed(twin)
    outside = factories.make_young(factories.make_group(twin.educator_a))  # not in the exchange
    page = as_user(twin.educator_a).get(f"/exchanges/{twin.exchange.id}/impact/follow").text
    table = page.split('id="roster-title"')[1].split("</table>")[0]
    assert twin.young_a.display_name in table and twin.other_a.display_name in table
    assert twin.young_b.display_name not in table
    assert outside.display_name not in table


def test_twin_educator_never_sees_this_groups_table(as_user, twin):
    _seed(twin)
    client = as_user(twin.educator_b)
    page = client.get(f"/exchanges/{twin.exchange.id}/impact/follow", headers=EN).text
    table = page.split('id="roster-title"')[1].split("</table>")[0]
    assert twin.young_a.display_name not in page and twin.other_a.display_name not in page
    assert _row(page, twin.young_b.display_name).endswith("2 published 0 in progress 1 1")
    assert f"/groups/members/{twin.young_a.id}/journey" not in table
    assert client.get(f"/groups/members/{twin.young_a.id}/journey").status_code == 404
    stranger = as_user(factories.make_educator())
    assert (
        stranger.get(f"/exchanges/{twin.exchange.id}/impact/follow").status_code == 404
    )  # private
    young = as_user(twin.young_a)
    assert young.get(f"/exchanges/{twin.exchange.id}/impact/follow").status_code == 403


def _busy_members(twin, count):
    people = [factories.make_young(twin.group_a) for _ in range(count)]
    theirs = factories.make_story(twin.round, twin.group_b, [twin.young_b], status="approved")
    for i, person in enumerate(people):
        status = "approved" if i % 2 else "draft"
        factories.make_story(twin.round, twin.group_a, [person], status=status)
        _comment(theirs, person)
        _react(theirs, person, "learned")
    return people


def test_same_number_of_queries_for_2_and_30_members(as_user, twin):
    client = as_user(twin.educator_a)
    url = f"/exchanges/{twin.exchange.id}/impact/follow"
    # The fixture's two young people of side A, who co-wrote a published story.
    factories.make_story(twin.round, twin.group_a, [twin.young_a, twin.other_a], "approved")
    client.get(url, headers=EN)
    with count_queries() as few:
        assert client.get(url, headers=EN).status_code == 200
    with count_queries() as few_figures:
        member_participation(twin.exchange, {twin.group_a.id})
    _busy_members(twin, 28)
    client.get(url, headers=EN)  # as above: the session's first look after the seeding
    with count_queries() as many:
        page = client.get(url, headers=EN).text
    with count_queries() as many_figures:
        found = member_participation(twin.exchange, {twin.group_a.id})
    assert len(found) == 30
    assert page.count("1 published") >= 16  # 14 of the 28 + the two of the fixture
    assert len(few) == len(many)
    assert len(few_figures) == len(many_figures) == 3


def test_a_story_reviewed_long_ago_still_counts_as_published(twin):
    story = factories.make_story(twin.round, twin.group_a, [twin.young_a], status="approved")
    story.published_at = utcnow() - timedelta(days=400)
    db.session.commit()
    assert member_participation(twin.exchange, {twin.group_a.id})[twin.young_a.id].published == 1
