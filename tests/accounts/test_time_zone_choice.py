"""A reader without JavaScript chooses their time zone in their account (My data and my
account): a select of IANA zones, the common ones first, checked by the server; the times shown
change; once chosen by hand, the browser no longer replaces it."""

from datetime import date

import pytest

from storyhub.extensions import db
from tests import factories
from tests.exchanges.test_time_zones import _deadline_text
from tests.stories.helpers import make_pair

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}


@pytest.fixture
def pair():
    pair = make_pair()
    db.session.delete(pair.round)
    pair.round = factories.make_round(pair.exchange)
    pair.round.set_dates(date(2030, 11, 1), date(2030, 12, 6), "Indian/Mayotte")
    db.session.commit()
    return pair


def _choose(client, zone, headers=EN):
    return client.post("/account/time-zone/choose", data={"time_zone": zone}, headers=headers)


def test_the_account_offers_the_zones_common_ones_first(as_user):
    page = as_user(factories.make_educator()).get("/account/data", headers=EN).text
    select = page[page.index('<select id="time_zone"') : page.index("</select>")]
    assert '<option value="" selected>Follow my browser (automatic)</option>' in select
    common = select[select.index('<optgroup label="Common">') : select.index("</optgroup>")]
    assert 'value="Indian/Mayotte"' in common and "Mayotte time" in common
    assert 'value="Europe/Paris"' in common
    assert '<optgroup label="Pacific Ocean">' in select and 'value="Pacific/Fiji"' in select
    assert select.count('value="Indian/Mayotte"') == 1  # each zone once


def test_in_french_the_choice_is_french(as_user):
    page = as_user(factories.make_educator()).get("/account/data", headers=FR).text
    assert "Mon fuseau horaire" in page and "Suivre mon navigateur (automatique)" in page
    assert '<optgroup label="Courants">' in page and "heure de Mayotte" in page


def test_a_chosen_zone_changes_the_times_shown(as_user, pair):
    client = as_user(pair.amina)
    assert 'datetime="2030-12-06T20:59:59Z"' in _deadline_text(client, pair.round.id, "en")
    answer = _choose(client, "Indian/Mayotte")
    assert answer.status_code == 302 and answer.location.endswith("/account/data#time-zone")
    db.session.refresh(pair.amina)
    assert pair.amina.time_zone == "Indian/Mayotte" and pair.amina.time_zone_chosen
    shown = _deadline_text(client, pair.round.id, "en")
    assert 'datetime="2030-12-06T23:59:59+03:00"' in shown and "(Mayotte time)" in shown
    page = client.get("/account/data", headers=EN).text
    assert '<option value="Indian/Mayotte" selected>' in page
    assert "data-zone-chosen" in page  # the browser's script leaves the chosen zone alone


def test_in_french_the_saved_message_names_the_zone(as_user, pair):
    client = as_user(pair.lea)
    page = client.post(
        "/account/time-zone/choose",
        data={"time_zone": "Europe/Paris"},
        headers=FR,
        follow_redirects=True,
    ).text
    assert "Enregistré : les heures sont affichées en heure de Paris." in page.replace("&#39;", "'")


@pytest.mark.parametrize("zone", ["Mars/Olympus", "Europe/Paris<script>", "../../etc/passwd",
                                  "x" * 300, "Etc/Unknown"])  # fmt: skip
def test_an_unknown_zone_is_refused_and_nothing_changes(as_user, pair, zone):
    pair.amina.time_zone = "Europe/Paris"
    db.session.commit()
    client = as_user(pair.amina)
    page = client.post(
        "/account/time-zone/choose", data={"time_zone": zone}, headers=EN, follow_redirects=True
    )
    assert "Choose a time zone from the list." in page.text
    db.session.refresh(pair.amina)
    assert pair.amina.time_zone == "Europe/Paris" and not pair.amina.time_zone_chosen


def test_the_refusal_is_french_in_french(as_user, pair):
    page = as_user(pair.amina).post(
        "/account/time-zone/choose", data={"time_zone": "Mars/Olympus"}, headers=FR,
        follow_redirects=True,
    )  # fmt: skip
    assert "Choisissez un fuseau horaire dans la liste." in page.text


def test_a_chosen_zone_is_not_replaced_by_the_browser_until_automatic_again(as_user, pair):
    client = as_user(pair.amina)
    _choose(client, "Pacific/Noumea")
    assert client.post("/account/time-zone", data={"time_zone": "Europe/Paris"}).status_code == 204
    db.session.refresh(pair.amina)
    assert pair.amina.time_zone == "Pacific/Noumea"
    _choose(client, "")  # follow my browser again
    client.post("/account/time-zone", data={"time_zone": "Europe/Paris"})
    db.session.refresh(pair.amina)
    assert pair.amina.time_zone == "Europe/Paris" and not pair.amina.time_zone_chosen


def test_a_visitor_cannot_choose_a_zone(client):
    answer = client.post("/account/time-zone/choose", data={"time_zone": "Indian/Mayotte"})
    assert answer.status_code in (302, 401) and "/login" in answer.location
