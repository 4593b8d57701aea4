"""The impact page: only shared, approved, selected reflections (display name and group), public
observations, reciprocity and figures matching hand-computed values, the chart only from five
complete answers, a fixed number of queries at 10 and 200 young people."""

import pytest

from storyhub.extensions import db
from storyhub.impact import figures, services
from storyhub.impact.models import Reflection
from storyhub.responses.models import Comment, Reaction
from tests import factories
from tests.impact.conftest import after, before
from tests.sql import count_queries


def _make_public(exchange):
    from storyhub.core.models import utcnow

    exchange.inviting_published_at = exchange.invited_published_at = utcnow()
    db.session.commit()


def _reflect(twin, person, text, share=True, approve=True, select=True, values=(2, 2, 2, 2)):
    before(person, twin.exchange, *values)
    after(person, twin.exchange, twin.round, reflection=text)
    reflection = db.session.scalar(db.select(Reflection).filter_by(author_id=person.id))
    educator = twin.educator_a if person.group_id == twin.group_a.id else twin.educator_b
    if share:
        services.take(reflection, person, "share")
    if share and approve:
        services.take(reflection, educator, "approve")
    if select:
        services.select_reflection(educator, reflection, "It shows a new view.", "knowledge")
    return reflection


def test_public_page_shows_only_shared_approved_selected_reflections(client, twin):
    _make_public(twin.exchange)
    twin.young_a.username = "secret_login_a"
    db.session.commit()
    _reflect(twin, twin.young_a, "SHOWN: we are alike.")
    _reflect(twin, twin.other_a, "UNSHARED words", share=False)
    _reflect(twin, twin.young_b, "UNAPPROVED words", approve=False)
    page = client.get(f"/exchanges/{twin.exchange.id}/impact")
    assert page.status_code == 200
    assert "SHOWN: we are alike." in page.text
    assert f"{twin.young_a.display_name}, {twin.group_a.name}" in page.text
    assert "UNSHARED words" not in page.text and "UNAPPROVED words" not in page.text
    assert "secret_login_a" not in page.text
    assert twin.educator_a.email not in page.text
    assert "I think…" not in page.text  # the before set's own words are never shown


def test_approved_but_not_selected_is_not_a_change_story(client, twin):
    _make_public(twin.exchange)
    _reflect(twin, twin.young_a, "Approved only", select=False)
    page = client.get(f"/exchanges/{twin.exchange.id}/impact")
    assert page.status_code == 200 and twin.exchange.title in page.text
    assert "Approved only" not in page.text


def test_consent_narrowed_to_the_exchange_keeps_it_off_the_public_page(client, as_user, twin):
    from storyhub.groups.models import SCOPE_EXCHANGE, Consent

    _make_public(twin.exchange)
    _reflect(twin, twin.young_a, "Inside only")
    consent = db.session.scalar(
        db.select(Consent).filter_by(user_id=twin.young_a.id, kind="parental")
    )
    consent.scope = SCOPE_EXCHANGE
    db.session.commit()
    assert "Inside only" not in client.get(f"/exchanges/{twin.exchange.id}/impact").text
    assert "Inside only" in as_user(twin.young_b).get(f"/exchanges/{twin.exchange.id}/impact").text


def test_private_exchange_impact_page_is_not_public(client, twin):
    assert client.get(f"/exchanges/{twin.exchange.id}/impact").status_code == 404


def test_public_observations_only(client, twin):
    from datetime import date

    _make_public(twin.exchange)
    services.add_observation(
        twin.educator_a, twin.exchange, twin.group_a.id, date.today(), "PUBLIC note", True
    )
    services.add_observation(
        twin.educator_a, twin.exchange, twin.group_a.id, date.today(), "PRIVATE note", False
    )
    text = client.get(f"/exchanges/{twin.exchange.id}/impact").text
    assert "PUBLIC note" in text and "PRIVATE note" not in text


def _people(group, n):
    return [factories.make_young(group) for _ in range(n)]


def test_chart_hidden_below_five_complete_answers_and_says_why(client, twin):
    _make_public(twin.exchange)
    for person in [twin.young_a, twin.other_a, twin.young_b, *_people(twin.group_b, 1)]:
        before(person, twin.exchange)
        after(person, twin.exchange, twin.round)
    page = client.get(f"/exchanges/{twin.exchange.id}/impact").text
    assert 'id="chart-hidden"' in page and "shift-chart" not in page
    extra = _people(twin.group_b, 1)[0]
    before(extra, twin.exchange)
    after(extra, twin.exchange, twin.round)
    page = client.get(f"/exchanges/{twin.exchange.id}/impact").text
    assert 'class="shift-chart"' in page and 'id="chart-hidden"' not in page


def test_individual_scale_answers_never_show(client, twin):
    _make_public(twin.exchange)
    people = [twin.young_a, twin.other_a, twin.young_b, *_people(twin.group_b, 2)]
    for index, person in enumerate(people):
        before(person, twin.exchange, 1, 1, 1, 1)
        after(person, twin.exchange, twin.round, 1 + index, 1, 1, 1)
    page = client.get(f"/exchanges/{twin.exchange.id}/impact", headers={"Accept-Language": "en"})
    page = page.text
    assert "<td>3.0</td>" in page  # the mean of 1..5 after, for the first statement
    assert "/5" not in page  # no one's "4/5" as on their own page


def test_before_after_means_match_hand_computed_values(twin):
    people = [twin.young_a, twin.other_a, twin.young_b]
    befores = [(1, 2, 3, 4), (2, 2, 3, 5), (3, 2, 3, 3)]
    afters = [(4, 3, 3, 4), (5, 3, 4, 5), (3, 4, 5, 3)]
    for person, b, a in zip(people, befores, afters, strict=True):
        before(person, twin.exchange, *b)
        after(person, twin.exchange, twin.round, *a)
    only_before = _people(twin.group_a, 1)[0]
    before(only_before, twin.exchange, 5, 5, 5, 5)  # not complete: not counted
    from storyhub.impact import statements as st

    first, second, *_ = st.statements_of(twin.exchange)
    found = figures.shifts(twin.exchange)
    assert found[first.id].before == pytest.approx(2.0) and found[first.id].after == pytest.approx(
        4.0
    )
    assert found[second.id].before == pytest.approx(2.0)
    assert found[second.id].after == pytest.approx(10 / 3)
    assert found[first.id].count == 3
    assert figures.complete_count(twin.exchange) == 3


def _exchanged(twin):
    """Two published stories of A, one of B (and a draft), reactions, questions, one answer."""
    round_ = twin.round
    story_a = factories.make_story(round_, twin.group_a, [twin.young_a], status="approved")
    factories.make_story(round_, twin.group_a, [twin.other_a], status="approved")
    story_b = factories.make_story(round_, twin.group_b, [twin.young_b], status="approved")
    factories.make_story(round_, twin.group_b, [twin.young_b], status="draft")  # not counted
    for kind in ("learned", "question", "thank_you"):
        db.session.add(Reaction(story_id=story_a.id, user_id=twin.young_b.id, kind=kind))
    db.session.add(Reaction(story_id=story_b.id, user_id=twin.young_a.id, kind="same_here"))
    question = Comment(
        story_id=story_a.id,
        author_id=twin.young_b.id,
        group_id=twin.group_b.id,
        body="Why?",
        status="approved",
    )
    unanswered = Comment(
        story_id=story_a.id,
        author_id=twin.young_b.id,
        group_id=twin.group_b.id,
        body="How?",
        status="approved",
    )
    db.session.add_all([question, unanswered])
    db.session.flush()
    db.session.add(
        Comment(
            story_id=story_a.id,
            author_id=twin.young_a.id,
            group_id=twin.group_a.id,
            parent_id=question.id,
            body="Because.",
            status="approved",
        )
    )
    db.session.commit()


def test_reciprocity_counts_match_hand_computed_values(twin):
    _exchanged(twin)
    round_ = twin.round
    result = figures.reciprocity(twin.exchange)
    a, b = result.side(twin.group_a.id), result.side(twin.group_b.id)
    assert (a.stories, a.reactions, a.questions, a.answered, a.unanswered) == (2, 1, 0, 1, 1)
    assert (b.stories, b.reactions, b.questions, b.answered) == (1, 2, 3, 0)
    assert result.share(twin.group_a.id) == round(100 * 4 / 10)
    assert result.side(twin.group_b.id, round_.id).questions == 3


def _grow(twin, per_side):
    people = _people(twin.group_a, per_side) + _people(twin.group_b, per_side)
    for index, person in enumerate(people):
        before(person, twin.exchange, 2, 2, 3, 1)
        after(person, twin.exchange, twin.round, reflection=f"Change {index}")
        reflection = db.session.scalar(db.select(Reflection).filter_by(author_id=person.id))
        educator = twin.educator_a if person.group_id == twin.group_a.id else twin.educator_b
        services.take(reflection, person, "share")
        services.take(reflection, educator, "approve")
        services.select_reflection(educator, reflection, "Because.", "skills")
    from datetime import date

    services.add_observation(
        twin.educator_a, twin.exchange, twin.group_a.id, date.today(), "Seen", True
    )


def _queries_for_page(client, exchange_id):
    with count_queries() as statements:
        response = client.get(f"/exchanges/{exchange_id}/impact")
    assert response.status_code == 200
    return len(statements)


def test_impact_page_queries_do_not_grow_with_young_people(client, twin):
    _make_public(twin.exchange)
    _grow(twin, 5)
    small = _queries_for_page(client, twin.exchange.id)
    _grow(twin, 25)  # 5 then 30 a side: a query per person would show six times over
    large = _queries_for_page(client, twin.exchange.id)
    assert large == small, (small, large)


def _row(page: str, marker: str, label: str) -> list[str]:
    """The figures of one row (by its heading) of the table after `marker`."""
    table = page.split(marker, 1)[1].split("</table>", 1)[0]
    row = table.split(f'<th scope="row">{label}</th>', 1)[1].split("</tr>", 1)[0]
    return [cell.split(">", 1)[1].split("</td>")[0].strip() for cell in row.split("<td")[1:]]


def test_impact_page_shows_the_hand_computed_figures(client, twin):
    """The page's numbers are the figures: A gave 2 stories, 1 reaction, 0 questions, answered 1;
    B gave 1 story, 2 reactions, 3 questions (1 reaction + 2 comments), answered 0; 40 % / 60 %;
    round by round the same (one round); participation as answered."""
    _make_public(twin.exchange)
    _exchanged(twin)
    _reflect(twin, twin.young_a, "We are alike.", select=False)
    before(twin.young_b, twin.exchange)
    page = client.get(f"/exchanges/{twin.exchange.id}/impact", headers={"Accept-Language": "en"})
    text = page.text
    balance = 'class="balance__figures"'
    assert _row(text, balance, "Stories published") == ["2", "1"]
    assert _row(text, balance, "Reactions given") == ["1", "2"]
    assert _row(text, balance, "Questions asked") == ["0", "3"]
    assert _row(text, balance, "Questions answered") == ["1", "0"]
    assert f"{twin.group_a.name} 40 %" in text and f"60 % {twin.group_b.name}" in text
    per_round = f'id="round-balance-{twin.round.id}"'
    assert twin.round.question in text.split(per_round, 1)[1].split("</caption>", 1)[0]
    assert _row(text, per_round, "Stories published") == ["2", "1"]
    assert _row(text, per_round, "Reactions given") == ["1", "2"]
    assert _row(text, per_round, "Questions asked") == ["0", "3"]
    assert _row(text, per_round, "Questions answered") == ["1", "0"]
    taking_part = 'id="participation-title"'
    assert _row(text, taking_part, "Young people") == ["2", "1"]
    assert _row(text, taking_part, "Answered before") == ["1", "1"]
    assert _row(text, taking_part, "Answered both") == ["1", "0"]
    assert _row(text, taking_part, "Shared and published") == ["1", "0"]
