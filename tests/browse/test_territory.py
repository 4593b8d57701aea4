"""Territory pages: presentation, groups (no personal data), public exchanges, twins."""

from tests import factories
from tests.browse.helpers import assert_only_public, place, queries_for, seed_stories, side

# Territory page: fingerprint, the territory, the ids of its public exchanges, the latest 12 of
# them (+ themes), the groups of their sides, its latest stories, pictures of it and its twins
# (2).
TERRITORY_QUERIES = 9


def test_territory_page_shows_its_public_side_only(client, states):
    here = states.public.inviting_group.territory
    page = client.get(f"/places/{here.slug}").get_data(as_text=True)
    assert_only_public(page, states)
    assert "Sunhaven Juniors" in page  # its group
    assert "Tidemouth" in page  # the territory it is twinned with
    assert "Publicstory Lanterns" in page  # a story written here
    assert "Publicstory Nets" not in page  # written over there


def test_groups_show_name_and_kind_but_no_age_and_no_person(english_client, states):
    group = states.public.inviting_group
    young = factories.make_young(group, name="Zoé Secretname")
    page = english_client.get(f"/places/{group.territory.slug}").get_data(as_text=True)
    assert "Sunhaven Juniors" in page and "Class" in page
    assert "ages 12" not in page and "12–15" not in page  # an age range helps single a child out
    assert young.display_name not in page
    for educator in group.educators:
        assert educator.display_name not in page and educator.email not in page
    assert group.join_code not in page


def test_a_territory_without_public_exchange_is_not_found(client, states):
    for territory in states.hidden_places:
        assert client.get(f"/places/{territory.slug}").status_code == 404
    assert client.get("/places/no-such-place").status_code == 404
    assert client.get("/places/" + "x" * 3000).status_code == 404


def test_a_group_of_the_territory_without_public_exchange_is_not_listed(client, states):
    here = states.public.inviting_group.territory
    side("Quiet Group", here)
    page = client.get(f"/places/{here.slug}")
    assert page.status_code == 200 and f'<h1 id="place-title">{here.name}</h1>' in page.text
    assert "Quiet Group" not in page.text


def test_admin_sees_a_territory_without_public_exchange_to_choose_its_picture(as_user, states):
    client = as_user(factories.make_admin())
    territory = states.hidden_places[0]
    page = client.get(f"/places/{territory.slug}").get_data(as_text=True)
    assert f"/places/{territory.slug}/picture" in page
    assert "Confidential" not in page  # still only public exchanges


def test_territory_links_its_twins_and_exchanges(client, states):
    here, there = (g.territory for g in states.public.groups)
    page = client.get(f"/places/{here.slug}").get_data(as_text=True)
    assert f'href="/places/{there.slug}"' in page
    assert f'href="/exchanges/{states.public.id}"' in page


def test_a_proposed_territory_has_no_public_page(client):
    proposed = factories.make_territory("Proposedville", status="proposed")
    factories.make_exchange(side("P1", proposed), side("P2", place("Other", "FR")), public=True)
    assert client.get(f"/places/{proposed.slug}").status_code == 404


def test_territory_page_runs_the_same_small_number_of_queries_with_5_or_200_stories(client):
    rounds = seed_stories(5)
    slug = rounds[0].exchange.inviting_group.territory.slug
    few = queries_for(client, f"/places/{slug}")
    seed_stories(195)
    assert queries_for(client, f"/places/{slug}") == few
    assert few <= TERRITORY_QUERIES, few


def test_territory_shows_its_latest_exchanges_and_leads_to_all_of_them(client, monkeypatch):
    from storyhub.browse import queries

    monkeypatch.setattr(queries, "TERRITORY_EXCHANGES", 2)
    here = place("Crowded", "FR", 45, 1)
    made = [
        factories.make_exchange(
            side(f"H{n}", here), side(f"T{n}", place(f"Twin {n}", "SN", 14, -n)), public=True
        )
        for n in range(3)
    ]
    page = client.get(f"/places/{here.slug}", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    shown = [e for e in made if f'href="/exchanges/{e.id}"' in html]
    assert len(shown) == 2 and '<span class="count">3</span>' in html
    assert f'href="/explore?territory={here.slug}"' in html
    assert "See all 3 exchanges of Crowded in the directory" in html
    for n in range(3):  # every twin and every group of the place is still listed
        assert f"Twin {n}" in html and f"H{n}" in html
    french = client.get(f"/places/{here.slug}").get_data(as_text=True)
    assert "Voir les 3 échanges de Crowded dans l’annuaire" in french


def test_territory_lists_its_latest_twins_and_leads_to_the_others(client, monkeypatch):
    from storyhub.browse import queries

    monkeypatch.setattr(queries, "TERRITORY_TWINS", 2)
    here = place("Manytwins", "FR", 45, 1)
    for n in range(3):  # made public in this order: Twin 2 is the latest twinned
        factories.make_exchange(
            side(f"H{n}", here), side(f"T{n}", place(f"Twin {n}", "SN", 14, -n)), public=True
        )
    html = client.get(f"/places/{here.slug}", headers={"Accept-Language": "en"}).text
    twins = html[html.index('id="place-twins"') :]
    assert "Twin 2" in twins and "Twin 1" in twins and "Twin 0" not in twins
    assert '<span class="count">3</span>' in twins  # every twin counted
    assert "And 1 more territory: see every exchange of Manytwins in the directory" in twins
    assert f'href="/explore?territory={here.slug}"' in twins
    for n in range(3):  # every group of the place is still listed
        assert f"H{n}" in html
    french = client.get(f"/places/{here.slug}").text
    assert "Et 1 autre territoire : voir tous les échanges de Manytwins dans l’annuaire" in french


def test_territory_shows_the_latest_public_stories_of_all_its_groups_newest_first(client):
    from datetime import timedelta

    from storyhub.browse.queries import TERRITORY_STORIES
    from storyhub.core.models import utcnow
    from storyhub.extensions import db

    here = place("Storyport", "FR", 45, 1)
    exchanges = [
        factories.make_exchange(
            side(f"Here {n}", here), side(f"There {n}", place(f"Far {n}", "SN")), public=True
        )
        for n in range(2)
    ]
    rounds = [factories.make_round(e) for e in exchanges]
    start, stories = utcnow() - timedelta(days=1), []
    for n in range(TERRITORY_STORIES + 2):  # the groups of the place write in turn
        story = factories.make_story(
            rounds[n % 2], exchanges[n % 2].inviting_group, status="approved", title=f"Here-{n}-"
        )
        story.published_at = start + timedelta(minutes=n)
        stories.append(story)
    newest_unseen = [  # after all of them: not public, or written over there
        factories.make_story(rounds[0], exchanges[0].inviting_group, status="unpublished"),
        factories.make_story(rounds[1], exchanges[1].invited_group, status="approved"),
    ]
    for story in newest_unseen:
        story.title, story.published_at = f"Unseen-{story.id}-", utcnow()
    db.session.commit()
    html = client.get(f"/places/{here.slug}").text
    section = html[html.index('id="place-stories"') :]
    shown = [n for n in range(len(stories)) if f"Here-{n}-" in section]
    assert shown == list(range(2, TERRITORY_STORIES + 2))  # the latest of both groups
    newest_first = [section.index(f"Here-{n}-") for n in reversed(shown)]
    assert newest_first == sorted(newest_first)
    assert "Unseen-" not in section
