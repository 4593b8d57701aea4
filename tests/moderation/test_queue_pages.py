"""The moderation queue holds hundreds of waiting stories: pages of a fixed size, the
longest-waiting first, and the same number of SQL queries for 5 stories as for 500."""

import re
import uuid
from datetime import timedelta

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.media.models import MediaItem
from storyhub.review.queries import QUEUE_PAGE_SIZE
from storyhub.stories.models import Block, Story
from tests import factories
from tests.sql import count_queries

EN = {"Accept-Language": "en"}


def waiting(pair, count: int, start: int = 0) -> None:
    """`count` submitted stories of group A, story n waiting n minutes less than story n-1."""
    now = utcnow()
    for n in range(start, start + count):
        story = Story(
            round=pair.round,
            group=pair.a,
            title=f"Waiting story {n:04d}",
            language="fr",
            status="submitted",
            submitted_at=now - timedelta(days=30) + timedelta(minutes=n),
        )
        story.authors.extend([pair.lea, pair.yanis])
        story.blocks.append(Block(kind="text", position=0, body_html=f"<p>Words {n}.</p>"))
        story.blocks.append(Block(kind="quote", position=1, text="A quote", attribution="Léa"))
        db.session.add(story)
    db.session.commit()


def queue(client, page: int = 1) -> tuple[int, str]:
    """(SQL queries, HTML) of one request of the queue."""
    with count_queries() as statements:
        response = client.get(f"/moderation/?page={page}", headers=EN)
    assert response.status_code == 200
    return len(statements), response.get_data(as_text=True)


def titles(html: str) -> list[str]:
    return re.findall(r"Waiting story (\d{4})", html)


def test_queue_costs_the_same_queries_for_5_and_500_waiting_stories(as_user, pair):
    client = as_user(pair.edu_a)
    waiting(pair, 5)
    few, few_html = queue(client)
    waiting(pair, 495, start=5)
    many, many_html = queue(client)
    assert few == many
    assert len(set(titles(few_html))) == 5
    assert len(set(titles(many_html))) == QUEUE_PAGE_SIZE
    assert "500" in re.search(r'id="queue-stories-title">.*?</h2>', many_html, re.S).group(0)
    # The page weighs what one page of stories weighs, not what 500 would.
    assert len(many_html) < len(few_html) * QUEUE_PAGE_SIZE / 5 * 1.5


def test_queue_shows_the_longest_waiting_first_then_pages_on(as_user, pair):
    client = as_user(pair.edu_a)
    waiting(pair, QUEUE_PAGE_SIZE * 2 + 3)
    _n, first = queue(client)
    _n, second = queue(client, 2)
    _n, third = queue(client, 3)
    shown = [int(n) for n in dict.fromkeys(titles(first))]
    assert shown == list(range(QUEUE_PAGE_SIZE))
    assert [int(n) for n in dict.fromkeys(titles(second))][0] == QUEUE_PAGE_SIZE
    assert len(set(titles(third))) == 3
    assert 'rel="next" href="/moderation/?page=2"' in first
    assert "Page 3 of 3" in third and 'rel="next"' not in third


def test_a_page_past_the_end_offers_the_way_back(as_user, pair):
    waiting(pair, 2)
    _n, html = queue(as_user(pair.edu_a), 9)
    assert titles(html) == []
    assert "Back to the first page of the queue" in html


def test_queue_pages_never_show_another_groups_stories(as_user, pair):
    waiting(pair, QUEUE_PAGE_SIZE + 1)
    _n, html = queue(as_user(pair.edu_b))
    assert titles(html) == []
    assert "Nothing is waiting" in html


def test_queue_warns_of_a_missing_image_consent_without_a_query_per_story(as_user, pair):
    nobody_asked = factories.make_young(pair.a, name="Zoé", image=None)
    waiting(pair, 3)
    story = db.session.scalars(db.select(Story).order_by(Story.id)).first()
    photo = MediaItem(
        kind="image",
        status="ready",
        group_id=pair.a.id,
        story_id=story.id,
        storage_key=uuid.uuid4().hex,
        alt_text="The square",
    )
    photo.people.append(nobody_asked)
    db.session.add(photo)
    db.session.commit()
    _n, html = queue(as_user(pair.edu_a))
    warning = re.search(rf'id="image-consent-{story.id}">.*?</div>', html, re.S)
    assert warning and "Record the image consent of Zoé" in warning.group(0)
    assert html.count("Record the image consent of") == 1
    # The button that would publish it is not offered.
    item = re.search(rf'id="story-{story.id}">.*?</li>', html, re.S).group(0)
    assert "Approve and publish" not in item
