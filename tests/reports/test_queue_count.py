"""Open reports count beside the Moderation link of the educators who review them."""

from storyhub.review.queries import queue_count
from tests.reports.conftest import report


def test_an_open_report_counts_for_the_reviewing_educator_only(client, world):
    before = queue_count(world.educator)
    assert queue_count(world.twin_educator) == 0
    report(client, "story", world.story.id, reason="bullying")
    assert queue_count(world.educator) == before + 1
    assert queue_count(world.twin_educator) == 0  # not their group's story
