"""Twinning groups whose ages are far apart asks an educator of each side to confirm."""

import pytest

from storyhub.exchanges.ages import age_gap, needs_age_confirmation
from storyhub.exchanges.models import Exchange
from storyhub.extensions import db
from tests import factories
from tests.exchanges.conftest import make_side
from tests.exchanges.test_finder import invite_form
from tests.exchanges.test_views import fresh_client, get, post

EN = {"Accept-Language": "en"}


@pytest.fixture
def young_side():
    return make_side("Les Minots", age_min=11, age_max=12)


@pytest.fixture
def adult_side():
    return make_side("Jeunes adultes", age_min=18, age_max=25)


def _invite(app, side, target, **changes):
    return fresh_client(app, side.educator).post(
        f"/exchanges/new?group={target.group.id}", data=invite_form(side, **changes), headers=EN
    )


def test_the_gap_is_between_the_middles_of_the_ranges(young_side, adult_side, app):
    assert age_gap(young_side.group, adult_side.group) == 10
    close = make_side("Close", age_min=13, age_max=16)
    assert age_gap(young_side.group, close.group) == 3
    assert needs_age_confirmation(young_side.group, adult_side.group)
    assert not needs_age_confirmation(young_side.group, close.group)


def test_inviting_a_group_far_in_age_without_confirming_is_refused_and_keeps_the_text(
    app, young_side, adult_side
):
    form = fresh_client(app, young_side.educator).get(
        f"/exchanges/new?group={adult_side.group.id}", headers=EN
    )
    assert b'id="age-gap"' in form.data and b"more than 4 years apart" in form.data
    response = _invite(app, young_side, adult_side)
    assert response.status_code == 200
    assert b"more than 4 years apart" in response.data and b'class="error"' in response.data
    assert b"Hello from Bordeaux, keep this." in response.data
    assert db.session.scalar(db.select(db.func.count(Exchange.id))) == 0


def test_inviting_with_the_confirmation_records_it(app, young_side, adult_side):
    response = _invite(app, young_side, adult_side, confirm_age_gap="y")
    assert response.status_code == 302
    exchange = db.session.scalar(db.select(Exchange))
    assert exchange.status == "invited"
    assert exchange.age_gap_inviting_confirmed_at is not None
    assert exchange.age_gap_invited_confirmed_at is None


def test_groups_close_in_age_need_no_confirmation(app, young_side):
    close = make_side("Presque pareils", age_min=13, age_max=15)
    form = fresh_client(app, young_side.educator).get(
        f"/exchanges/new?group={close.group.id}", headers=EN
    )
    assert b'id="age-gap"' not in form.data
    assert _invite(app, young_side, close).status_code == 302
    exchange = db.session.scalar(db.select(Exchange))
    assert exchange.age_gap_inviting_confirmed_at is None


def test_the_invited_educator_must_confirm_too(app, young_side, adult_side):
    exchange = factories.make_exchange(young_side.group, adult_side.group, status="invited")
    page = get(app, adult_side.educator, f"/exchanges/{exchange.id}")
    assert b'id="age-gap-warning"' in page.data and b'name="confirm_age_gap"' in page.data
    refused = post(app, adult_side.educator, f"/exchanges/{exchange.id}/accept")
    assert b"more than 4 years apart" in refused.data
    db.session.refresh(exchange)
    assert exchange.status == "invited" and exchange.age_gap_invited_confirmed_at is None
    accepted = post(
        app, adult_side.educator, f"/exchanges/{exchange.id}/accept", {"confirm_age_gap": "y"}
    )
    assert b"the exchange has started" in accepted.data
    db.session.refresh(exchange)
    assert exchange.status == "active" and exchange.age_gap_invited_confirmed_at is not None


def test_the_gap_is_configurable(app, young_side, adult_side, monkeypatch):
    monkeypatch.setitem(app.config, "TWINNING_AGE_GAP", 12)
    exchange = factories.make_exchange(young_side.group, adult_side.group, status="invited")
    accepted = post(app, adult_side.educator, f"/exchanges/{exchange.id}/accept")
    assert b"the exchange has started" in accepted.data


def test_the_age_warning_never_reaches_the_public_or_the_inviting_side(app, young_side, adult_side):
    exchange = factories.make_exchange(young_side.group, adult_side.group, public=True)
    public = get(app, None, f"/exchanges/{exchange.id}")
    assert public.status_code == 200
    assert b"years apart" not in public.data and b"ages 11" not in public.data
    invited = factories.make_exchange(young_side.group, adult_side.group, status="invited")
    inviting_view = get(app, young_side.educator, f"/exchanges/{invited.id}")
    assert b'name="confirm_age_gap"' not in inviting_view.data
