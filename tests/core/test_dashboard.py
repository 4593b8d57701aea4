"""My space shows each person what to do now: open questions, stories in progress, waiting reviews."""

from tests import factories


def _exchange_with_open_round():
    educator_a, educator_b = factories.make_educator(), factories.make_educator()
    group_a, group_b = factories.make_group(educator_a), factories.make_group(educator_b)
    exchange = factories.make_exchange(group_a, group_b)
    round_ = factories.make_round(exchange, question="Where do you meet after school?")
    return educator_a, group_a, round_


def test_a_young_person_sees_the_open_question_of_their_exchange(as_user):
    _educator, group, _round = _exchange_with_open_round()
    young = factories.make_young(group)
    page = as_user(young).get("/dashboard", headers={"Accept-Language": "en"})
    assert b"Where do you meet after school?" in page.data
    assert b"Write our story" in page.data


def test_a_young_person_never_sees_the_questions_of_another_exchange(as_user):
    _exchange_with_open_round()
    outsider = factories.make_young(factories.make_group(factories.make_educator()))
    page = as_user(outsider).get("/dashboard", headers={"Accept-Language": "en"})
    assert b"Where do you meet after school?" not in page.data
    assert b"Your group is not twinned yet" in page.data


def test_a_young_person_sees_their_draft_with_its_status(as_user):
    _educator, group, round_ = _exchange_with_open_round()
    young = factories.make_young(group)
    factories.make_story(round_, group, authors=[young], title="Our bench by the river")
    page = as_user(young).get("/dashboard", headers={"Accept-Language": "en"})
    assert b"Our bench by the river" in page.data


def test_an_educator_is_told_what_waits_for_review(as_user):
    educator, group, round_ = _exchange_with_open_round()
    young = factories.make_young(group)
    factories.make_story(round_, group, authors=[young], status="submitted")
    page = as_user(educator).get("/dashboard", headers={"Accept-Language": "en"})
    assert b"1 piece is waiting for your review" in page.data


def test_an_educator_with_nothing_waiting_sees_no_to_do(as_user):
    educator, _group, _round = _exchange_with_open_round()
    page = as_user(educator).get("/dashboard", headers={"Accept-Language": "en"})
    assert page.status_code == 200 and b"<h1>Hello, " in page.data
    assert b"waiting for your review" not in page.data
