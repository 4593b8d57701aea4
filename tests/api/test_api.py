"""The read-only API: public data only, no personal data, pages, JSON errors, CORS, ETags, speed."""

import json

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from tests import factories
from tests.search.helpers import (
    add_media,
    count_queries,
    one_of_each_state,
    published,
    seed_stories,
)

# count + page; the exchanges list adds their themes (groups and territories are joined);
# the stories list adds blocks (with their media joined), authors, themes and the public
# "in reply to" ids and their public translations; every list reads the content version of its ETag.
LIST_QUERIES = {
    "/api/v1/themes": 3,
    "/api/v1/territories": 3,
    "/api/v1/exchanges": 4,
    "/api/v1/rounds": 3,
    "/api/v1/stories": 7,
}


@pytest.fixture
def states():
    return one_of_each_state("harbour")


def data(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def ids(client, url):
    return {item["id"] for item in data(client, url)["data"]}


def test_stories_list_only_the_public_story(client, states):
    public, others = states
    assert ids(client, "/api/v1/stories") == {public.id}
    assert data(client, f"/api/v1/stories/{public.id}")["data"]["title"] == public.title


@pytest.mark.parametrize(
    "label",
    ["draft", "submitted", "changes_requested", "rejected", "unpublished", "private exchange"],
)
def test_a_story_that_is_not_public_is_a_json_404(client, states, label):
    _, others = states
    body = data(client, f"/api/v1/stories/{others[label].id}", status=404)
    assert body["error"]["code"] == "not_found"


def test_exchanges_rounds_and_territories_are_public_only(client, states):
    public, others = states
    private_round = others["private exchange"].round
    exchange = public.round.exchange
    assert ids(client, "/api/v1/exchanges") == {exchange.id}
    assert ids(client, "/api/v1/rounds") == {public.round_id}
    assert ids(client, "/api/v1/territories") == {g.territory_id for g in exchange.groups}
    data(client, f"/api/v1/exchanges/{private_round.exchange_id}", status=404)
    data(client, f"/api/v1/rounds/{private_round.id}", status=404)
    for group in private_round.exchange.groups:
        data(client, f"/api/v1/territories/{group.territory_id}", status=404)
    detail = data(client, f"/api/v1/exchanges/{exchange.id}")["data"]
    assert [g["id"] for g in detail["groups"]] == [
        exchange.inviting_group_id,
        exchange.invited_group_id,
    ]


def test_young_people_appear_only_as_display_name_and_group(client):
    round_ = factories.make_round(factories.make_exchange(public=True))
    group = round_.exchange.inviting_group
    young = factories.make_young(group, name="Lina")
    story = published(round_, group, authors=[young])
    text = client.get(f"/api/v1/stories/{story.id}").get_data(as_text=True)
    assert json.loads(text)["data"]["authors"] == [{"display_name": "Lina", "group": group.name}]
    assert young.username not in text
    assert f'"id":{young.id},' not in text.replace(f'"id":{story.id},', "")
    for word in ("username", "email", "consent", "password", "people", "age_min"):
        assert word not in text


def test_a_reply_to_a_story_that_is_not_public_shows_no_link(client):
    round_ = factories.make_round(factories.make_exchange(public=True))
    hidden = factories.make_story(round_, round_.exchange.inviting_group, status="unpublished")
    shown = published(round_, round_.exchange.inviting_group)
    reply = published(round_, round_.exchange.invited_group)
    other = published(round_, round_.exchange.invited_group)
    reply.in_reply_to_id, other.in_reply_to_id = shown.id, hidden.id
    db.session.commit()
    assert data(client, f"/api/v1/stories/{reply.id}")["data"]["in_reply_to_id"] == shown.id
    assert data(client, f"/api/v1/stories/{other.id}")["data"]["in_reply_to_id"] is None


def test_stories_carry_their_blocks_and_the_media_they_show(client):
    round_ = factories.make_round(factories.make_exchange(public=True))
    story = published(round_, text="<p>Le <em>port</em></p>")
    rendition = {
        "name": "w480.webp",
        "role": "image",
        "format": "webp",
        "width": 480,
        "height": 320,
        "key": "secret/path.webp",
    }
    shown = add_media(story, alt_text="Le port au matin", renditions=[rendition], width=480)
    add_media(story, placed=False, alt_text="Removed from the story", renditions=[rendition])
    add_media(story, status="processing", alt_text="Not processed yet")
    body = data(client, f"/api/v1/stories/{story.id}")["data"]
    assert body["blocks"][0]["html"] == "<p>Le <em>port</em></p>"
    assert body["blocks"][1]["kind"] == "image"
    assert body["blocks"][1]["media_id"] == shown.id
    assert body["blocks"][2]["media_id"] is None  # still processing
    [item] = body["media"]
    assert item["id"] == shown.id and item["alt_text"] == "Le port au matin"
    [rendition] = item["renditions"]
    assert rendition["width"] == 480
    assert rendition["url"].startswith("http://localhost/media/")
    text = json.dumps(body)
    assert "key" not in rendition and "secret/path" not in text
    assert "Removed from the story" not in text and "people" not in text


def test_lists_are_paginated_with_links(client):
    seed_stories(5, exchanges=1)
    body = data(client, "/api/v1/stories?per_page=2&page=2&language=fr")
    assert body["meta"] == {"page": 2, "per_page": 2, "total": 2, "pages": 1, "next_cursor": None}
    body = data(client, "/api/v1/stories?per_page=2&page=2")
    assert body["meta"] == {"page": 2, "per_page": 2, "total": 5, "pages": 3, "next_cursor": None}
    links = body["links"]
    assert links["prev"] == "http://localhost/api/v1/stories?per_page=2&page=1"
    assert links["next"] == "http://localhost/api/v1/stories?per_page=2&page=3"
    assert links["last"] == "http://localhost/api/v1/stories?per_page=2&page=3"


def test_stories_are_read_by_cursor_without_counting(client):
    seed_stories(5, exchanges=1)
    with count_queries() as statements:
        body = data(client, "/api/v1/stories?per_page=2")
    assert not any("count(" in s.lower() for s in statements)
    assert body["meta"]["total"] is None and body["meta"]["page"] is None
    assert body["links"]["last"] is None and body["links"]["prev"] is None
    seen = [s["id"] for s in body["data"]]
    while body["links"]["next"]:
        assert body["meta"]["next_cursor"] in body["links"]["next"]
        body = data(client, body["links"]["next"].removeprefix("http://localhost"))
        seen += [s["id"] for s in body["data"]]
    numbered = data(client, "/api/v1/stories?per_page=5&page=1")["data"]
    assert seen == [s["id"] for s in numbered] and len(seen) == 5
    assert body["meta"]["next_cursor"] is None


@pytest.mark.parametrize(
    "query",
    [
        "per_page=101",
        "per_page=0",
        "page=0",
        "page=abc",
        "exchange=-1",
        "round=99999999999999",
        "year=20x6",
        "language=klingon",
        "country=france",
        "theme=Not%20a%20slug",
        "cursor=not-a-cursor",
        "cursor=12.x",
    ],
)
def test_bad_parameters_are_json_400s(client, query):
    body = data(client, f"/api/v1/stories?{query}", status=400)
    assert body["error"]["status"] == 400
    assert body["error"]["message"]


def test_unknown_addresses_and_writes_are_json_errors(client):
    assert data(client, "/api/v1/nothing-here", status=404)["error"]["code"] == "not_found"
    assert data(client, "/api/v1/stories/99999999999", status=404)["error"]["status"] == 404
    response = client.post("/api/v1/stories", json={"title": "x"})
    assert response.status_code == 405
    assert response.mimetype == "application/json"
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
    assert client.delete("/api/v1/stories/1").status_code == 405


def test_cors_is_open_for_reading(client, states):
    assert client.get("/api/v1/stories").headers["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/v1/nothing").headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/stories",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert preflight.status_code == 200
    assert "If-None-Match" in preflight.headers["Access-Control-Allow-Headers"]
    assert preflight.headers["Allow"] == "GET, HEAD, OPTIONS"


def test_etags_give_304_until_the_data_changes(client, states):
    public, _ = states
    first = client.get("/api/v1/stories")
    assert "public" in first.headers["Cache-Control"]
    etag = first.headers["ETag"]
    again = client.get("/api/v1/stories", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    public.status = "unpublished"
    db.session.commit()
    changed = client.get("/api/v1/stories", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.get_json()["data"] == []


@pytest.mark.parametrize("stories", [5, 200])
@pytest.mark.parametrize("url", list(LIST_QUERIES))
def test_each_list_runs_a_fixed_number_of_queries(client, stories, url):
    seed_stories(stories)
    with count_queries() as statements:
        assert client.get(url + "?per_page=100").status_code == 200
    assert len(statements) == LIST_QUERIES[url], statements


def _walk_by_cursor(client, url) -> list[int]:
    body = data(client, url)
    seen = [s["id"] for s in body["data"]]
    while body["links"]["next"]:
        body = data(client, body["links"]["next"].removeprefix("http://localhost"))
        seen += [s["id"] for s in body["data"]]
    return seen


def _walk_by_number(client, url, per_page) -> list[int]:
    first = data(client, f"{url}&per_page={per_page}&page=1")
    seen = []
    for page in range(1, first["meta"]["pages"] + 1):
        seen += [s["id"] for s in data(client, f"{url}&per_page={per_page}&page={page}")["data"]]
    return seen


def test_numbered_pages_seek_through_kept_anchors(client, monkeypatch):
    from storyhub.api import pagination

    monkeypatch.setattr(pagination, "ANCHOR_EVERY", 3)
    seed_stories(11, exchanges=2)
    order = _walk_by_cursor(client, "/api/v1/stories?per_page=4")
    assert len(order) == 11
    for per_page in (2, 3, 5):  # pages that start before, on and after an anchor
        assert _walk_by_number(client, "/api/v1/stories?utm=1", per_page) == order, per_page
    assert _walk_by_number(client, "/api/v1/stories?language=fr", 2) == _walk_by_cursor(
        client, "/api/v1/stories?language=fr&per_page=2"
    )
    # Known anchors and total: a deep page is one seek, without counting, skipping < 3 rows.
    with count_queries() as statements:
        body = data(client, "/api/v1/stories?per_page=2&page=5")
    assert [s["id"] for s in body["data"]] == order[8:10]
    assert not any("count(" in s.lower() for s in statements)
    page_reads = [s for s in statements if "FROM story" in s and "LIMIT" in s]
    assert len(page_reads) == 1 and "<" in page_reads[0]
    # Past the end: an empty page, no error.
    body = data(client, "/api/v1/stories?per_page=2&page=40")
    assert body["data"] == [] and body["meta"]["total"] == 11


def test_a_deep_page_finds_its_anchors_in_one_query(client, monkeypatch):
    from storyhub.api import pagination

    monkeypatch.setattr(pagination, "ANCHOR_EVERY", 2)
    seed_stories(11, exchanges=2)
    order = _walk_by_cursor(client, "/api/v1/stories?per_page=4")  # keeps no anchor
    with count_queries() as statements:  # nothing kept yet for this list: 4 anchors, 1 query
        body = data(client, "/api/v1/stories?per_page=3&page=4")
    assert [s["id"] for s in body["data"]] == order[9:11]
    assert sum("row_number" in s.lower() for s in statements) == 1
    with count_queries() as statements:  # one more, from the last one known
        body = data(client, "/api/v1/stories?per_page=2&page=6")
    assert [s["id"] for s in body["data"]] == order[10:11]
    assert sum("row_number" in s.lower() for s in statements) == 1
    with count_queries() as statements:  # all known: none to find
        body = data(client, "/api/v1/stories?per_page=2&page=5")
    assert [s["id"] for s in body["data"]] == order[8:10]
    assert not any("row_number" in s.lower() for s in statements)
    monkeypatch.setattr(pagination, "ANCHORS_PER_QUERY", 2)
    with count_queries() as statements:  # another list: 4 anchors, 2 at a time
        body = data(client, f"/api/v1/stories?per_page=3&page=4&year={utcnow().year}")
    dated = _walk_by_cursor(client, f"/api/v1/stories?per_page=4&year={utcnow().year}")
    assert [s["id"] for s in body["data"]] == dated[9:12]
    assert sum("row_number" in s.lower() for s in statements) == 2


def test_numbered_pages_follow_a_publication_at_once(client, monkeypatch):
    from storyhub.api import pagination

    monkeypatch.setattr(pagination, "ANCHOR_EVERY", 2)
    seed_stories(6, exchanges=1)
    before = _walk_by_number(client, "/api/v1/stories?utm=1", 2)
    seed_stories(1, word="lantern", exchanges=1)  # a new story: newest first
    after = _walk_by_number(client, "/api/v1/stories?utm=1", 2)
    assert len(after) == 7 and after[1:] == before
    assert data(client, "/api/v1/stories?per_page=2&page=1")["meta"]["total"] == 7


def test_past_the_counted_rows_numbered_pages_go_on_by_their_next_link(client, monkeypatch):
    """A list longer than TOTAL_CAP is not counted (a full count read every public story: 21.7 s
    at a million on SQLite, on the first numbered page after each change): total, pages and
    the last link are null, and each page says whether another follows."""
    from storyhub.api import pagination

    monkeypatch.setattr(pagination, "TOTAL_CAP", 4)
    monkeypatch.setattr(pagination, "ANCHOR_EVERY", 2)
    seed_stories(7, exchanges=2)
    order = _walk_by_cursor(client, "/api/v1/stories?per_page=3")
    body = data(client, "/api/v1/stories?per_page=3&page=1")
    assert body["meta"]["total"] is None and body["meta"]["pages"] is None
    assert body["links"]["last"] is None
    seen = [s["id"] for s in body["data"]]
    while body["links"]["next"]:
        body = data(client, body["links"]["next"].removeprefix("http://localhost"))
        seen += [s["id"] for s in body["data"]]
    assert seen == order and len(seen) == 7
    assert body["meta"]["page"] == 3 and body["links"]["prev"]
    assert data(client, "/api/v1/stories?per_page=3&page=9")["data"] == []  # past the end
    exchanges = data(client, "/api/v1/exchanges?per_page=1")  # 2: under the cap, counted
    assert exchanges["meta"]["total"] == 2 and exchanges["links"]["next"]
    monkeypatch.setattr(pagination, "TOTAL_CAP", 1)
    seed_stories(1, exchanges=1)  # a change: counted again, now past the cap
    exchanges = data(client, "/api/v1/exchanges?per_page=1&page=3")
    assert exchanges["meta"]["total"] is None and not exchanges["links"]["next"]


def test_exchanges_list_walks_its_index_instead_of_sorting(client):
    """Migration 0034: the exchanges page reads newest created first along a partial index
    (without it, every request sorted every public exchange: 5.6 s at a million stories)."""
    seed_stories(3, exchanges=3)
    with db.engine.connect() as conn:  # statistics, as a live site (and the generator) has
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    import sqlalchemy as sa

    sent = []

    def before(conn, cursor, statement, parameters, context, executemany):
        sent.append((statement, parameters))

    sa.event.listen(db.engine, "before_cursor_execute", before)
    try:
        assert client.get("/api/v1/exchanges?per_page=2").status_code == 200
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", before)
    [(page, params)] = [s for s in sent if s[0].lstrip().startswith("SELECT exchange.id")]
    with db.engine.connect() as conn:
        if db.engine.dialect.name == "postgresql":  # an index path, whatever the table's size
            conn.exec_driver_sql("SET enable_seqscan = off")
            conn.exec_driver_sql("SET enable_sort = off")
        explain = "EXPLAIN QUERY PLAN " if db.engine.dialect.name == "sqlite" else "EXPLAIN "
        plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql(explain + page, params))
        conn.rollback()
    assert "ix_exchange_public_created" in plan, plan
