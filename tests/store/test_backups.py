"""Backup and restore on real files; a broken database points at the way back."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from gtm_pulse.core.models import Survey
from gtm_pulse.errors import DatabaseError
from gtm_pulse.store.backups import backup_folder, latest_backup
from gtm_pulse.store.database import Store
from tests.helpers import scored, submit_pair


def test_backup_is_a_timestamped_owner_only_copy(filled: Store, tmp_path: Path) -> None:
    made = filled.backup()
    assert made.parent == backup_folder(filled.path)
    assert made.name.startswith("pulse-") and made.suffix == ".json"
    assert made.read_bytes() == filled.path.read_bytes()
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert filled.backup() != made  # a second backup in the same second gets its own name


def test_a_broken_database_is_not_backed_up(filled: Store) -> None:
    filled.path.write_text("{")
    with pytest.raises(DatabaseError, match="is not valid JSON"):
        filled.backup()
    assert not backup_folder(filled.path).exists()


def test_restore_brings_a_backup_back_and_keeps_the_current_file(
    filled: Store, monthly: Survey
) -> None:
    made = filled.backup()
    submit_pair(filled, monthly, "2026-11", scored(monthly, 2), scored(monthly, 2))
    newer = filled.path.read_bytes()
    kept = filled.restore(made)
    assert kept is not None and kept.read_bytes() == newer
    assert kept.name.endswith("-before-restore.json")
    assert filled.path.read_bytes() == made.read_bytes()
    assert len(filled.load().responses) == 2


def test_a_corrupt_database_names_the_latest_backup(filled: Store) -> None:
    made = filled.backup()
    filled.path.write_text('{"meta": {"1": {"app": "gtm-pu')  # cut off mid-write by hand
    with pytest.raises(DatabaseError) as caught:
        filled.load()
    message = str(caught.value)
    assert "is not valid JSON" in message and "left untouched" in message
    assert f"latest backup: {made} ('gtm-pulse db restore {made}')" in message
    assert "'gtm-pulse db check'" in message


def test_the_latest_backup_is_this_databases_newest(filled: Store) -> None:
    folder = backup_folder(filled.path)
    folder.mkdir()
    names = [
        "pulse-20261101T090000Z.json",
        "pulse-20261102T090000Z.json",
        "pulse-20261102T090000Z-2.json",  # a second backup in the same second
        "pulse-20261102T090000Z-10.json",
        "pulse-old-20261130T090000Z.json",  # another database's, beside this one
        "pulse-20261130T090000Z-before-restore.json",  # maybe the broken file itself
        "pulse-notes.json",
    ]
    for name in names:
        (folder / name).write_text("{}")
    assert latest_backup(filled.path) == folder / "pulse-20261102T090000Z-10.json"
    assert latest_backup(filled.path.with_name("pulse-old.json")) == folder / names[4]
    assert latest_backup(filled.path.with_name("other.json")) is None
