"""The moderation log: the one function that writes it. Entries are never edited or deleted."""

from storyhub.accounts.models import User
from storyhub.extensions import db
from storyhub.moderation.models import ModerationEntry


def log_transition(
    target_type: str,
    target_id: int,
    group_id: int | None,
    actor: User | None,
    action: str,
    from_status: str = "",
    to_status: str = "",
    reason: str = "",
) -> None:
    """Record who did what to which piece, and why; the caller commits with its own change."""
    db.session.add(
        ModerationEntry(
            target_type=target_type,
            target_id=target_id,
            group_id=group_id,
            actor_id=actor.id if actor is not None else None,
            action=action,
            from_status=from_status,
            to_status=to_status,
            reason=reason or "",
        )
    )
