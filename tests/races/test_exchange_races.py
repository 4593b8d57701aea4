"""The two keys, the answer to an invitation and the round proposal, taken at the same moment."""

from datetime import date

import pytest

from storyhub.accounts.models import User
from storyhub.core.lifecycle import LostRace
from storyhub.exchanges import life, services
from storyhub.exchanges.models import Exchange, Round
from storyhub.exchanges.rounds import RoundDetails, propose_round
from storyhub.extensions import db
from tests import factories
from tests.races.helpers import after, at_once, get, notices, one_winner


@pytest.fixture
def pair():
    """An active, private exchange; each side led by one educator; a second on side A."""
    a, b, a2 = factories.make_educator(), factories.make_educator(), factories.make_educator()
    side_a, side_b = factories.make_group(a), factories.make_group(b)
    side_a.educators.append(a2)
    exchange = factories.make_exchange(side_a, side_b)
    db.session.commit()
    return exchange, a, b, a2


def _publish(exchange_id, user_id):
    return lambda: services.publish_exchange(get(Exchange, exchange_id), get(User, user_id))


def _round(exchange_id, user_id, question="Where do you meet?"):
    details = RoundDetails(question, date(2026, 10, 1), date(2027, 5, 1))
    return lambda: propose_round(get(Exchange, exchange_id), get(User, user_id), details)


def _answer(exchange_id, user_id, answer="decline"):
    if answer == "accept":
        return lambda: services.accept_exchange(get(Exchange, exchange_id), get(User, user_id))
    return lambda: services.decline_exchange(
        get(Exchange, exchange_id), get(User, user_id), "Not now"
    )


def _close(exchange_id, user_id):
    return lambda: services.close_exchange(get(Exchange, exchange_id), get(User, user_id))


def _everyone_told_once(exchange, *educators):
    assert all(notices("exchange_published", e) == 1 for e in educators)
    assert notices("exchange_published") == len(educators)


@pytest.mark.postgresql
@pytest.mark.parametrize("run", range(6))
def test_both_keys_turned_at_once_the_exchange_is_public_and_everyone_is_told(
    app, monkeypatch, pair, run
):
    exchange, a, b, a2 = pair
    threads = at_once(app, monkeypatch, _publish(exchange.id, a.id), _publish(exchange.id, b.id))
    assert all(t.won for t in threads), [t.error for t in threads]
    assert sorted(t.result for t in threads) == [False, True]  # one of them made it public
    assert db.session.get(Exchange, exchange.id).is_public
    _everyone_told_once(exchange, a, b, a2)


@pytest.mark.postgresql
def test_one_side_turning_its_key_twice_at_once_turns_it_once(app, monkeypatch, pair):
    exchange, a, b, a2 = pair
    threads = at_once(app, monkeypatch, _publish(exchange.id, a.id), _publish(exchange.id, a2.id))
    winner, (loser,) = one_winner(threads)
    assert loser.error.message == "Votre groupe a déjà publié cet échange."
    assert not db.session.get(Exchange, exchange.id).is_public


def test_the_second_key_read_before_the_first_was_turned_still_tells_everyone(app, pair):
    """The stale page showed no key turned; the other side turned theirs meanwhile."""
    exchange, a, b, a2 = pair
    assert exchange.inviting_published_at is exchange.invited_published_at is None
    assert after(app, _publish(exchange.id, b.id)).won
    assert services.publish_exchange(exchange, a) is True
    _everyone_told_once(exchange, a, b, a2)


def test_a_key_turned_meanwhile_by_a_colleague_is_not_turned_twice(app, pair):
    exchange, a, b, a2 = pair
    assert exchange.inviting_published_at is None
    assert after(app, _publish(exchange.id, a2.id)).won
    with pytest.raises(LostRace):
        services.publish_exchange(exchange, a)
    db.session.expire_all()
    assert get(Exchange, exchange.id).inviting_published_by_id == a2.id


def test_a_key_removed_meanwhile_is_not_removed_twice(app, pair):
    exchange, a, b, a2 = pair
    services.publish_exchange(exchange, a)
    assert exchange.inviting_published_at is not None
    exchange_id, colleague_id = exchange.id, a2.id

    def unpublish():
        return services.unpublish_exchange(get(Exchange, exchange_id), get(User, colleague_id))

    assert after(app, unpublish).won
    with pytest.raises(LostRace):
        services.unpublish_exchange(exchange, a)


@pytest.mark.postgresql
@pytest.mark.parametrize("run", range(3))
def test_accept_and_decline_at_once_exactly_one_wins(app, monkeypatch, run):
    inviting, invited = factories.make_educator(), factories.make_educator()
    colleague = factories.make_educator()
    group = factories.make_group(invited)
    group.educators.append(colleague)
    exchange = factories.make_exchange(factories.make_group(inviting), group, status="invited")
    accept, decline = _answer(exchange.id, invited.id, "accept"), _answer(exchange.id, colleague.id)
    threads = at_once(app, monkeypatch, accept, decline)
    winner, _ = one_winner(threads)
    exchange = db.session.get(Exchange, exchange.id)
    accepted = winner.fn is accept
    assert exchange.status == ("active" if accepted else "declined")
    assert exchange.decline_reason == ("" if accepted else "Not now")
    assert notices("invitation_accepted") == int(accepted)
    assert notices("invitation_declined") == int(not accepted)


def test_an_answer_read_before_another_is_not_recorded(app):
    inviting, invited, colleague = (factories.make_educator() for _ in range(3))
    group = factories.make_group(invited)
    group.educators.append(colleague)
    exchange = factories.make_exchange(factories.make_group(inviting), group, status="invited")
    assert exchange.status == "invited"
    assert after(app, _answer(exchange.id, invited.id, "accept")).won
    with pytest.raises(LostRace) as lost:
        services.decline_exchange(exchange, colleague, "Not now")
    assert lost.value.message == str(life.EXCHANGE_ALREADY_DECIDED)
    db.session.expire_all()
    assert get(Exchange, exchange.id).status == "active"
    assert notices("invitation_declined") == 0


@pytest.mark.postgresql
@pytest.mark.parametrize("run", range(3))
def test_close_and_a_round_proposal_at_once_never_leave_a_round_in_a_closed_exchange(
    app, monkeypatch, pair, run
):
    exchange, a, b, a2 = pair
    close = _close(exchange.id, b.id)
    propose = _round(exchange.id, a.id)
    closing, proposing = at_once(app, monkeypatch, close, propose)
    assert closing.won  # the close always stands
    rounds = db.session.scalars(db.select(Round).filter_by(exchange_id=exchange.id)).all()
    assert db.session.get(Exchange, exchange.id).status == "closed"
    if proposing.won:  # the proposal came first: its round, its notices (2 educators of A, 1 of B)
        assert len(rounds) == 1 and notices("round_opened") == 3
    else:  # the close came first: nothing of the proposal is left
        assert isinstance(proposing.error, LostRace)
        assert rounds == [] and notices("round_opened") == 0


@pytest.mark.postgresql
def test_the_same_round_sent_twice_at_once_is_created_once(app, monkeypatch, pair):
    exchange, a, b, a2 = pair
    threads = at_once(app, monkeypatch, _round(exchange.id, a.id), _round(exchange.id, a2.id))
    assert all(t.won for t in threads), [t.error for t in threads]
    assert db.session.scalar(db.select(db.func.count(Round.id))) == 1
    assert notices("round_opened", b) == 1


def test_a_round_proposed_on_a_page_read_before_the_close_is_refused(app, pair):
    exchange, a, b, a2 = pair
    assert exchange.status == "active"
    close = _close(exchange.id, b.id)
    assert after(app, close).won
    details = RoundDetails("Where do you meet?", date(2026, 10, 1), date(2027, 5, 1))
    with pytest.raises(LostRace):
        propose_round(exchange, a, details)
    assert db.session.scalar(db.select(db.func.count(Round.id))) == 0
    assert notices("round_opened") == 0
