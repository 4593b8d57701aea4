"""Signing in as different people within one test."""

import pytest
from flask import g

from tests.conftest import login_as


@pytest.fixture
def as_user(client):
    """as_user(user) -> the client signed in as user, forgetting what `g` kept of the last one."""

    def sign_in(user):
        for key in ("_login_user", "_membership_led_group_ids", "_unread_notifications"):
            g.pop(key, None)
        return login_as(client, user)

    return sign_in
