"""Failed sign-ins slow down one account, never a whole school behind one address.

Wrong passwords are counted per account name (whether or not it exists, so the delay tells
nothing); after LOGIN_FREE_FAILURES of them each further one makes the next attempt wait twice
as long, up to LOGIN_MAX_DELAY seconds. A successful sign-in never counts and clears the count.
The counters live in the rate limiter's storage: memory, or Redis when REDIS_URL is set.
"""

import hashlib
import math
import time

from flask import current_app

from storyhub.extensions import limiter

FAILURE_WINDOW = 60 * 60  # failures are forgotten an hour after the first one


def _enabled() -> bool:
    return bool(current_app.config.get("RATELIMIT_ENABLED")) and limiter.initialized


def _key(kind: str, account: str, *extra) -> str:
    digest = hashlib.sha256(account.encode()).hexdigest()[:24]
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX", "")
    return ":".join([prefix, "storyhub", kind, digest, *map(str, extra)])


def wait_seconds(account: str) -> int:
    """Seconds to wait before this account may try a password again (0: now)."""
    if not _enabled() or not account:
        return 0
    storage = limiter.storage
    failures = storage.get(_key("signin-fail", account))
    if failures < current_app.config["LOGIN_FREE_FAILURES"]:
        return 0
    lock = _key("signin-lock", account, failures)
    if storage.get(lock) <= 0:
        return 0
    return max(1, math.ceil(storage.get_expiry(lock) - time.time()))


def record_failure(account: str) -> None:
    """Count a wrong password for account; past the free ones, lock it for a growing delay."""
    if not _enabled() or not account:
        return
    config = current_app.config
    storage = limiter.storage
    failures = storage.incr(_key("signin-fail", account), FAILURE_WINDOW)
    extra = failures - config["LOGIN_FREE_FAILURES"]
    if extra >= 0:
        delay = min(2**extra, config["LOGIN_MAX_DELAY"])
        storage.incr(_key("signin-lock", account, failures), delay)


def record_success(account: str) -> None:
    """A right password: the account's count starts again from nothing."""
    if _enabled() and account:
        limiter.storage.clear(_key("signin-fail", account))
