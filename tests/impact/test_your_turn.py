"""The exchange page tells the side that owes an answer that it is their turn (and only them)."""

from datetime import date, timedelta

from storyhub.extensions import db
from storyhub.responses.models import Comment
from tests import factories


def test_side_that_owes_an_answer_reads_your_turn(as_user, twin):
    open_round = factories.make_round(
        twin.exchange,
        "Qui cuisine chez vous ?",
        date.today() - timedelta(days=2),
        date.today() + timedelta(days=9),
    )
    story = factories.make_story(open_round, twin.group_b, [twin.young_b], status="approved")
    db.session.add(
        Comment(
            story_id=story.id,
            author_id=twin.young_a.id,
            group_id=twin.group_a.id,
            body="Who?",
            status="approved",
        )
    )
    db.session.commit()
    owing = as_user(twin.young_a).get(f"/exchanges/{twin.exchange.id}").text
    assert 'id="your-turn"' in owing and "Qui cuisine chez vous ?" in owing
    other = as_user(twin.young_b).get(f"/exchanges/{twin.exchange.id}").text
    assert 'id="your-turn"' in other  # B owes an answer to A's question
    assert "Qui cuisine chez vous ?" not in other.split('id="your-turn"')[1].split("</div>")[0]


def test_nobody_owes_anything_no_prompt(as_user, twin):
    assert 'id="your-turn"' not in as_user(twin.young_a).get(f"/exchanges/{twin.exchange.id}").text
