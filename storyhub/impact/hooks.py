"""What the review pages ask of reflections: how many wait, and how the log names and links one."""

from flask import url_for
from flask_babel import gettext as _

from storyhub.accounts.models import User
from storyhub.extensions import db
from storyhub.impact.models import REFLECTION_SUBMITTED, Reflection

EXCERPT = 60


def count_waiting_reflections(user: User, group_ids: set[int] | None) -> int:
    """Shared reflections waiting for the review of the educator's groups."""
    if not group_ids:
        return 0
    query = db.select(db.func.count(Reflection.id)).where(
        Reflection.status == REFLECTION_SUBMITTED, Reflection.group_id.in_(group_ids)
    )
    return db.session.scalar(query) or 0


def describe_reflections(ids: list[int]) -> dict[int, tuple[str, str]]:
    """{reflection id: (label, link)} for the moderation log, in one query."""
    query = db.select(Reflection.id, Reflection.exchange_id, Reflection.body).where(
        Reflection.id.in_(ids)
    )
    result = {}
    for reflection_id, exchange_id, body in db.session.execute(query):
        excerpt = body if len(body) <= EXCERPT else body[: EXCERPT - 1].rstrip() + "…"
        link = url_for("impact.follow", exchange_id=exchange_id) + f"#reflection-{reflection_id}"
        result[reflection_id] = (_("Reflection: “%(excerpt)s”", excerpt=excerpt), link)
    return result
