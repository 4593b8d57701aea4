"""Exchange pages: who sees what (allowed and refused), and what each person can do there."""

from datetime import date, timedelta

import pytest
from flask import g

from storyhub.exchanges.models import Exchange, Round
from storyhub.extensions import db
from tests import factories
from tests.conftest import login_as

EN = {"Accept-Language": "en"}
TODAY = date.today()


@pytest.fixture
def private(side_a, side_b) -> Exchange:
    return factories.make_exchange(side_a.group, side_b.group, title="Our private exchange")


@pytest.fixture
def public(side_a, side_b) -> Exchange:
    return factories.make_exchange(
        side_a.group, side_b.group, public=True, title="Our public exchange"
    )


def fresh_client(app, user=None):
    """A client signed in as user (None: the public).

    The tests' app context is shared with the requests, so forget who the previous request
    loaded (Flask-Login caches the user in g) and the locale Flask-Babel cached there.
    """
    g.pop("_login_user", None)
    g.pop("_flask_babel", None)
    client = app.test_client()
    return login_as(client, user) if user is not None else client


def get(app, user, url):
    """GET as user (None: the public) with a fresh client."""
    return fresh_client(app, user).get(url, headers=EN)


def post(app, user, url, data=None):
    return fresh_client(app, user).post(url, data=data or {}, headers=EN, follow_redirects=True)


# --- seeing an exchange ------------------------------------------------------------------------


def test_public_sees_a_public_exchange(app, public):
    page = get(app, None, f"/exchanges/{public.id}")
    assert page.status_code == 200
    assert b"Our public exchange" in page.data
    # the public sees the two places by name, never "Side A / Side B"
    assert b"Side A" not in page.data and b"Side B" not in page.data
    assert b'class="face__label"' not in page.data


def test_public_gets_404_for_a_private_exchange(app, private):
    page = get(app, None, f"/exchanges/{private.id}")
    assert page.status_code == 404
    assert b"Our private exchange" not in page.data


def test_one_key_is_not_enough_for_the_public(app, private):
    private.inviting_published_at = private.created_at
    db.session.commit()
    assert get(app, None, f"/exchanges/{private.id}").status_code == 404


def test_member_of_another_exchange_sees_nothing_of_a_private_one(app, private, outsider):
    assert get(app, outsider.educator, f"/exchanges/{private.id}").status_code == 404
    assert get(app, outsider.young, f"/exchanges/{private.id}").status_code == 404
    listing = get(app, outsider.educator, "/exchanges/")
    assert b"Our private exchange" not in listing.data


@pytest.mark.parametrize("who", ["educator_a", "young_a", "educator_b", "young_b"])
def test_members_of_both_sides_see_their_private_exchange(app, private, side_a, side_b, who):
    person = {
        "educator_a": side_a.educator,
        "young_a": side_a.young,
        "educator_b": side_b.educator,
        "young_b": side_b.young,
    }[who]
    page = get(app, person, f"/exchanges/{private.id}")
    assert page.status_code == 200
    assert b"Here" in page.data and b"Over there" in page.data
    assert b"Our private exchange" in get(app, person, "/exchanges/").data


def test_the_viewers_own_side_is_here(app, private, side_b):
    html = get(app, side_b.educator, f"/exchanges/{private.id}").data.decode()
    here = html.index("face__side--here")
    assert html.index("Club de Mamoudzou", here) < html.index("Les Chartrons", here)


def test_admin_sees_a_private_exchange(app, private, admin_user):
    assert get(app, admin_user, f"/exchanges/{private.id}").status_code == 200


def test_unknown_and_out_of_range_ids_are_404(app, side_a):
    for url in ("/exchanges/999999", "/exchanges/99999999999", "/exchanges/0"):
        assert get(app, side_a.educator, url).status_code == 404


def test_invitation_message_is_for_educators_only(app, side_a, side_b):
    exchange = factories.make_exchange(
        side_a.group, side_b.group, status="invited", invitation_message="Dear colleague"
    )
    assert b"Dear colleague" in get(app, side_b.educator, f"/exchanges/{exchange.id}").data
    assert b"Dear colleague" not in get(app, side_b.young, f"/exchanges/{exchange.id}").data


def test_page_shows_which_side_published_and_what_is_needed(app, private, side_a):
    private.inviting_published_at = private.created_at
    db.session.commit()
    html = get(app, side_a.educator, f"/exchanges/{private.id}").data.decode()
    assert "Private" in html
    assert "Needed: Club de Mamoudzou publishes it too." in html
    assert "Make it private again" in html


# --- acting on an exchange ----------------------------------------------------------------------


def test_invited_educator_accepts_through_the_page(app, side_a, side_b):
    exchange = factories.make_exchange(side_a.group, side_b.group, status="invited")
    page = post(app, side_b.educator, f"/exchanges/{exchange.id}/accept")
    assert b"the exchange has started" in page.data
    db.session.refresh(exchange)
    assert exchange.status == "active"


def test_educator_of_group_b_cannot_act_for_group_a(app, side_a, side_b):
    exchange = factories.make_exchange(side_a.group, side_b.group, status="invited")
    # side A invited: only B may accept; A's educator is refused with the reason
    page = post(app, side_a.educator, f"/exchanges/{exchange.id}/accept")
    assert b"Only an educator of the invited group can accept" in page.data
    db.session.refresh(exchange)
    assert exchange.status == "invited"


@pytest.mark.parametrize("action", ["accept", "decline", "close", "publish", "unpublish"])
def test_young_person_cannot_act_on_the_exchange(app, side_a, side_b, action):
    exchange = factories.make_exchange(side_a.group, side_b.group, status="invited")
    response = fresh_client(app, side_b.young)
    assert response.post(f"/exchanges/{exchange.id}/{action}", headers=EN).status_code == 403
    db.session.refresh(exchange)
    assert exchange.status == "invited"


def test_young_person_cannot_propose_a_round(app, private, side_a):
    assert get(app, side_a.young, f"/exchanges/{private.id}/rounds/new").status_code == 403
    page = fresh_client(app, side_a.young)
    response = page.post(
        f"/exchanges/{private.id}/rounds/new",
        data={"question": "Q?", "opens_on": TODAY.isoformat(), "closes_on": "2099-01-01"},
    )
    assert response.status_code == 403
    assert db.session.scalar(db.select(db.func.count(Round.id))) == 0


def test_outsider_cannot_act_and_gets_404(app, private, outsider):
    client = fresh_client(app, outsider.educator)
    assert client.post(f"/exchanges/{private.id}/publish").status_code == 404
    assert client.post(f"/exchanges/{private.id}/close").status_code == 404


def test_decline_with_a_reason_through_the_page(app, side_a, side_b):
    exchange = factories.make_exchange(side_a.group, side_b.group, status="invited")
    assert get(app, side_b.educator, f"/exchanges/{exchange.id}/decline").status_code == 200
    post(app, side_b.educator, f"/exchanges/{exchange.id}/decline", {"reason": "Full year."})
    db.session.refresh(exchange)
    assert (exchange.status, exchange.decline_reason) == ("declined", "Full year.")


def test_both_educators_publish_then_the_public_sees_it(app, private, side_a, side_b):
    page = post(app, side_a.educator, f"/exchanges/{private.id}/publish")
    assert b"becomes public when the other side publishes too" in page.data
    assert get(app, None, f"/exchanges/{private.id}").status_code == 404
    page = post(app, side_b.educator, f"/exchanges/{private.id}/publish")
    assert b"the exchange is now public" in page.data
    assert get(app, None, f"/exchanges/{private.id}").status_code == 200
    post(app, side_b.educator, f"/exchanges/{private.id}/unpublish")
    assert get(app, None, f"/exchanges/{private.id}").status_code == 404


def test_close_through_the_page(app, private, side_b):
    post(app, side_b.educator, f"/exchanges/{private.id}/close")
    db.session.refresh(private)
    assert private.status == "closed"


# --- rounds through the page --------------------------------------------------------------------


def round_form(**changes):
    data = {
        "question": "What does living together mean where you live?",
        "guidance": "A place you share.",
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + timedelta(days=20)).isoformat(),
    }
    data.update(changes)
    return data


def test_educator_proposes_a_round_and_both_sides_see_it(app, side_a, side_b):
    exchange = factories.make_exchange(
        side_a.group, side_b.group, starts_on=TODAY, ends_on=TODAY + timedelta(days=100)
    )
    post(app, side_b.educator, f"/exchanges/{exchange.id}/rounds/new", round_form())
    (round_,) = db.session.scalars(db.select(Round)).all()
    for person in (side_a.young, side_a.educator, side_b.young):
        page = get(app, person, f"/exchanges/{exchange.id}")
        assert b"What does living together mean where you live?" in page.data
        assert f'id="round-{round_.id}"'.encode() in page.data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"opens_on": "garbage"}, b"Enter a date as YYYY-MM-DD"),
        ({"closes_on": "2026-02-31"}, b"Enter a date as YYYY-MM-DD"),
        ({"closes_on": TODAY.isoformat()}, b"The closing date must come after the opening date."),
        ({"question": ""}, b"This field is required."),
        ({"question": "x" * 301}, b"At most 300 characters."),
    ],
)
def test_bad_round_input_gives_a_message_and_keeps_what_was_typed(
    app, private, side_a, changes, message
):
    data = round_form(guidance="Keep me, please.", **changes)
    client = fresh_client(app, side_a.educator)
    page = client.post(f"/exchanges/{private.id}/rounds/new", data=data, headers=EN)
    assert page.status_code == 200
    assert message in page.data
    assert b"Keep me, please." in page.data
    assert db.session.scalar(db.select(db.func.count(Round.id))) == 0


def test_round_link_goes_to_the_pair_page(app, private, side_a):
    round_ = factories.make_round(private)
    html = get(app, side_a.educator, f"/exchanges/{private.id}").data.decode()
    assert f'href="/rounds/{round_.id}"' in html


def test_decline_page_is_only_for_the_invited_side(app, side_a, side_b):
    exchange = factories.make_exchange(side_a.group, side_b.group, status="invited")
    page = fresh_client(app, side_a.educator).get(
        f"/exchanges/{exchange.id}/decline", headers=EN, follow_redirects=True
    )
    assert b"Only an educator of the invited group can decline" in page.data
    assert b"Decline the invitation</button>" not in page.data


def count_queries(app, url) -> int:
    """How many SQL statements one public GET of url runs."""
    from tests.sql import count_queries as counting

    db.session.expire_all()  # the request shares the tests' session: load everything afresh
    with counting() as statements:
        assert get(app, None, url).status_code == 200
    return len(statements)


def test_public_exchange_page_runs_a_constant_number_of_queries(app, public):
    exchange_id = public.id
    factories.make_round(public)
    one_round = count_queries(app, f"/exchanges/{exchange_id}")
    for n in range(5):
        round_ = factories.make_round(public, question=f"Question {n}?")
        round_.proposed_by_id = factories.make_educator().id
    public.themes.append(factories.make_theme("environment"))
    db.session.commit()
    assert count_queries(app, f"/exchanges/{exchange_id}") == one_round, one_round
