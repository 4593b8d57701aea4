"""The home page: featured exchanges, latest pairs, themes, the map teaser; public content only."""

from storyhub.core.models import utcnow
from storyhub.extensions import db
from tests import factories
from tests.browse.helpers import assert_only_public, queries_for, seed_stories

# Home: content version for the ETag, featured exchanges (+ their themes), latest pairs
# (candidate rounds from the index, the pairs, + blocks with their media, + the people and
# consents of those media; the first photos come from them, no query), themes with counts
# (kept per content version), the map teaser (kept), territory pictures (2).
HOME_QUERIES = 10


def test_home_shows_only_public_content(client, states):
    page = client.get("/").get_data(as_text=True)
    assert_only_public(page, states)
    assert "Publicstory Lanterns" in page and "Publicstory Nets" in page  # the pair, both sides
    assert "Lanterns on the quay" in page  # the pair's photo, with its alt text
    assert "Sunhaven" in page and "Tidemouth" in page


def test_home_without_anything_public_still_explains_storyhub(client):
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "answer the same question" in page
    assert "Latest pairs" not in page
    assert "Explore the exchanges" in page


def test_a_round_answered_by_one_side_only_is_not_a_pair_yet(client, states):
    lonely = factories.make_round(states.public, question="Only one side answered?")
    factories.make_story(lonely, states.public.inviting_group, status="approved", title="Alone")
    page = client.get("/").get_data(as_text=True)
    assert "Only one side answered?" not in page
    assert "What is your harbour like?" in page


def test_featured_exchanges_come_first_and_are_marked(english_client, states):
    other = factories.make_exchange(public=True, title="Later Exchange")
    page = english_client.get("/").get_data(as_text=True)
    assert page.index("Later Exchange") < page.index("Open Harbours")  # newest first
    states.public.featured_at = utcnow()
    db.session.commit()
    page = english_client.get("/").get_data(as_text=True)
    assert page.index("Open Harbours") < page.index("Later Exchange")
    assert "Featured" in page
    assert other.title in page


def test_featured_but_private_exchange_never_shows(client, states):
    hidden = states.hidden_exchanges["private"]
    hidden.featured_at = utcnow()
    db.session.commit()
    page = client.get("/")
    assert page.status_code == 200 and "Open Harbours" in page.text  # the public one shows
    assert "Confidential private exchange" not in page.text


def test_themes_link_to_the_filtered_directory_with_counts(english_client, states):
    page = english_client.get("/").get_data(as_text=True)
    assert '/explore?theme=living-together"' in page
    assert '/explore?theme=environment"' not in page  # no public exchange: listed, not linked
    assert "Environment" in page


def test_map_teaser_links_to_the_map(english_client, states):
    page = english_client.get("/").get_data(as_text=True)
    assert 'href="/map"' in page
    assert "<circle" in page and "<title>Sunhaven</title>" in page
    assert "SecretPrivatetown" not in page


def test_home_runs_the_same_small_number_of_queries_with_5_or_200_stories(client):
    seed_stories(5, exchanges=2)  # both sides answered: pairs, photos and pictures are shown
    few = queries_for(client, "/")
    seed_stories(195, exchanges=2)
    assert queries_for(client, "/") == few
    assert few <= HOME_QUERIES, few


def test_the_kept_teaser_map_follows_a_hiding_at_once_and_each_language(client, states):
    english = client.get("/", headers={"Accept-Language": "en"}).text
    assert 'aria-label="World map of the territories twinned on StoryHub"' in english
    assert "<title>Sunhaven</title>" in client.get("/").text  # drawn and kept (French)
    assert 'aria-label="World map of the territories twinned on StoryHub"' not in (
        client.get("/").text
    )
    states.public.hidden_at = utcnow()  # hidden after reports
    db.session.commit()
    assert "<title>Sunhaven</title>" not in client.get("/").text


def test_theme_counts_kept_for_the_version_outlive_the_request_that_built_them(states):
    """The counts are kept per content version across requests: what is kept must still read
    once the session that loaded it committed (objects expire) and closed (detached)."""
    from werkzeug.datastructures import MultiDict

    from storyhub.browse.directory import facet_counts, read_filters
    from storyhub.browse.queries import theme_counts

    states.public.themes.append(factories.make_theme("environment"))
    db.session.commit()
    kept = [theme_counts(), facet_counts(read_filters(MultiDict())[0])["theme"]]
    db.session.commit()  # every object of the session expires
    db.session.remove()  # and is no longer in any session
    assert [theme.name("en") for theme, _count in kept[0]]
    assert [theme.name("fr") for _slug, theme, _count in kept[1]]
