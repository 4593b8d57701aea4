"""The search page as a visitor meets it: counts, pages, filters in the URL, odd input, speed."""

import pytest
from sqlalchemy import event

from storyhub.extensions import db
from storyhub.public.queries import StoryFilters
from storyhub.search.models import SearchDocument
from tests import factories
from tests.search.helpers import count_queries, published, seed_stories

# The themes, the content version, the window of the most recent matches with their themes
# (what the choices of each filter are counted from), the same window under the chosen
# filters, the window's ids ranked, and the page's stories (the columns a result line shows of
# their exchange, group, territory and indexed text, and their public translations, in one
# statement, through the public rule). Anonymous visitors load no user.
SEARCH_PAGE_QUERIES = 6
# PostgreSQL reads both windows in one walk of the index, each match flagged with whether it
# passes the filters.
SEARCH_PAGE_QUERIES_POSTGRESQL = 5
# Asked again in the same content version: the themes, ranked ids and facets were kept.
SEARCH_PAGE_QUERIES_KEPT = 2


@pytest.fixture
def public_round():
    return factories.make_round(factories.make_exchange(public=True))


def test_the_empty_page_invites_a_search_and_offers_the_themes(client):
    page = client.get("/search").get_data(as_text=True)
    assert 'role="search"' in page
    assert 'for="search-q"' in page
    assert "/search?theme=environment" in page


def test_results_are_counted_and_paginated(client, public_round):
    for n in range(12):
        published(public_round, title=f"Quai {n}", text="<p>Le port</p>")
    first = client.get("/search?q=ports", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "12 stories found" in first
    assert first.count('class="search-hit"') == 10
    assert 'rel="next" href="/search?q=ports&amp;page=2"' in first
    second = client.get("/search?q=ports&page=2").get_data(as_text=True)
    assert second.count('class="search-hit"') == 2
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_a_page_past_the_end_says_so(client, public_round):
    published(public_round, title="Quai", text="<p>Le port</p>")
    response = client.get("/search?q=port&page=7")
    assert response.status_code == 200
    assert 'href="/search?q=port"' in response.get_data(as_text=True)


def test_filters_are_offered_with_counts_and_kept_in_the_url(client, public_round):
    published(public_round, title="Fleuve", text="<p>eau</p>", language="fr")
    published(public_round, title="River", text="<p>eau</p>", language="en")
    page = client.get("/search?q=eau&language=en", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert "1 story found" in html
    assert '<option value="en" selected>English (1)</option>' in html
    assert '<option value="fr" >French (1)</option>' in html


@pytest.mark.parametrize(
    "query",
    [
        "?q=" + "x" * 5000,
        "?q=%22*)(%20OR%20NEAR(a",
        "?q=caf%C3%A9&page=abc&year=zz&country=france&theme=../../x&language=klingon",
        "?q=%E2%80%8B&page=-3",
        "?q=_&page=99999999999999999999",
        "?q=%D8%A7%D9%84%D9%85%D9%8E%D8%AF%D8%B1%D9%8E%D8%B3%D8%A9",
    ],
)
def test_odd_input_never_breaks_the_page(client, public_round, query):
    published(public_round, title="Café", text="<p>Le café</p>")
    assert client.get("/search" + query).status_code == 200


def test_arabic_is_found_with_or_without_its_vowel_marks(public_round):
    from storyhub.public.queries import StoryFilters
    from storyhub.search.queries import search_stories

    published(public_round, title="مدرسة", text="<p>الْمَدْرَسَة</p>", language="ar")
    assert search_stories("المدرسة", StoryFilters()).total == 1


def test_flask_reindex_rebuilds_the_index(app, public_round):
    story = published(public_round, title="Phare")
    db.session.execute(db.delete(SearchDocument))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert "1 public stories indexed" in result.output
    assert db.session.get(SearchDocument, story.id) is not None


@pytest.mark.parametrize("stories", [5, 200])
def test_search_page_runs_a_fixed_number_of_queries(client, stories):
    seed_stories(stories, word="harbour")
    with count_queries() as statements:
        response = client.get("/search?q=harbours&language=en&page=1")
    assert response.status_code == 200
    assert response.get_data(as_text=True).count('class="search-hit"') == min(10, stories // 2 + 1)
    postgres = db.engine.dialect.name == "postgresql"
    expected = SEARCH_PAGE_QUERIES_POSTGRESQL if postgres else SEARCH_PAGE_QUERIES
    assert len(statements) == expected, statements
    with count_queries() as statements:
        again = client.get("/search?q=harbours&language=en&page=1")
    assert again.get_data(as_text=True) == response.get_data(as_text=True)
    assert len(statements) == SEARCH_PAGE_QUERIES_KEPT, statements


def test_a_kept_search_opens_no_session(client):
    """Asked again in the same version, the page reads the version and its stories on the
    connection kept for such reads: no pool checkout (nor its liveness ping, BEGIN and
    rollback) for the request's session."""
    seed_stories(3, word="harbour")
    first = client.get("/search?q=harbour").get_data(as_text=True)
    db.session.remove()  # as each request's end does (here the test's app context holds it)
    checkouts = []

    def checked_out(*_args):
        checkouts.append(1)

    event.listen(db.engine, "checkout", checked_out)
    try:
        again = client.get("/search?q=harbour").get_data(as_text=True)
    finally:
        event.remove(db.engine, "checkout", checked_out)
    assert again == first and again.count('class="search-hit"') == 3
    assert checkouts == []


def test_a_common_word_counts_and_facets_only_the_best_matches(client, monkeypatch):
    from storyhub.search import queries

    monkeypatch.setattr(queries, "MATCH_LIMIT", 4)
    seed_stories(7)
    results = queries.search_stories("harbour", StoryFilters())
    assert results.capped and results.total == 4
    assert sum(n for _language, n in results.facets["language"]) == 4
    html = client.get("/search?q=harbour", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "More than 4 stories found" in html
    few = queries.search_stories("harbour", StoryFilters(language="xx"))
    assert not few.capped and few.total == 0


def test_a_kept_search_forgets_a_hidden_story_and_a_withdrawn_consent_at_once(client, public_round):
    """The ranked ids and counts are kept per content version: a hiding and a consent
    withdrawal start a new version, so the very next search no longer finds them (hits,
    count and the choices' counts)."""
    from storyhub.core.models import utcnow
    from storyhub.groups.models import CONSENT_PARENTAL, Consent

    group = public_round.exchange.inviting_group
    young = factories.make_young(group)
    hidden = published(public_round, title="Phare du nord", text="<p>phare</p>")
    withdrawn = published(public_round, title="Phare du sud", text="<p>phare</p>", authors=[young])
    kept = published(public_round, title="Phare est", text="<p>phare</p>", language="en")
    en = {"Accept-Language": "en"}

    def search() -> str:
        response = client.get("/search?q=phare", headers=en)
        assert response.status_code == 200
        return response.get_data(as_text=True)

    first = search()
    assert [f"/stories/{s.id}" in first for s in (hidden, withdrawn, kept)] == [True] * 3
    assert "3 stories found" in first
    assert search() == first  # kept: asked again in the same version

    hidden.hidden_at = utcnow()
    db.session.commit()
    html = search()
    assert f"/stories/{hidden.id}" not in html and "2 stories found" in html

    consent = db.session.scalar(
        db.select(Consent).filter_by(user_id=young.id, kind=CONSENT_PARENTAL)
    )
    consent.granted = False
    db.session.commit()
    html = search()
    assert f"/stories/{withdrawn.id}" not in html and "1 story found" in html
    assert f"/stories/{kept.id}" in html
    assert "French (0)" not in html and "(2)" not in html  # the choices were counted again


def test_kept_ids_are_read_through_the_public_rule_again(app, public_round, monkeypatch):
    """Even a change that reached the database without a new version (a missed write) never
    shows a story the public may not read: the page's stories are checked again."""
    from flask import g

    from storyhub.core.versions import ContentVersion, current_version
    from storyhub.search import queries

    story = published(public_round, title="Phare", text="<p>phare</p>")
    found = queries.search_stories("phare", StoryFilters())
    assert [hit.story.title for hit in found.hits] == ["Phare"]
    version = db.session.execute(db.select(ContentVersion)).scalar_one()
    before = (version.version, version.changed_at)
    monkeypatch.setitem(app.config, "SEARCH_AUTO_INDEX", False)  # its document stays
    story.status = "unpublished"
    db.session.commit()
    assert db.session.get(SearchDocument, story.id) is not None
    with db.engine.begin() as conn:  # as if the write had not bumped it
        conn.execute(db.update(ContentVersion).values(version=before[0], changed_at=before[1]))
    g.pop("content_version", None)
    db.session.expire_all()
    assert current_version() == before
    again = queries.search_stories("phare", StoryFilters())
    assert again.total == 1  # the kept count, on purpose
    assert again.hits == []
