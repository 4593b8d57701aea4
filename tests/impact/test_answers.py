"""A young person's before/after sets: who may answer, bad input refused and kept, answering
twice updates rather than duplicates."""

from storyhub.extensions import db
from storyhub.impact.models import AnswerSet, Participant, Reflection, ScaleAnswer
from tests.impact.conftest import after, before, values_for


def _form(exchange, *values, **extra):
    data = {f"s{sid}": v for sid, v in values_for(exchange, *values).items()}
    data.update(extra)
    return data


def test_young_person_answers_the_before_set(as_user, twin):
    client = as_user(twin.young_a)
    page = client.get(f"/exchanges/{twin.exchange.id}/impact/before")
    assert page.status_code == 200
    assert "Comment est-ce que j’imagine la vie à" in page.text  # French by default
    response = client.post(
        f"/exchanges/{twin.exchange.id}/impact/before",
        data=_form(twin.exchange, 1, 2, 3, 4, thoughts="Sunny all year"),
    )
    assert response.status_code == 302
    answer_set = db.session.scalar(db.select(AnswerSet))
    assert answer_set.phase == "before" and answer_set.thoughts == "Sunny all year"
    assert sorted(a.value for a in answer_set.answers) == [1, 2, 3, 4]


def test_answering_twice_updates_rather_than_duplicates(twin):
    before(twin.young_a, twin.exchange, 1, 1, 1, 1)
    before(twin.young_a, twin.exchange, 5, 4, 3, 2)
    assert db.session.scalar(db.select(db.func.count(AnswerSet.id))) == 1
    assert db.session.scalar(db.select(db.func.count(ScaleAnswer.id))) == 4
    assert db.session.scalar(db.select(db.func.count(Participant.id))) == 1
    values = sorted(db.session.scalars(db.select(ScaleAnswer.value)))
    assert values == [2, 3, 4, 5]


def test_scale_outside_1_to_5_is_refused_with_a_clear_message_and_nothing_lost(as_user, twin):
    twin.young_a.locale = "en"
    db.session.commit()
    client = as_user(twin.young_a)
    response = client.post(
        f"/exchanges/{twin.exchange.id}/impact/before",
        data=_form(twin.exchange, 1, 7, 3, thoughts="Words I typed"),
    )
    assert response.status_code == 400
    assert "Choose a number from 1 to 5." in response.text
    assert "Words I typed" in response.text
    assert (
        'value="1" id="s' in response.text and '-1" checked' in response.text
    )  # the valid answers stay chosen
    assert db.session.scalar(db.select(db.func.count(AnswerSet.id))) == 0


def test_missing_scale_answer_is_refused_in_french(as_user, twin):
    twin.young_a.locale = "fr"
    db.session.commit()
    client = as_user(twin.young_a)
    response = client.post(
        f"/exchanges/{twin.exchange.id}/impact/before",
        data=_form(twin.exchange, 1, 2, thoughts="Mes mots"),
        headers={"Accept-Language": "fr"},
    )
    assert response.status_code == 400
    assert "Choisissez un nombre de 1 à 5." in response.text
    assert "Mes mots" in response.text


def test_after_set_keeps_a_private_reflection(twin):
    before(twin.young_a, twin.exchange)
    after(twin.young_a, twin.exchange, twin.round, reflection="I changed my mind.")
    reflection = db.session.scalar(db.select(Reflection))
    assert reflection.body == "I changed my mind." and reflection.status == "private"


def test_after_set_without_reflection_is_refused(as_user, twin):
    client = as_user(twin.young_a)
    response = client.post(
        f"/exchanges/{twin.exchange.id}/impact/after?round={twin.round.id}",
        data=_form(twin.exchange, 3, 3, 3, 3, thoughts="Now I think"),
    )
    assert response.status_code == 400
    assert "Now I think" in response.text


def test_educator_may_not_answer(as_user, twin):
    client = as_user(twin.educator_a)
    assert client.get(f"/exchanges/{twin.exchange.id}/impact/before").status_code == 403


def test_young_person_of_another_exchange_may_not_answer(as_user, twin):
    from tests import factories

    outsider = factories.make_young(factories.make_group(factories.make_educator()))
    client = as_user(outsider)
    assert client.get(f"/exchanges/{twin.exchange.id}/impact/before").status_code == 404


def test_after_set_waits_for_the_end_of_the_round(as_user, twin):
    from datetime import date, timedelta

    from tests import factories

    open_round = factories.make_round(
        twin.exchange, opens_on=date.today(), closes_on=date.today() + timedelta(days=9)
    )
    client = as_user(twin.young_a)
    url = f"/exchanges/{twin.exchange.id}/impact/after"
    assert client.get(f"{url}?round={open_round.id}").status_code == 403
    assert client.get(f"{url}?round={twin.round.id}").status_code == 200
    assert client.get(url).status_code == 403  # the final set: once the exchange is closed


def test_my_answers_are_private_to_me(as_user, twin):
    before(twin.young_a, twin.exchange)
    page = as_user(twin.young_a).get(f"/exchanges/{twin.exchange.id}/impact/mine")
    assert page.status_code == 200 and "I think…" in page.text
    refused = as_user(twin.young_b).get(f"/exchanges/{twin.exchange.id}/impact/mine")
    assert "I think…" not in refused.text
