"""A hidden item leaves every surface at once, and comes back after "keep"."""

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.reports import services
from tests.reports.conftest import report

EN = {"Accept-Language": "en"}


def _surfaces(w):
    """(name, url, marker): where the story (or its photo) shows to the public."""
    return [
        ("story page", f"/stories/{w.story.id}", w.story.title),
        ("pair page", f"/rounds/{w.round.id}", w.story.title),
        ("exchange page", f"/exchanges/{w.exchange.id}", w.story.title),
        ("search", "/search?q=Quayside", f'/stories/{w.story.id}"'),
        ("site feed", "/feeds/stories.atom", w.story.title),
        ("exchange feed", f"/feeds/exchanges/{w.exchange.id}.atom", w.story.title),
        ("sitemap", "/sitemaps/stories-0.xml", f"/stories/{w.story.id}"),
        ("api list", "/api/v1/stories", w.story.title),
        ("api item", f"/api/v1/stories/{w.story.id}", w.story.title),
    ]


def _shows(client, url, marker) -> bool:
    page = client.get(url, headers=EN)
    return page.status_code == 200 and marker.encode() in page.data


def _photo_status(client, w) -> int:
    return client.get(f"/media/{w.photo.id}/{w.photo_name}").status_code


def test_reported_story_is_gone_from_every_surface_and_back_after_keep(client, world):
    # Both educators let search engines index it: a minor's story is in the sitemap only then.
    world.exchange.inviting_indexable_at = world.exchange.invited_indexable_at = utcnow()
    db.session.commit()
    for name, url, marker in _surfaces(world):
        assert _shows(client, url, marker), f"not shown before: {name}"
    assert _photo_status(client, world) == 200
    report(client, "story", world.story.id, reason="child_data")
    for name, url, marker in _surfaces(world):
        assert not _shows(client, url, marker), f"still shown: {name}"
    assert client.get(f"/stories/{world.story.id}").status_code == 404
    assert client.get(f"/api/v1/stories/{world.story.id}").status_code == 404
    assert _photo_status(client, world) == 404
    services.decide(world.story, world.educator, "keep")
    for name, url, marker in _surfaces(world):
        assert _shows(client, url, marker), f"not back after keep: {name}"
    assert _photo_status(client, world) == 200


def test_twin_members_no_longer_see_a_hidden_story(client, as_user, world):
    twin_reader = as_user(world.twin_educator)
    assert twin_reader.get(f"/stories/{world.story.id}").status_code == 200
    report(client, "story", world.story.id, reason="stranger")
    assert twin_reader.get(f"/stories/{world.story.id}").status_code == 404


def test_the_story_group_educator_still_reads_a_hidden_story(client, as_user, world):
    report(client, "story", world.story.id, reason="stranger")
    page = as_user(world.educator).get(f"/stories/{world.story.id}")
    assert page.status_code == 200


def test_reported_photo_alone_is_hidden_but_the_story_stays(client, world):
    story_url = f"/stories/{world.story.id}"
    assert f"/media/{world.photo.id}/".encode() in client.get(story_url).data
    report(client, "media", world.photo.id, reason="child_data")
    page = client.get(story_url)
    assert page.status_code == 200
    assert f"/media/{world.photo.id}/".encode() not in page.data
    assert _photo_status(client, world) == 404
    api = client.get(f"/api/v1/stories/{world.story.id}").get_json()["data"]
    assert all(m["id"] != world.photo.id for m in api["media"])
    services.decide(world.photo, world.educator, "keep")
    assert _photo_status(client, world) == 200


def test_reported_comment_disappears_from_the_story_page(client, world):
    story_url = f"/stories/{world.story.id}"
    assert b"@lanternfan" in client.get(story_url).data
    report(client, "comment", world.comment.id, reason="stranger")
    assert b"@lanternfan" not in client.get(story_url).data
    services.decide(world.comment, world.educator, "keep")
    assert b"@lanternfan" in client.get(story_url).data


def test_reported_exchange_leaves_home_explore_sitemap_and_api(client, world, app):
    app.config["REPORT_HIDE_THRESHOLD"] = 1
    try:
        surfaces = [
            ("exchange page", f"/exchanges/{world.exchange.id}", world.exchange.title),
            ("explore", "/explore", world.exchange.title),
            ("sitemap", "/sitemaps/exchanges-0.xml", f"/exchanges/{world.exchange.id}"),
            ("api", "/api/v1/exchanges", world.exchange.title),
            ("story", f"/stories/{world.story.id}", world.story.title),
        ]
        for name, url, marker in surfaces:
            assert _shows(client, url, marker), f"not shown before: {name}"
        report(client, "exchange", world.exchange.id, reason="other")
        for name, url, marker in surfaces:
            assert not _shows(client, url, marker), f"still shown: {name}"
    finally:
        app.config["REPORT_HIDE_THRESHOLD"] = 3


def test_hiding_changes_the_etag_of_cached_public_pages(client, world):
    first = client.get(f"/exchanges/{world.exchange.id}")
    etag = first.headers["ETag"]
    report(client, "media", world.photo.id, reason="child_data")
    again = client.get(f"/exchanges/{world.exchange.id}", headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert again.headers["ETag"] != etag


def test_home_drops_a_hidden_story(client, world):
    from tests import factories

    factories.make_story(world.round, world.twin, status="approved", title="Hill fires")
    assert world.story.title.encode() in client.get("/", headers=EN).data
    report(client, "story", world.story.id, reason="child_data")
    assert world.story.title.encode() not in client.get("/", headers=EN).data
