"""What each impact page shows, gathered in a fixed number of queries (the views stay thin)."""

from datetime import date

from flask_babel import lazy_gettext as _l

from storyhub.accounts.models import User
from storyhub.exchanges.models import STATUS_CLOSED, Exchange
from storyhub.exchanges.permissions import member_side
from storyhub.impact import figures, queries
from storyhub.impact import statements as st
from storyhub.impact.chart import build_chart
from storyhub.impact.models import MOMENT_BEFORE, MOMENT_FINAL, AnswerSet
from storyhub.impact.permissions import (
    after_moment_open,
    can_answer_before,
    manages_impact,
    reads_inside,
    young_side,
)
from storyhub.impact.services import Answers, moment_of

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


def after_moments(exchange: Exchange, today: date) -> list:
    """The after sets open now: one per closed round, and the final one once closed."""
    moments = [
        r for r in queries.closed_rounds(exchange, today) if after_moment_open(exchange, r, today)
    ]
    if exchange.status == STATUS_CLOSED:
        moments.append(None)
    return moments


def summary_for(exchange: Exchange, user: User) -> dict:
    """The exchange page's impact panel: the balance, and what this person may do now."""
    today = date.today()
    result = {"reciprocity": figures.reciprocity(exchange), "todo": []}
    if young_side(user, exchange) is not None:
        done = queries.my_answer_sets(user, exchange)
        if can_answer_before(user, exchange) and MOMENT_BEFORE not in done:
            result["todo"].append(("before", None))
        for round_ in after_moments(exchange, today):
            if moment_of(round_, "after") not in done:
                result["todo"].append(("after", round_))
    result["manages"] = manages_impact(user, exchange)
    result["owed"] = owed_by(user, exchange, result["reciprocity"], today)
    return result


def owed_by(user: User, exchange: Exchange, reciprocity, today: date) -> dict:
    """ "Your turn": what the viewer's side owes the other — open rounds the twin answered and
    this side has not, and the twin's questions still waiting for an answer."""
    side = member_side(user, exchange)
    if side is None or exchange.status != "active":
        return {}
    twin = exchange.twin_of(side).id
    rounds = [
        r for r in exchange.rounds
        if r.is_open(today) and reciprocity.side(twin, r.id).stories
        and not reciprocity.side(side, r.id).stories
    ]  # fmt: skip
    questions = reciprocity.side(side).unanswered
    return {"rounds": rounds, "questions": questions} if rounds or questions else {}


def _labelled_shifts(exchange: Exchange, statements, place: str) -> list:
    found = figures.shifts(exchange)
    return [(st.statement_text(s, place), found[s.id]) for s in statements if s.id in found]


def impact_page(user: User, exchange: Exchange) -> dict:
    """Everything the impact page shows; the same number of queries at any size."""
    inside = reads_inside(user, exchange)
    statements = st.statements_of(exchange)
    place = st.public_place()
    complete = figures.complete_count(exchange)
    labelled = (
        _labelled_shifts(exchange, statements, place) if complete >= figures.MIN_COMPLETE else []
    )
    return {
        "exchange": exchange,
        "sides": exchange.groups,
        "changes": queries.change_stories(exchange, public=not inside),
        "observations": queries.observations(exchange, include_private=False),
        "reciprocity": figures.reciprocity(exchange),
        "participation": figures.participation(exchange),
        "complete": complete,
        "min_complete": figures.MIN_COMPLETE,
        "chart": build_chart(labelled) if labelled else None,
        "labelled": labelled,
        "manages": manages_impact(user, exchange),
    }


def mine_page(user: User, exchange: Exchange) -> dict:
    """A young person's answers in this exchange and the sets still open to them."""
    today = date.today()
    sets = queries.my_answer_sets(user, exchange)
    side = young_side(user, exchange)
    return {
        "exchange": exchange,
        "sets": sorted(sets.values(), key=lambda s: (s.phase != "before", s.created_at)),
        "statements": {s.id: s for s in st.statements_of(exchange)},
        "place": exchange.twin_of(side).territory.name,
        "can_before": can_answer_before(user, exchange),
        "before_done": MOMENT_BEFORE in sets,
        "open_after": [
            r for r in after_moments(exchange, today) if moment_of(r, "after") not in sets
        ],
        "final": MOMENT_FINAL,
    }


def follow_page(user: User, exchange: Exchange) -> dict:
    """The educators' follow-up: roster, reflections, figures, observations, statements."""
    side = member_side(user, exchange)
    return {
        "exchange": exchange,
        "side": side,
        "roster": queries.roster(exchange, user),
        "reflections": queries.reflections_to_read(user, exchange),
        "participation": figures.participation(exchange),
        "reciprocity": figures.reciprocity(exchange),
        "observations": queries.observations(exchange, include_private=True),
        "statements": st.ensure_statements(exchange),
        "place": exchange.twin_of(side).territory.name if side else "",
        "started": st.has_started(exchange, date.today()),
        "today": date.today(),
        "change_kinds": CHANGE_KIND_LABELS,
    }
