"""Keeping the database: what ``gtm-pulse db restore`` checks before it replaces anything."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gtm_pulse.errors import DatabaseError

if TYPE_CHECKING:
    from pathlib import Path

    from gtm_pulse.core.surveys import Catalog


def check_restorable(backup: Path, catalog: Catalog) -> None:
    """Refuse (:class:`DatabaseError`) a ``backup`` that cannot be read or that ``db check``
    would fault, naming its first problem and how many more there are."""
    from gtm_pulse.store.format import read_database
    from gtm_pulse.store.integrity import check_database

    try:  # first as a file: a message about it must name it, not call it "the database"
        read_database(backup, name=f"the backup {backup}")
    except DatabaseError as error:
        raise DatabaseError(f"{error}; nothing was restored") from None
    found = check_database(backup, catalog)
    if not found.ok:
        raise DatabaseError(
            f"{backup} is not restorable: {found.problems[0]}"
            + (f" (and {len(found.problems) - 1} more; 'gtm-pulse --db {backup} db check')"
               if len(found.problems) > 1 else "")
        )  # fmt: skip
