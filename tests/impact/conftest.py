"""A twinned exchange (sides A and B, an educator and young people each), a closed round, and
helpers to answer the before/after sets through the services."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from storyhub.impact import services
from storyhub.impact import statements as st
from storyhub.impact.models import PHASE_AFTER, PHASE_BEFORE
from tests import factories


@pytest.fixture
def twin():
    """Side A (educator, two young people) and side B (educator, one young person), active;
    one round already closed (an after set is open)."""
    educator_a, educator_b = factories.make_educator(), factories.make_educator()
    group_a, group_b = factories.make_group(educator_a), factories.make_group(educator_b)
    young_a, other_a = factories.make_young(group_a), factories.make_young(group_a)
    young_b = factories.make_young(group_b)
    exchange = factories.make_exchange(group_a, group_b)
    today = date.today()
    round_ = factories.make_round(
        exchange, opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=1)
    )
    return SimpleNamespace(
        educator_a=educator_a, educator_b=educator_b, group_a=group_a, group_b=group_b,
        young_a=young_a, other_a=other_a, young_b=young_b, exchange=exchange, round=round_,
    )  # fmt: skip


def values_for(exchange, *values):
    """{statement id: "value"} for the exchange's statements, in order."""
    statements = st.ensure_statements(exchange)
    return {s.id: str(v) for s, v in zip(statements, values, strict=False)}


def answer(user, exchange, phase, values, round_=None, reflection="", thoughts="I think…"):
    """Record a set through the service (all statements answered with `values`)."""
    answers = services.Answers(
        values=values_for(exchange, *values), thoughts=thoughts, reflection=reflection
    )
    return services.save_answers(user, exchange, phase, answers, round_)


def before(user, exchange, *values):
    return answer(user, exchange, PHASE_BEFORE, values or (2, 2, 2, 2))


def after(user, exchange, round_, *values, reflection="I learned that we are alike."):
    return answer(user, exchange, PHASE_AFTER, values or (4, 4, 4, 4), round_, reflection)
