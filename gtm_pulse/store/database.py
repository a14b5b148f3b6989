"""The pulse database as the rest of gtm-pulse sees it: :class:`Store`, one team's records.

The one door into the store for the services, the reports, the TUI and the CLI: reading (a
:class:`~gtm_pulse.store.snapshot.Snapshot`), writing (:mod:`gtm_pulse.store.repository`, each
write one locked transaction), the teams a database holds, and backups. Only the store knows
TinyDB exists, or how the file lays out its tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gtm_pulse.core.models import Team
from gtm_pulse.store import backups
from gtm_pulse.store.backups import backup_folder
from gtm_pulse.store.files import replace_file, through_link
from gtm_pulse.store.format import (
    read_database,
    read_database_bytes,
    read_records,
    team_ids,
    team_of,
)
from gtm_pulse.store.record_views import RecordViews
from gtm_pulse.store.repository import Repository
from gtm_pulse.store.snapshot import SHAPE_ERRORS, Snapshot, bad_record
from gtm_pulse.store.sync_seen import SeenRecords
from gtm_pulse.store.sync_state import SyncRecords


@dataclass(frozen=True)
class TeamEntry:
    """One team of a database, with how many responses it holds (``gtm-pulse teams``)."""

    team: Team
    responses: int


class Store(Repository, SyncRecords, SeenRecords, RecordViews):
    """One team's view of the gtm-pulse database at ``path``: read a :class:`Snapshot`, or
    write in a transaction.

    ``team`` picks the team of a database that holds several; without it, the only team.
    """

    def kept_files(self) -> tuple[dict[Path, str], dict[Path, str]]:
        """The files no report, bundle or export may replace (the database, its lock, its
        drafts file) and the folders whose existing files are kept too (its backups), each
        with what it is; see :func:`gtm_pulse.store.files.keep_safe`."""
        files = {
            self.path: f"the gtm-pulse database {self.path}",
            self.lock_path: f"the lock file of the database {self.path}",
            self.drafts_path: f"the drafts file of the database {self.path}",
        }
        label = f"a backup of the database {self.path}"
        folders = {
            backup_folder(self.path): label,
            backup_folder(through_link(self.path)): label,
        }
        return files, folders

    def exists(self) -> bool:
        return self.path.exists()

    def load(self, *, one_shot: bool = False, to_write: bool = False) -> Snapshot:
        """Read the whole database once (no lock needed: writes replace the file atomically).

        ``one_shot`` for a command that exits soon after: see :func:`read_database`.
        ``to_write``: the snapshot is handed to a write that follows (``submit(read=...)``),
        which writes on its tables when the file has not changed since; it keeps the file's
        bytes until then, to tell.
        """
        raw, tables = read_database_bytes(self.path, one_shot=one_shot)
        return Snapshot(self.path, tables, self._team_id(tables), raw if to_write else None)

    def teams(self) -> list[TeamEntry]:
        """Every team the database holds, by id, each with its number of responses.

        All are read before any is returned: a team record of another shape is the one-line
        error pointing at ``db check``.
        """
        records = read_records(self.path)
        counts: dict[str, int] = {}
        for doc in records.responses.values():
            counts[team_of(doc)] = counts.get(team_of(doc), 0) + 1
        found: list[Team] = []
        for doc_id, doc in records.teams.items():
            try:
                found.append(Team.from_json(doc))
            except SHAPE_ERRORS:  # not the shape init wrote
                raise bad_record("team", doc_id, self.path) from None
        return [
            TeamEntry(team, counts.get(team.id, 0)) for team in sorted(found, key=lambda t: t.id)
        ]

    def only_team_id(self) -> str | None:
        """The id of the database's team when it holds exactly one, else None."""
        ids = team_ids(read_database(self.path))
        return ids[0] if len(ids) == 1 else None

    def backup(self, folder: Path | None = None) -> Path:
        """A timestamped copy of the database in ``folder`` (default: ``backups/`` beside it).

        Made under the lock, so no write lands half-way through; mode 0600. A file that does
        not open as a gtm-pulse database is refused: a backup must be restorable.
        """
        target_folder = folder or backup_folder(self.path)
        with self._locked():
            read_database(self.path)
            target = backups.copy_into(target_folder, self.path)
        return target

    def restore(self, source: Path) -> Path | None:
        """Replace the database with ``source`` (checked by the caller), keeping a copy first.

        The current file, whatever its state, is copied to ``backups/`` (named
        ``...-before-restore``) under the lock before it is replaced; returns that copy's path
        (None when there was no database yet); ``source`` is read under the lock too. A file
        that cannot be read or written is a :class:`DatabaseError`; the database is replaced
        last, so it is then untouched.
        """
        with self._locked():
            self._refuse_read_only()
            raw = backups.read_backup(source)
            saved = backups.keep_before_restore(self.path)
            try:
                replace_file(self.path, raw)
            except OSError as error:
                raise self._cannot_write(error) from None
        return saved
