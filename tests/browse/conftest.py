"""Fixtures of the discovery tests."""

import pytest

from tests import snapshot
from tests.browse.helpers import one_of_each_state


@pytest.fixture
def states():
    """One item in each state: only the public exchange and its approved stories may show."""
    return snapshot.once("browse: one of each state", one_of_each_state)


@pytest.fixture
def english_client(client):
    """An anonymous client whose browser asks for English."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
