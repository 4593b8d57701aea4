"""Finding a twin: filters narrow the open groups, own and closed groups are never listed;
inviting from the page; my exchanges grouped."""

from datetime import date, timedelta

import pytest

from storyhub.exchanges.models import Exchange
from storyhub.exchanges.themes import set_group_themes
from storyhub.extensions import db
from storyhub.notifications.models import Notification
from tests import factories
from tests.exchanges.conftest import make_side
from tests.exchanges.test_views import fresh_client

EN = {"Accept-Language": "en"}


@pytest.fixture
def world(side_a):
    """Side A looks for a twin among a few open groups, one closed group, and its own groups."""
    dakar = factories.make_territory(name="Dakar", country="SN")
    lyon = factories.make_territory(name="Lyon", country="FR")
    groups = {
        "senegal_teens": factories.make_group(
            factories.make_educator(),
            dakar,
            name="Dakar teens",
            open_to_twinning=True,
            age_min=13,
            age_max=16,
            languages="fr,wo",
        ),
        "senegal_adults": factories.make_group(
            factories.make_educator(),
            dakar,
            name="Dakar young adults",
            open_to_twinning=True,
            age_min=18,
            age_max=25,
            languages="fr",
        ),
        "lyon_club": factories.make_group(
            factories.make_educator(),
            lyon,
            name="Lyon sport club",
            open_to_twinning=True,
            age_min=11,
            age_max=14,
            languages="fr,en",
        ),
        "closed": factories.make_group(
            factories.make_educator(), lyon, name="Lyon closed group", open_to_twinning=False
        ),
        "own_open": factories.make_group(
            side_a.educator, dakar, name="My other open group", open_to_twinning=True
        ),
    }
    sport = factories.make_theme("sport-and-inclusion")
    for key in ("lyon_club", "senegal_adults"):
        group = groups[key]
        set_group_themes(group, group.educators[0], [sport.id])
    groups["sport"] = sport
    return groups


def names(app, user, query=""):
    page = fresh_client(app, user).get(f"/exchanges/find{query}", headers=EN)
    assert page.status_code == 200
    html = page.data.decode()
    return {
        name
        for name in (
            "Dakar teens",
            "Dakar young adults",
            "Lyon sport club",
            "Lyon closed group",
            "My other open group",
            "Les Chartrons",
        )
        if f'<h3 class="card__title">{name}</h3>' in html
    }, html


def test_finder_lists_open_groups_but_never_own_or_closed_ones(app, side_a, world):
    found, _html = names(app, side_a.educator)
    assert found == {"Dakar teens", "Dakar young adults", "Lyon sport club"}


def test_each_filter_narrows_the_results(app, side_a, world):
    dakar = world["senegal_teens"].territory_id
    assert names(app, side_a.educator, f"?territory={dakar}")[0] == {
        "Dakar teens",
        "Dakar young adults",
    }
    assert names(app, side_a.educator, "?country=FR")[0] == {"Lyon sport club"}
    assert names(app, side_a.educator, "?language=wo")[0] == {"Dakar teens"}
    assert names(app, side_a.educator, "?language=en")[0] == {"Lyon sport club"}
    assert names(app, side_a.educator, "?age_from=17")[0] == {"Dakar young adults"}
    assert names(app, side_a.educator, "?age_to=12")[0] == {"Lyon sport club"}
    assert names(app, side_a.educator, f"?theme={world['sport'].id}")[0] == {
        "Dakar young adults",
        "Lyon sport club",
    }


def test_filters_combine(app, side_a, world):
    query = f"?country=SN&theme={world['sport'].id}&age_from=15&age_to=30"
    assert names(app, side_a.educator, query)[0] == {"Dakar young adults"}


def test_language_filter_does_not_match_part_of_a_code(app, side_a, world):
    world["lyon_club"].languages = "swb"
    db.session.commit()
    assert names(app, side_a.educator, "?language=wo")[0] == {"Dakar teens"}


@pytest.mark.parametrize(
    "query",
    [
        "?territory=abc",
        "?territory=99999999999999999999",
        "?country=ZZ",
        "?language=<script>",
        "?age_from=old",
        "?age_to=-5",
        "?theme=1e9",
        "?page=abc",
        "?page=99999999999999",
        "?page=-1",
        "?territory=&country=&theme=",
    ],
)
def test_garbage_filters_give_a_message_never_a_500(app, side_a, world, query):
    found, html = names(app, side_a.educator, query)
    if "page" in query or query.startswith("?territory=&"):
        assert "not understood" not in html
    else:
        assert "Some filters were not understood and are ignored" in html
        assert found == {"Dakar teens", "Dakar young adults", "Lyon sport club"}


def test_ages_in_the_wrong_order_are_ignored_with_a_message(app, side_a, world):
    found, html = names(app, side_a.educator, "?age_from=20&age_to=12")
    assert "The first age must not be above the second" in html
    assert len(found) == 3


def test_results_are_paginated_and_keep_the_filters(app, side_a):
    paris = factories.make_territory(name="Paris", country="FR")
    for n in range(14):
        factories.make_group(
            factories.make_educator(), paris, name=f"P{n:02d}", open_to_twinning=True
        )
    first = fresh_client(app, side_a.educator).get("/exchanges/find?country=FR", headers=EN)
    assert b"Page 1 of 2" in first.data
    assert b"country=FR" in first.data and b"page=2" in first.data
    second = fresh_client(app, side_a.educator).get("/exchanges/find?country=FR&page=2", headers=EN)
    assert second.data.count(b'<li class="card twin-card">') == 2


def test_young_people_and_pending_educators_cannot_use_the_finder(app, side_a):
    assert fresh_client(app, side_a.young).get("/exchanges/find").status_code == 403
    pending = factories.make_educator(verified=False)
    page = fresh_client(app, pending).get("/exchanges/find")
    assert page.status_code == 302
    assert fresh_client(app).get("/exchanges/find").status_code == 302


# --- inviting through the page -------------------------------------------------------------------


def invite_form(side, **changes):
    data = {
        "from_group": str(side.group.id),
        "title": "Living together",
        "description": "One question at a time.",
        "themes": [str(factories.make_theme().id)],
        "languages": ["fr"],
        "starts_on": date.today().isoformat(),
        "ends_on": (date.today() + timedelta(days=100)).isoformat(),
        "message": "Hello from Bordeaux, keep this.",
    }
    data.update(changes)
    return data


def test_educator_invites_a_group_from_the_finder(app, side_a, side_b):
    client = fresh_client(app, side_a.educator)
    page = client.get(f"/exchanges/new?group={side_b.group.id}", headers=EN)
    assert page.status_code == 200 and b"Club de Mamoudzou" in page.data
    response = client.post(
        f"/exchanges/new?group={side_b.group.id}", data=invite_form(side_a), headers=EN
    )
    assert response.status_code == 302
    exchange = db.session.scalar(db.select(Exchange))
    assert (exchange.inviting_group_id, exchange.invited_group_id) == (
        side_a.group.id,
        side_b.group.id,
    )
    assert db.session.scalar(
        db.select(Notification).filter_by(user_id=side_b.educator.id, kind="invitation_received")
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"themes": ["999999"]}, b"Choose themes from the list."),
        ({"themes": ["abc"]}, b"Choose themes from the list."),
        ({"themes": []}, b"Choose at least one theme."),
        ({"languages": ["klingon"]}, b"Choose languages from the list."),
        ({"starts_on": "31/12/2026"}, b"Enter a date as YYYY-MM-DD"),
        (
            {"ends_on": date.today().isoformat()},
            b"The end of the period must come after its start.",
        ),
        ({"from_group": "abc"}, b"Choose one of the groups you lead."),
        ({"title": "x" * 200}, b"At most 160 characters."),
    ],
)
def test_bad_invitation_input_gives_a_message_and_keeps_the_text(
    app, side_a, side_b, changes, message
):
    response = fresh_client(app, side_a.educator).post(
        f"/exchanges/new?group={side_b.group.id}", data=invite_form(side_a, **changes), headers=EN
    )
    assert response.status_code == 200
    assert message in response.data
    assert b"Hello from Bordeaux, keep this." in response.data
    assert db.session.scalar(db.select(db.func.count(Exchange.id))) == 0


@pytest.mark.parametrize("group", ["", "abc", "99999999999999999999", "424242"])
def test_invite_without_a_valid_group_goes_back_to_the_finder(app, side_a, group):
    response = fresh_client(app, side_a.educator).get(f"/exchanges/new?group={group}", headers=EN)
    assert response.status_code == 302
    assert "/exchanges/find" in response.headers["Location"]


def test_invite_a_closed_group_is_refused(app, side_a, side_b):
    side_b.group.open_to_twinning = False
    db.session.commit()
    response = fresh_client(app, side_a.educator).get(f"/exchanges/new?group={side_b.group.id}")
    assert response.status_code == 302


def test_invite_from_the_same_territory_is_not_offered(app, side_a):
    neighbour = make_side("Neighbours")
    neighbour.group.territory = side_a.group.territory
    db.session.commit()
    client = fresh_client(app, side_a.educator)
    page = client.get(f"/exchanges/new?group={neighbour.group.id}", headers=EN)
    assert b"cannot be twinned" in page.data
    client.post(f"/exchanges/new?group={neighbour.group.id}", data=invite_form(side_a))
    assert db.session.scalar(db.select(db.func.count(Exchange.id))) == 0


# --- my exchanges ---------------------------------------------------------------------------------


def test_my_exchanges_are_grouped(app, side_a, side_b):
    third, fourth = make_side("Third"), make_side("Fourth")
    factories.make_exchange(third.group, side_a.group, status="invited", title="To answer")
    factories.make_exchange(side_a.group, fourth.group, status="invited", title="Sent one")
    factories.make_exchange(side_a.group, side_b.group, title="Running")
    factories.make_exchange(side_b.group, side_a.group, status="closed", title="Old one")
    html = fresh_client(app, side_a.educator).get("/exchanges/", headers=EN).data.decode()
    order = [
        html.index(text)
        for text in (
            "Invitations to answer",
            "To answer",
            "Invitations sent",
            "Sent one",
            "Active",
            "Running",
            "Closed",
            "Old one",
        )
    ]
    assert order == sorted(order)


def test_young_people_see_only_running_and_closed_exchanges(app, side_a, side_b):
    factories.make_exchange(side_b.group, side_a.group, status="invited", title="To answer")
    factories.make_exchange(side_a.group, side_b.group, title="Running")
    html = fresh_client(app, side_a.young).get("/exchanges/", headers=EN).data.decode()
    assert "Running" in html and "To answer" not in html
