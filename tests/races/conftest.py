"""Races: two decisions at once. The `postgresql` tests need real row locks and run only with
`pytest --db=postgresql`; the loser-path tests run on both databases."""

import pytest


@pytest.fixture(autouse=True)
def _postgresql_only(request):
    if request.node.get_closest_marker("postgresql") is None:
        return
    if request.config.getoption("--db") != "postgresql":
        pytest.skip("real concurrency needs row locks: run with --db=postgresql")
