"""What each impact page shows, gathered in a fixed number of queries (the views stay thin)."""

from datetime import date

from flask_babel import lazy_gettext as _l

from storyhub.accounts.models import User
from storyhub.exchanges.models import Exchange
from storyhub.exchanges.permissions import member_side
from storyhub.groups.membership import led_group_ids
from storyhub.impact import figures, queries
from storyhub.impact import statements as st
from storyhub.impact.chart import build_chart
from storyhub.impact.models import MOMENT_BEFORE, MOMENT_FINAL, AnswerSet
from storyhub.impact.participation import Participation, member_participation
from storyhub.impact.permissions import (
    can_answer_before,
    manages_impact,
    reads_inside,
    young_side,
)
from storyhub.impact.services import Answers, moment_of
from storyhub.impact.turnaround import reflection_turnaround
from storyhub.impact.turns import after_moments, turn_of

CHANGE_KIND_LABELS = {
    "knowledge": _l("Knowledge"),
    "view_of_other": _l("View of the other, stereotypes"),
    "relationships": _l("Relationships"),
    "engagement": _l("Engagement and action"),
    "skills": _l("Skills"),
    "confidence": _l("Self-confidence"),
}
DONE_MESSAGES = {
    "share": _l("Your reflection is shared: your educator reads it before anyone else."),
    "withdraw": _l("Your reflection is private again."),
    "approve": _l("The reflection is published."),
    "reject": _l("The reflection is not published; its writer reads your reason."),
    "unpublish": _l("The reflection is unpublished; its writer reads your reason."),
}


def parse_date(raw: str | None) -> date | None:
    """A date typed as YYYY-MM-DD, or None."""
    try:
        return date.fromisoformat((raw or "").strip())
    except ValueError:
        return None


def answers_from(answer_set: AnswerSet | None) -> Answers:
    """The form's values from what was answered before (empty the first time)."""
    if answer_set is None:
        return Answers()
    reflection = answer_set.reflection
    return Answers(
        values={a.statement_id: str(a.value) for a in answer_set.answers},
        thoughts=answer_set.thoughts,
        reflection=reflection.body if reflection is not None else "",
    )


def summary_for(exchange: Exchange, user: User) -> dict:
    """The exchange page's impact panel: the balance, and what this person is asked for now."""
    reciprocity = figures.reciprocity(exchange)
    return {
        "reciprocity": reciprocity,
        "turn": turn_of(user, exchange, reciprocity=reciprocity),
        "manages": manages_impact(user, exchange),
    }


def _labelled_shifts(exchange: Exchange, statements) -> list:
    found = figures.shifts(exchange)
    return [(st.generic_text(s), found[s.id]) for s in statements if s.id in found]


def impact_page(user: User, exchange: Exchange) -> dict:
    """Everything the impact page shows; the same number of queries at any size."""
    inside = reads_inside(user, exchange)
    statements = st.statements_of(exchange)
    complete = figures.complete_count(exchange)
    labelled = _labelled_shifts(exchange, statements) if complete >= figures.MIN_COMPLETE else []
    return {
        "exchange": exchange,
        "sides": exchange.groups,
        "changes": queries.change_stories(exchange, public=not inside),
        "observations": queries.observations(exchange, include_private=False),
        "reciprocity": figures.reciprocity(exchange),
        "rounds": sorted(exchange.rounds, key=lambda r: (r.opens_on, r.id)),
        "participation": figures.participation(exchange),
        "complete": complete,
        "min_complete": figures.MIN_COMPLETE,
        "chart": build_chart(labelled) if labelled else None,
        "labelled": labelled,
        "manages": manages_impact(user, exchange),
    }


def mine_page(user: User, exchange: Exchange) -> dict:
    """A young person's answers in this exchange and the sets still open to them."""
    sets = queries.my_answer_sets(user, exchange)
    side = young_side(user, exchange)
    return {
        "exchange": exchange,
        "sets": sorted(sets.values(), key=lambda s: (s.phase != "before", s.created_at)),
        "statements": {s.id: s for s in st.statements_of(exchange)},
        "place": exchange.twin_of(side).territory.name,
        "can_before": can_answer_before(user, exchange),
        "before_done": MOMENT_BEFORE in sets,
        "open_after": [r for r in after_moments(exchange) if moment_of(r, "after") not in sets],
        "final": MOMENT_FINAL,
    }


def follow_page(user: User, exchange: Exchange) -> dict:
    """The educators' follow-up: roster, reflections, figures, observations, statements."""
    side = member_side(user, exchange)
    own_groups = led_group_ids(user) & set(exchange.group_ids)
    return {
        "exchange": exchange,
        "side": side,
        "roster": queries.roster(exchange, user),
        "took_part": member_participation(exchange, own_groups),
        "nothing_yet": Participation(),
        "reflections": queries.reflections_to_read(user, exchange),
        "turnaround": reflection_turnaround(exchange, own_groups),
        "participation": figures.participation(exchange),
        "reciprocity": figures.reciprocity(exchange),
        "observations": queries.observations(exchange, include_private=True),
        "statements": st.ensure_statements(exchange),
        "place": exchange.twin_of(side).territory.name if side else "",
        "started": st.has_started(exchange),
        "today": date.today(),
        "change_kinds": CHANGE_KIND_LABELS,
    }
