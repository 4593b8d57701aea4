"""Who sees the pair page and a story: members, the public, strangers."""

from datetime import date

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from tests import factories

HIDDEN_STATUSES = ["draft", "submitted", "changes_requested", "rejected", "unpublished"]


def _story(pair, status, group=None, **kw):
    group = group or pair.a
    authors = [pair.lea] if group is pair.a else [pair.amina]
    return factories.make_story(pair.round, group, authors, status=status, **kw)


def _make_public(exchange):
    exchange.inviting_published_at = exchange.invited_published_at = utcnow()
    db.session.commit()


# The pair page ---------------------------------------------------------------------------


def test_public_never_sees_the_pair_of_a_private_exchange(client, pair):
    _story(pair, "approved", title="Published but private")
    page = client.get(f"/rounds/{pair.round.id}")
    assert page.status_code == 404
    assert b"Published but private" not in page.data


def test_public_sees_both_sides_once_the_exchange_is_public(client, pair):
    _story(pair, "approved", title="Our square at dusk")
    _story(pair, "approved", group=pair.b, title="The barge to Petite-Terre")
    _make_public(pair.exchange)
    page = client.get(f"/rounds/{pair.round.id}", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Our square at dusk" in html and "The barge to Petite-Terre" in html
    assert html.index("Bordeaux") < html.index("Mamoudzou")
    assert "Write our story" not in html


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_public_pair_page_never_shows_an_unpublished_story(client, pair, status):
    _story(pair, status, title="Not for the public")
    _make_public(pair.exchange)
    page = client.get(f"/rounds/{pair.round.id}")
    assert page.status_code == 200 and 'id="pair-question"' in page.text
    assert "Not for the public" not in page.text


def test_a_side_without_published_story_says_the_pair_is_waiting(client, pair):
    _story(pair, "approved", title="Our square")
    _make_public(pair.exchange)
    page = client.get(f"/rounds/{pair.round.id}", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert "The pair is awaiting Mamoudzou" in html
    assert "The pair is awaiting Bordeaux" not in html


def test_members_see_the_twin_stories_while_the_exchange_is_private(as_user, pair):
    _story(pair, "approved", group=pair.b, title="The barge")
    html = as_user(pair.lea).get(f"/rounds/{pair.round.id}").get_data(as_text=True)
    assert "The barge" in html


def test_members_see_the_write_button_while_the_round_is_open(as_user, pair):
    page = as_user(pair.lea).get(f"/rounds/{pair.round.id}", headers={"Accept-Language": "en"})
    assert "Write our story" in page.get_data(as_text=True)


def test_no_write_button_once_the_round_is_closed(as_user, pair):
    closed = factories.make_round(
        pair.exchange, opens_on=date(2025, 1, 1), closes_on=date(2025, 2, 1)
    )
    page = as_user(pair.lea).get(f"/rounds/{closed.id}", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert "Write our story" not in page.get_data(as_text=True)


def test_authors_see_their_drafts_with_status_but_the_twin_does_not(as_user, client, pair):
    _story(pair, "submitted", title="Our secret draft")
    mine = as_user(pair.lea).get(f"/rounds/{pair.round.id}", headers={"Accept-Language": "en"})
    assert "Our secret draft" in mine.get_data(as_text=True)
    assert "Waiting for review" in mine.get_data(as_text=True)
    theirs = as_user(pair.amina).get(f"/rounds/{pair.round.id}")
    assert "Our secret draft" not in theirs.get_data(as_text=True)
    twin_educator = as_user(pair.edu_b).get(f"/rounds/{pair.round.id}")
    assert "Our secret draft" not in twin_educator.get_data(as_text=True)


def test_group_educator_sees_the_group_drafts(as_user, pair):
    _story(pair, "draft", title="Yanis draft")
    page = as_user(pair.edu_a).get(f"/rounds/{pair.round.id}")
    assert "Yanis draft" in page.get_data(as_text=True)


def test_a_group_mate_who_is_not_an_author_does_not_see_the_draft(as_user, pair):
    _story(pair, "draft", title="Léa alone")
    page = as_user(pair.yanis).get(f"/rounds/{pair.round.id}")
    assert page.status_code == 200 and 'id="pair-question"' in page.text
    assert "Léa alone" not in page.text


def test_a_member_of_another_exchange_sees_nothing_of_this_one(as_user, pair):
    story = _story(pair, "approved", title="Private pair")
    other = factories.make_exchange()
    stranger = factories.make_young(other.inviting_group)
    assert as_user(stranger).get(f"/rounds/{pair.round.id}").status_code == 404
    assert as_user(stranger).get(f"/stories/{story.id}").status_code == 404
    assert as_user(other.inviting_group.educators[0]).get(f"/stories/{story.id}").status_code == 404


# The story page --------------------------------------------------------------------------


@pytest.mark.parametrize("status", HIDDEN_STATUSES + ["approved"])
def test_public_never_sees_a_story_of_a_private_exchange(client, pair, status):
    story = _story(pair, status)
    assert client.get(f"/stories/{story.id}").status_code == 404


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_public_never_sees_an_unapproved_story_even_of_a_public_exchange(client, pair, status):
    story = _story(pair, status)
    _make_public(pair.exchange)
    assert client.get(f"/stories/{story.id}").status_code == 404


def test_public_reads_an_approved_story_of_a_public_exchange(client, pair):
    story = _story(pair, "approved", title="Our square", text="<p>Benches <em>everywhere</em>.</p>")
    _make_public(pair.exchange)
    page = client.get(f"/stories/{story.id}", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Benches <em>everywhere</em>." in html
    assert "Léa" in html and "4e B" in html and "Bordeaux" in html
    assert pair.lea.username not in html


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_twin_members_never_see_an_unapproved_story(as_user, pair, status):
    story = _story(pair, status)
    assert as_user(pair.amina).get(f"/stories/{story.id}").status_code == 404


def test_educator_of_group_b_cannot_see_a_draft_of_group_a(as_user, pair):
    story = _story(pair, "draft")
    assert as_user(pair.edu_b).get(f"/stories/{story.id}").status_code == 404


def test_an_arabic_story_is_written_right_to_left(as_user, pair):
    story = _story(pair, "approved", language="ar", title="ساحتنا")
    html = as_user(pair.amina).get(f"/stories/{story.id}").get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in html


def test_the_story_page_links_the_story_it_answers_and_lists_its_answers(as_user, pair):
    first = _story(pair, "approved", group=pair.b, title="The barge")
    answer = _story(pair, "approved", title="Our tram")
    answer.in_reply_to = first
    db.session.commit()
    client = as_user(pair.lea)
    assert "The barge" in client.get(f"/stories/{answer.id}").get_data(as_text=True)
    assert "Our tram" in client.get(f"/stories/{first.id}").get_data(as_text=True)


def test_changes_requested_feedback_is_shown_to_the_authors(as_user, pair):
    story = _story(pair, "changes_requested")
    story.feedback = "Say more about the benches."
    db.session.commit()
    html = as_user(pair.lea).get(f"/stories/{story.id}").get_data(as_text=True)
    assert "Say more about the benches." in html


@pytest.mark.parametrize(
    "url", ["/stories/0", "/stories/99999999999999999999", "/rounds/0", "/rounds/123456789"]
)
def test_garbage_ids_are_404(client, url):
    assert client.get(url).status_code == 404


def _queries_for(client, url):
    from tests.sql import count_queries

    with count_queries() as statements:
        assert client.get(url).status_code == 200
    return len(statements)


@pytest.mark.parametrize("path", ["/rounds/{round}", "/stories/{story}"])
def test_public_pages_run_a_constant_number_of_queries(client, pair, path):
    first = _story(pair, "approved", title="First")
    _make_public(pair.exchange)
    url = path.format(round=pair.round.id, story=first.id)

    def add_replies(count):
        for n in range(count):
            reply = _story(pair, "approved", group=pair.b if n % 2 else pair.a, title=f"R{n}")
            reply.in_reply_to = first
        db.session.commit()
        db.session.expire_all()

    add_replies(2)
    few = _queries_for(client, url)
    add_replies(10)
    assert _queries_for(client, url) == few
