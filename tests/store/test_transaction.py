"""The lock and the transaction: private files, and temp files of a killed writer cleaned."""

from __future__ import annotations

import stat

from gtm_pulse.core.models import Survey
from gtm_pulse.store.database import Store
from tests.store.responses import response


def test_database_and_lock_files_are_private(store: Store, monthly: Survey) -> None:
    store.submit(response(monthly), monthly)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.lock_path.stat().st_mode) == 0o600


def test_stale_temp_files_are_cleaned_on_the_next_write(store: Store, monthly: Survey) -> None:
    stale = store.path.parent / f".{store.path.name}.abc123.tmp"
    stale.write_text("half a write")
    store.submit(response(monthly), monthly)
    assert not stale.exists()
