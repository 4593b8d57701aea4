"""The "my data" page asks the export its state (`is_ready`, `has_failed`), not the string."""

import pytest

from storyhub.rights.models import EXPORT_BUILDING, EXPORT_FAILED, EXPORT_QUEUED, DataExport

pytestmark = pytest.mark.db_independent


@pytest.mark.parametrize("status", [EXPORT_QUEUED, EXPORT_BUILDING, EXPORT_FAILED])
def test_only_a_failed_export_has_failed(status):
    export = DataExport(status=status)
    assert export.has_failed is (status == EXPORT_FAILED)
    assert not export.is_ready
