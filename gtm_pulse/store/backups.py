"""Backups of the database: where they go, how they are named, which is the latest.

Apart from the store's reads and writes because a backup is a plain copy of the file's bytes
(the caller holds the lock): the file is checked before it is copied, never parsed into records.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gtm_pulse.errors import DatabaseError
from gtm_pulse.store.files import atomic_write, make_folders


def backup_folder(path: Path) -> Path:
    """Where backups of the database at ``path`` go by default: ``backups/`` beside it."""
    return path.parent / "backups"


def latest_backup(path: Path) -> Path | None:
    """The newest backup of ``path`` in its default folder, if any.

    Only this database's backups count (``pulse-<UTC time>[-n].json``, as :func:`free_name`
    names them): not those of ``pulse-old.json`` beside it, nor the copies kept by a restore
    (``-before-restore``), which may be the broken file.
    """
    import re

    mine = re.compile(
        rf"{re.escape(path.stem)}-\d{{8}}T\d{{6}}Z(-\d+)?{re.escape(path.suffix)}", re.ASCII
    )
    try:
        found = [p for p in backup_folder(path).iterdir() if mine.fullmatch(p.name)]
    except OSError:  # no folder (or not one): no backup
        return None
    return max(found, key=_backup_order, default=None)


def _backup_order(path: Path) -> tuple[str, int]:
    """Oldest first: by time, then by the number a second backup in the same second gets."""
    stamp, _, number = path.stem.rpartition("Z")
    return stamp, int(number.lstrip("-") or 1)


def free_name(folder: Path, path: Path, tag: str) -> Path:
    """``folder/<stem>-<UTC time><tag><suffix>``, numbered if two land in the same second."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = folder / f"{path.stem}-{stamp}{tag}{path.suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{path.stem}-{stamp}-{number}{tag}{path.suffix}"
        number += 1
    return candidate


def copy_into(folder: Path, path: Path) -> Path:
    """A timestamped copy of the database at ``path`` in ``folder``, mode 0600; the caller
    holds the lock and has checked the file (a backup must be restorable)."""
    raw = path.read_bytes()
    target = free_name(folder, path, "")
    try:
        make_folders(folder)
        atomic_write(target, raw)
    except OSError as error:
        raise DatabaseError(f"cannot write the backup {target}: {error.strerror}") from None
    return target


def read_backup(source: Path) -> bytes:
    """The bytes of the backup ``source``, or a :class:`DatabaseError` saying why not."""
    try:
        return source.read_bytes()
    except OSError as error:
        raise DatabaseError(f"cannot read the backup {source}: {error.strerror}") from None


def keep_before_restore(path: Path) -> Path | None:
    """A copy of the database at ``path``, whatever its state, in its backups folder (named
    ``...-before-restore``); None when there is no database yet. The caller holds the lock."""
    if not path.exists():
        return None
    saved = free_name(backup_folder(path), path, "-before-restore")
    try:
        make_folders(saved.parent)
        atomic_write(saved, path.read_bytes())
    except OSError as error:
        raise DatabaseError(
            f"cannot keep the current database in {saved} before restoring: "
            f"{error.strerror or error}; nothing was restored"
        ) from None
    return saved
