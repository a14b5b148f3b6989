"""What 'db restore' checks before it replaces anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from gtm_pulse.core.surveys import Catalog
from gtm_pulse.errors import DatabaseError
from gtm_pulse.services.keeping import check_restorable
from gtm_pulse.store.database import Store


def test_a_backup_that_is_not_json_is_refused_by_its_name(tmp_path: Path, catalog: Catalog) -> None:
    backup = tmp_path / "garbage.json"
    backup.write_text("not json")
    with pytest.raises(DatabaseError, match=r"the backup .*garbage\.json.*nothing was restored"):
        check_restorable(backup, catalog)


def test_a_sound_database_is_restorable(store: Store, catalog: Catalog) -> None:
    check_restorable(store.path, catalog)  # no error
