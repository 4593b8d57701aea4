"""Searching the published stories: accents, plurals, French and English, safe snippets, rank."""

import pytest

from storyhub.extensions import db
from storyhub.public.queries import StoryFilters
from storyhub.search.models import SearchDocument
from storyhub.search.queries import search_stories
from storyhub.search.services import reindex_exchange, reindex_story, remove_story
from tests import factories
from tests.search.helpers import add_media, one_of_each_state, published

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def public_round():
    return factories.make_round(factories.make_exchange(public=True))


def found_titles(query, **filters):
    results = search_stories(query, StoryFilters(**filters))
    return [hit.story.title for hit in results.hits]


@pytest.mark.parametrize(
    ("written", "searched"),
    [
        ("Les écoles du quartier", "ecole"),  # no accent typed, plural written
        ("Les ecoles du quartier", "école"),  # accent typed, plural written without
        ("Une école", "ÉCOLES"),  # capitals, plural typed
        ("Les jeux de la cour", "jeu"),  # French -x plural
        ("Les châteaux de sable", "chateau"),
        ("Our stories of the island", "story"),  # English -ies plural
        ("A box of letters", "boxes"),  # English -es plural
        ("Three school gardens", "garden"),
        ("Le cœur du village", "coeur"),  # ligature
    ],
)
def test_accents_and_plurals_are_matched(public_round, written, searched):
    published(public_round, title="A story", text=f"<p>{written}</p>")
    assert found_titles(searched) == ["A story"]


def test_words_must_all_be_present(public_round):
    published(public_round, title="Sea", text="<p>La mer et le vent</p>")
    published(public_round, title="Wind", text="<p>Le vent</p>")
    assert found_titles("mer vent") == ["Sea"]
    assert sorted(found_titles("vent")) == ["Sea", "Wind"]


def test_a_different_word_is_not_found(public_round):
    published(public_round, title="Sea", text="<p>La mer</p>")
    assert found_titles("montagne") == []


def test_quotes_are_searchable(public_round):
    story = published(public_round, title="Voices")
    story.blocks[0].kind = "quote"
    story.blocks[0].text = "Ici, tout le monde se connaît"
    story.blocks[0].attribution = "Aïcha, 14 ans"
    db.session.commit()
    reindex_story(story)
    assert found_titles("connait") == ["Voices"]
    assert found_titles("aicha") == ["Voices"]


def test_a_title_match_ranks_first(public_round):
    published(
        public_round,
        title="A long walk",
        text="<p>" + " ".join(["Le jardin partagé, notre jardin, le jardin."] * 8) + "</p>",
    )
    published(public_round, title="Le jardin", text="<p>Nous y allons le mercredi.</p>")
    published(public_round, title="Un autre jour", text="<p>Un jardin, une fois.</p>")
    assert found_titles("jardins")[0] == "Le jardin"


def test_snippets_are_highlighted_and_escaped(client, public_round):
    published(
        public_round,
        title="<script>alert('t')</script> L'école",
        text="<p>&lt;script&gt;alert('b')&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; "
        "Notre école est grande.</p>",
    )
    page = client.get("/search?q=ecoles", headers=ENGLISH).get_data(as_text=True)
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<mark>école</mark>" in page
    assert "1 story found" in page


def test_highlight_escapes_a_word_that_looks_like_markup():
    from storyhub.search.text import highlight, snippet

    assert str(highlight("a <b>école</b> & co", ["ecol"])) == (
        "a &lt;b&gt;<mark>école</mark>&lt;/b&gt; &amp; co"
    )
    long_text = " ".join(["mot"] * 100) + " phare " + " ".join(["mot"] * 100)
    cut = str(snippet(long_text, ["phar"]))
    assert cut.startswith("… ") and cut.endswith(" …") and "<mark>phare</mark>" in cut


@pytest.mark.parametrize(
    ("words", "term", "expected"),
    [
        (10, "a5", "… a4 <mark>a5</mark> a6 a7 …"),  # a third of the window before the match
        (6, "a4", "… a3 <mark>a4</mark> a5"),  # the window reaches the last word: no "…"
        (8, "a5", "… a4 <mark>a5</mark> a6 a7"),  # exactly to the last word
        (9, "a5", "… a4 <mark>a5</mark> a6 a7 …"),  # one word more: cut
        (10, "zz", "a0 a1 a2 a3 …"),  # no match: the first words
        (3, "a0", "<mark>a0</mark> a1 a2"),
    ],
)
def test_a_snippet_is_the_window_around_the_first_match(words, term, expected):
    """The snippet reads the story only up to the end of its window (a long story is not read
    to its end), and says with "…" where it was cut."""
    from storyhub.search.text import snippet

    text = " ".join(f"a{n}" for n in range(words)) + "."
    assert str(snippet(text, [term], size=4)) == expected + ("." if expected[-1] != "…" else "")


def test_only_public_stories_are_indexed_and_found(client):
    public, others = one_of_each_state("lighthouse")
    indexed = set(db.session.scalars(db.select(SearchDocument.story_id)))
    assert indexed == {public.id}
    assert found_titles("lighthouses") == ["public lighthouse"]
    page = client.get("/search?q=lighthouse").get_data(as_text=True)
    assert f'href="/stories/{public.id}"' in page
    for story in others.values():
        assert f'href="/stories/{story.id}"' not in page


def test_a_stale_index_row_never_leaks(public_round):
    """Even if a hook was missed and a draft sits in the index, search never returns it."""
    draft = factories.make_story(public_round, public_round.exchange.inviting_group, title="Draft")
    db.session.add(
        SearchDocument(
            story_id=draft.id,
            title="Draft",
            body="secret",
            terms_title="draft",
            terms_body="secret",
        )
    )
    db.session.commit()
    assert found_titles("secret") == []


def test_unpublishing_removes_from_results_at_once(public_round):
    story = published(public_round, title="Phare", text="<p>Le phare</p>")
    assert found_titles("phare") == ["Phare"]
    story.status = "unpublished"
    db.session.commit()
    assert found_titles("phare") == []  # before any hook: the visibility rule is joined
    reindex_story(story)
    assert db.session.get(SearchDocument, story.id) is None


def test_making_an_exchange_private_removes_its_stories(public_round):
    published(public_round, title="Phare")
    exchange = public_round.exchange
    exchange.invited_published_at = None
    db.session.commit()
    assert found_titles("phare") == []
    assert reindex_exchange(exchange) == 0
    assert db.session.scalar(db.select(db.func.count(SearchDocument.story_id))) == 0


def test_publishing_an_exchange_indexes_its_approved_stories():
    exchange = factories.make_exchange(public=False)
    round_ = factories.make_round(exchange)
    story = factories.make_story(round_, exchange.inviting_group, status="approved", title="Quai")
    assert reindex_story(story) is False
    from storyhub.core.models import utcnow

    exchange.invited_published_at = exchange.inviting_published_at = utcnow()
    db.session.commit()
    assert reindex_exchange(exchange) == 1
    assert found_titles("quais") == ["Quai"]


def test_a_deleted_story_leaves_no_trace_in_the_index(public_round):
    story = published(public_round, title="Phare", text="<p>Le phare</p>")
    db.session.delete(story)
    db.session.commit()
    reused = published(public_round, title="Mer", text="<p>La mer</p>")  # may reuse the id
    assert found_titles("phare") == []
    assert found_titles("mer") == [reused.title]


def test_remove_story_drops_it_whatever_its_state(public_round):
    story = published(public_round, title="Phare")
    remove_story(story.id)
    assert db.session.get(SearchDocument, story.id) is None


def test_filters_narrow_the_results():
    here = factories.make_group(territory=factories.make_territory(name="Dakar", country="SN"))
    there = factories.make_group(territory=factories.make_territory(name="Lyon", country="FR"))
    exchange = factories.make_exchange(group_a=here, group_b=there, public=True)
    exchange.themes.append(factories.make_theme("environment"))
    db.session.commit()
    round_ = factories.make_round(exchange)
    published(round_, here, title="Fleuve", text="<p>eau</p>", language="fr")
    published(round_, exchange.invited_group, title="River", text="<p>eau</p>", language="en")
    elsewhere = [
        factories.make_group(territory=factories.make_territory(country="BE")) for _ in "ab"
    ]
    other = factories.make_round(factories.make_exchange(*elsewhere, public=True))
    year = published(other, title="Pluie", text="<p>eau</p>").published_at.year

    assert sorted(found_titles("eau", theme="environment")) == ["Fleuve", "River"]
    assert found_titles("eau", country="SN") == ["Fleuve"]
    assert found_titles("eau", territory=here.territory.slug) == ["Fleuve"]
    assert found_titles("eau", theme="environment", language="en") == ["River"]
    assert len(found_titles("eau", year=year)) == 3
    assert found_titles("eau", year=year - 5) == []


def test_facets_count_each_choice_under_the_other_filters():
    here = factories.make_group(territory=factories.make_territory(country="SN"))
    round_ = factories.make_round(factories.make_exchange(group_a=here, public=True))
    published(round_, here, title="A", text="<p>eau</p>", language="fr")
    published(round_, here, title="B", text="<p>eau</p>", language="en")
    published(round_, round_.exchange.invited_group, title="C", text="<p>eau</p>")
    results = search_stories("eau", StoryFilters(language="en"))
    assert results.total == 1
    assert dict(results.facets["language"]) == {"fr": 2, "en": 1}
    assert dict(results.facets["country"]) == {"SN": 1}
    assert dict(results.facets["theme"]) == {"living-together": 1}


def test_media_texts_shown_in_blocks_are_searchable(public_round):
    story = published(public_round, title="Sons")
    add_media(
        story,
        kind="audio",
        caption="Le marché du samedi",
        transcript="On entend les mouettes au-dessus du port.",
    )
    add_media(story, alt_text="Un phare la nuit")
    add_media(story, placed=False, alt_text="Une photo retirée du récit")
    add_media(story, status="processing", alt_text="Une cigogne en attente")
    reindex_story(story)
    assert found_titles("mouette") == ["Sons"]
    assert found_titles("marches") == ["Sons"]
    assert found_titles("phares") == ["Sons"]
    assert found_titles("retiree") == []  # attached to the story but in no block: never shown
    assert found_titles("cigogne") == []  # not processed yet


def test_a_place_or_a_group_name_finds_its_stories(public_round):
    exchange = public_round.exchange
    exchange.inviting_group.territory.name = "Bordeaux"
    exchange.inviting_group.name = "Collège Jean Moulin"
    exchange.invited_group.territory.name = "Mamoudzou"
    db.session.commit()
    published(public_round, title="Le marché", text="<p>Le dimanche matin.</p>")
    published(public_round, group=exchange.invited_group, title="La barge", text="<p>Le lagon.</p>")
    assert found_titles("Bordeaux") == ["Le marché"]
    assert found_titles("bordeaux dimanche") == ["Le marché"]
    assert found_titles("jean moulin") == ["Le marché"]
    assert found_titles("Mamoudzou") == ["La barge"]


def test_a_place_name_never_finds_a_story_that_is_not_public():
    public, others = one_of_each_state("phare")
    public.group.territory.name = "Bordeaux"
    for story in others.values():
        story.group.territory.name = "Bordeaux"
    db.session.commit()
    for story in (public, *others.values()):
        reindex_story(story)
    assert found_titles("Bordeaux") == [public.title]


def test_theme_choices_count_a_storys_own_themes_and_its_exchanges_once():
    exchange = factories.make_exchange(public=True)
    exchange.themes.append(factories.make_theme("environment"))
    round_ = factories.make_round(exchange)
    both = published(round_, title="A", text="<p>eau</p>")
    both.themes.extend(
        [factories.make_theme("environment"), factories.make_theme("sport-and-inclusion")]
    )
    db.session.commit()
    published(round_, title="B", text="<p>eau</p>")
    counted = dict(search_stories("eau", StoryFilters()).facets["theme"])
    assert counted["environment"] == 2 and counted["sport-and-inclusion"] == 1
    narrowed = search_stories("eau", StoryFilters(theme="sport-and-inclusion"))
    assert narrowed.total == 1 and [hit.story.title for hit in narrowed.hits] == ["A"]
    assert dict(narrowed.facets["theme"]) == counted  # a theme's choices ignore the theme


def test_every_page_of_a_window_is_ranked_alike():
    """Page 2 continues page 1's order (title matches first): the ranking reads the window's
    range of the index, whatever its size."""
    round_ = factories.make_round(factories.make_exchange(public=True))
    for n in range(6):
        published(round_, title=f"Phare {n}", text="<p>la mer</p>")
        published(round_, title=f"Mer {n}", text="<p>un phare</p>")
    first = search_stories("phare", StoryFilters(), page=1, per_page=8)
    second = search_stories("phare", StoryFilters(), page=2, per_page=8)
    titles = [hit.story.title for hit in first.hits + second.hits]
    assert first.total == 12 and len(titles) == 12 and len(set(titles)) == 12
    assert all(title.startswith("Phare") for title in titles[:6])
    assert all(title.startswith("Mer") for title in titles[6:])
