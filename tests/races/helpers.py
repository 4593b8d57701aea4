"""Two decisions at once: each in its own thread, app context, session and connection."""

import threading

from storyhub.accounts.models import User
from storyhub.core import lifecycle
from storyhub.extensions import db
from storyhub.moderation.models import ModerationEntry
from storyhub.notifications.models import Notification

BARRIER_TIMEOUT = 120  # only against a hang if a thread dies; the threads wait on each other


class Decision(threading.Thread):
    """Run fn(session objects) in another app context; keep its result or its error."""

    def __init__(self, app, fn):
        super().__init__(daemon=True)
        self.app, self.fn = app, fn
        self.result = self.error = None

    def run(self):
        with self.app.app_context():
            try:
                self.result = self.fn()
            except Exception as error:  # noqa: BLE001 - the test looks at it
                self.error = error
            finally:
                db.session.remove()

    @property
    def won(self) -> bool:
        return self.error is None


def at_once(app, monkeypatch, *fns, hook="compare_and_set"):
    """Run fns in threads that all reach `lifecycle.<hook>` before any of them goes on.

    Both have read the row and passed every check; then both write at the same moment.
    """
    barrier = threading.Barrier(len(fns), timeout=BARRIER_TIMEOUT)
    original = getattr(lifecycle, hook)
    waited = threading.local()

    def meet_then_write(*args, **kwargs):
        if not getattr(waited, "done", False):
            waited.done = True
            barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(lifecycle, hook, meet_then_write)
    threads = [Decision(app, fn) for fn in fns]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    monkeypatch.setattr(lifecycle, hook, original)
    db.session.expire_all()
    return threads


def after(app, fn):
    """Run fn wholly in another session (another educator, a moment ago); return the thread."""
    thread = Decision(app, fn)
    thread.start()
    thread.join()
    return thread


def one_winner(threads):
    """Exactly one decision won; the other lost the race with the 'already decided' message."""
    winners = [t for t in threads if t.won]
    losers = [t for t in threads if not t.won]
    assert len(winners) == 1, [t.error for t in threads]
    assert all(isinstance(t.error, lifecycle.LostRace) for t in losers), [t.error for t in losers]
    return winners[0], losers


def log_actions(target_type: str, target_id: int) -> list[str]:
    """The moderation log of one item, oldest first."""
    query = (
        db.select(ModerationEntry.action)
        .filter_by(target_type=target_type, target_id=target_id)
        .order_by(ModerationEntry.id)
    )
    return list(db.session.scalars(query))


def notices(kind: str, user: User | None = None) -> int:
    """How many notices of this kind were sent (to user, or to anyone)."""
    query = db.select(db.func.count(Notification.id)).filter_by(kind=kind)
    if user is not None:
        query = query.filter_by(user_id=user.id)
    return db.session.scalar(query)


def get(model, object_id):
    """The object in the current thread's session."""
    return db.session.get(model, object_id)
