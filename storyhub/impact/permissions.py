"""Who may answer, read, share, review, select and export; the one visibility rule for
reflections: `shown_reflection_clause(public)` (SQL) and its twin `is_shown_reflection`.

Answers are private to the young person and the educators of their own group (never the twin
group's educators, never an admin one by one); a reflection is read by others only once its
writer shared it, an educator of their group approved it, and their parental consent covers
where it is read.
"""

from datetime import datetime

from sqlalchemy import and_, select

from storyhub.accounts.models import User
from storyhub.exchanges.life import sides_led
from storyhub.exchanges.models import STATUS_ACTIVE, STATUS_CLOSED, Exchange, Round
from storyhub.exchanges.permissions import can_view_exchange, member_side
from storyhub.groups.membership import leads_group
from storyhub.groups.models import CONSENT_PARENTAL, SCOPE_PUBLIC, Consent
from storyhub.impact.models import REFLECTION_APPROVED, AnswerSet, Reflection


def young_side(user: User, exchange: Exchange) -> int | None:
    """The side (group id) a young person answers for in this exchange, or None."""
    if not (user.is_authenticated and user.is_young):
        return None
    return member_side(user, exchange)


def can_answer_before(user: User, exchange: Exchange) -> bool:
    """Young people of either side answer the before set while the exchange runs."""
    return exchange.status == STATUS_ACTIVE and young_side(user, exchange) is not None


def after_moment_open(
    exchange: Exchange, round_: Round | None, now: datetime | None = None
) -> bool:
    """An after set opens at the end of each round (the instant its deadline passes, in the zone
    it was set in), and when the exchange closes."""
    if round_ is None:
        return exchange.status == STATUS_CLOSED
    return exchange.status in (STATUS_ACTIVE, STATUS_CLOSED) and round_.is_over(now)


def can_answer_after(
    user: User, exchange: Exchange, round_: Round | None, now: datetime | None = None
) -> bool:
    """Young people of either side answer an after set once its moment has come."""
    return young_side(user, exchange) is not None and after_moment_open(exchange, round_, now)


def can_read_answers(user: User, answer_set: AnswerSet) -> bool:
    """The young person themself and the educators of their group."""
    if not user.is_authenticated:
        return False
    return answer_set.user_id == user.id or leads_group(user, answer_set.group_id)


def can_review_reflection(user: User, reflection: Reflection) -> bool:
    """The educators of the writer's own group approve, reject, unpublish and select."""
    return leads_group(user, reflection.group_id)


def is_writer(user: User, reflection: Reflection) -> bool:
    """The young person who wrote the reflection."""
    return user.is_authenticated and reflection.author_id == user.id


def manages_impact(user: User, exchange: Exchange) -> bool:
    """A verified educator of either side: statements, observations, dashboard, export."""
    return user.is_authenticated and bool(sides_led(user, exchange))


def _consent_covers(author: User, public: bool) -> bool:
    consent = next((c for c in author.consents if c.kind == CONSENT_PARENTAL), None)
    return consent is not None and consent.covers(public)


def is_shown_reflection(reflection: Reflection, public: bool) -> bool:
    """Approved, not hidden by reports, and its writer's parental consent covers the public site
    (`public`) or the exchange. SQL twin: `shown_reflection_clause`."""
    return (
        reflection.status == REFLECTION_APPROVED
        and reflection.hidden_at is None
        and _consent_covers(reflection.author, public)
    )


def shown_reflection_clause(public: bool):
    """SQL over Reflection: twin of `is_shown_reflection`."""
    ok = and_(Consent.kind == CONSENT_PARENTAL, Consent.granted.is_(True))
    if public:
        ok = and_(ok, Consent.scope == SCOPE_PUBLIC)
    return and_(
        Reflection.status == REFLECTION_APPROVED,
        Reflection.hidden_at.is_(None),
        Reflection.author_id.in_(select(Consent.user_id).where(ok)),
    )


def can_report_reflection(user: User, reflection: Reflection) -> bool:
    """A published reflection its viewer sees may be reported; a private or waiting one is read
    only by its writer and their educators, and is not reported (storyhub/reports)."""
    return reflection.status == REFLECTION_APPROVED and can_view_reflection(user, reflection)


def reads_inside(user: User, exchange: Exchange) -> bool:
    """Members of the exchange read it from inside (consent for the exchange is enough)."""
    return user.is_authenticated and member_side(user, exchange) is not None


def can_view_reflection(user: User, reflection: Reflection) -> bool:
    """Its writer and their educators always; anyone who sees the exchange once it is shown."""
    if is_writer(user, reflection) or can_review_reflection(user, reflection):
        return True
    exchange = reflection.exchange
    if not can_view_exchange(user, exchange):
        return False
    return is_shown_reflection(reflection, public=not reads_inside(user, exchange))
