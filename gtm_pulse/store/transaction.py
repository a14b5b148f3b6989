"""The lock and the transaction: how every write to the database happens, one process at a time.

Apart from the records written because the crash-safety and concurrency guarantees live here:

* Every read-modify-write holds a lock on a *separate* lock file (the database file itself is
  replaced on every write, so locking it would lock a file that is about to vanish).
* A TinyDB instance caches query results and the next document id, so each transaction opens a
  fresh one over :class:`~gtm_pulse.store.format.AtomicJSONStorage`, which buffers the
  transaction's writes and commits them as one atomic write when the block ends without error.
* A writer killed mid-write leaves a temp file; the next lock holder removes it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tinydb import TinyDB

from gtm_pulse.core.models import DEFAULT_TEAM
from gtm_pulse.errors import DatabaseError, TeamError
from gtm_pulse.store.files import make_folders, through_link
from gtm_pulse.store.format import AtomicJSONStorage, Data, drafts_path, team_ids
from gtm_pulse.store.paths import TEAM_ENV

if TYPE_CHECKING:
    from gtm_pulse.store.snapshot import Snapshot

#: How long a command waits for another gtm-pulse process to finish its write.
LOCK_TIMEOUT_S = 15.0


class Transactions:
    """The database at ``path``, written one locked transaction at a time, for one team.

    ``team`` picks the team of a database that holds several; without it, the only team.
    """

    def __init__(self, path: Path | str, *, team: str | None = None) -> None:
        self.path = Path(path).expanduser()
        self.team = team

    @property
    def lock_path(self) -> Path:
        """``pulse.json.lock`` beside the database, or beside its target when it is a symlink:
        every process writing the shared file, by whatever link, takes the same lock."""
        path = through_link(self.path)
        return path.with_name(path.name + ".lock")

    @property
    def drafts_path(self) -> Path:
        return drafts_path(self.path)

    def _team_id(self, tables: Data) -> str:
        """The team this store works on: the one named, else the database's only team.

        Remembered once found, so an autosave need not read the database to know it.
        """
        if self.team is not None:
            return self.team
        ids = team_ids(tables)
        if len(ids) <= 1:
            if ids:
                self.team = ids[0]
            return ids[0] if ids else DEFAULT_TEAM
        raise TeamError(
            f"{self.path} holds {len(ids)} teams ({', '.join(ids)}): choose one with --team ID "
            f"(or ${TEAM_ENV})"
        )

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the lock file: no other gtm-pulse process writes the database meanwhile."""
        import time

        from filelock import FileLock, Timeout  # ~10 ms to import: only writers pay it

        lock = FileLock(self.lock_path, timeout=LOCK_TIMEOUT_S, mode=0o600)
        started = time.monotonic()
        try:
            make_folders(self.lock_path.parent)  # each folder made on the way: 0700
            lock.acquire()
        except Timeout:
            # The lock is fair to no one: each holder may be quick, while many wait in turn.
            waited = time.monotonic() - started
            raise DatabaseError(
                f"the database {self.path} is busy: this process waited {waited:.0f} s for "
                f"{self.lock_path} while other gtm-pulse processes wrote or were queued before "
                "it; try again in a moment"
            ) from None
        except OSError as error:
            raise self._cannot_write(error) from None
        try:
            yield
        finally:
            lock.release()

    @contextlib.contextmanager
    def _open(
        self, path: Path, *, create: bool = False, read: Snapshot | None = None
    ) -> Iterator[tuple[TinyDB, str]]:
        """A fresh TinyDB over ``path`` (the lock held); its writes land as one atomic replace
        when the block ends without an error. Yields it with the team this store writes for.

        ``read``: a snapshot of ``path`` that kept the bytes it parsed (see ``Store.load``);
        when the file holds the same bytes now, its tables are used, not parsed again.
        """
        self._refuse_read_only()
        storage = AtomicJSONStorage(path, create=create, drafts=path == self.drafts_path)
        if read is not None and read.raw is not None:
            if unchanged(path, read.raw):
                storage.adopt(read.tables)
            read.raw = None  # 100 MB at 100,000 responses: not kept while the file is written
        db = TinyDB(storage=lambda: storage)
        tables = storage.read()  # check the file before anything else happens
        yield db, self._team_id(tables or {})
        try:
            storage.commit()
        except OSError as error:
            raise self._cannot_write(error) from None

    @contextlib.contextmanager
    def _transaction(self, *, create: bool = False) -> Iterator[tuple[TinyDB, str]]:
        """The database, locked, for one transaction; see :meth:`_open`."""
        with self._locked():
            self._remove_stale_temp_files()
            with self._open(self.path, create=create) as opened:
                yield opened

    def _refuse_read_only(self) -> None:
        """Refuse to write a database whose owner has no write bit: someone made it read-only
        on purpose, and the atomic replace (a new file) would quietly undo that (as root too)."""
        import stat

        try:
            mode = through_link(self.path).stat().st_mode
        except OSError:  # no file yet (init), or one that reading reports
            return
        if not mode & stat.S_IWUSR:
            raise DatabaseError(
                f"the database {self.path} is read-only (mode {stat.S_IMODE(mode):o}); nothing "
                f"was written; to allow writes: chmod u+w {self.path}"
            )

    def _cannot_write(self, error: OSError) -> DatabaseError:
        where = f" ({error.filename})" if error.filename else ""
        return DatabaseError(
            f"cannot write the database {self.path}: {error.strerror or error}{where}"
        )

    def _remove_stale_temp_files(self) -> None:
        """Temp files left by a writer that was killed mid-write (only lock holders write them)."""
        path = through_link(self.path)  # temp files are made beside the file written
        for name in (path.name, self.drafts_path.name):
            for temp in path.parent.glob(f".{name}.*.tmp"):
                with contextlib.suppress(FileNotFoundError):
                    temp.unlink()


def unchanged(path: Path, raw: bytes) -> bool:
    """Whether the file at ``path`` holds exactly ``raw``: compared a megabyte at a time, so
    no second copy of a large file is held."""
    size = len(raw)
    try:
        with path.open("rb") as file:
            if os.fstat(file.fileno()).st_size != size:
                return False
            position = 0
            while chunk := file.read(1 << 20):
                if not raw.startswith(chunk, position):
                    return False
                position += len(chunk)
    except OSError:  # reading it again says what is wrong
        return False
    return position == size
