"""Remotes: where laptops leave records for each other.

A remote is either a folder that a file-sync service keeps in step (Dropbox, iCloud Drive,
Syncthing, a network share) or a git repository. Both show the same small surface,
:class:`Remote`, so the record layer (:mod:`.records`) never knows which one it writes to.
Records under ``records/`` are only ever added, never replaced; the one file a laptop rewrites
is its own status under ``laptops/`` (:meth:`Remote.replace_own`, see :mod:`.laptops`).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Protocol

from gtm_pulse.errors import SyncError
from gtm_pulse.store.files import make_folders, replace_file

#: The largest record file read: records are a few kilobytes, and a stray video in the shared
#: folder must not be read into memory to learn that it is not one.
MAX_RECORD_BYTES = 16 * 1024 * 1024
#: How long a second sync on the same laptop waits for the first before giving up.
LOCK_TIMEOUT_S = 120.0

_URL = re.compile(r"(https?|ssh|git|file)://|[\w.-]+@[\w.-]+:")


class Remote(Protocol):
    """What the exchange needs of a remote; writes are local until :meth:`push`."""

    def pull(self) -> None:
        """Bring the local view up to date (a no-op for a folder: the sync service does it)."""

    def names(self) -> list[str]:
        """The relative posix paths of the files under ``records/`` in the local view."""

    def read(self, name: str) -> bytes:
        """The bytes of file ``name``."""

    def write(self, name: str, data: bytes) -> bool:
        """Write file ``name``; False if it already holds ``data``; SyncError if it holds
        anything else (an existing file is never replaced)."""

    def push(self) -> None:
        """Publish the local writes (a no-op for a folder)."""

    def laptop_names(self) -> list[str]:
        """The relative posix paths of the files under ``laptops/``: each laptop's status."""

    def replace_own(self, name: str, data: bytes) -> None:
        """Write or rewrite ``name``, the one file this laptop owns (its status under
        ``laptops/``), atomically: the only file a remote ever replaces. No other laptop
        writes it, so a sync service never makes a conflict copy of it and a git rebase
        never conflicts on it."""


#: The folder of the laptops' status files, each written by its laptop alone.
LAPTOPS = "laptops"


def checked_name(name: str) -> PurePosixPath:
    """``name`` as a relative path that stays inside the remote, or SyncError."""
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name or str(path) != name:
        raise SyncError(f"not a file name inside the remote: {name!r}")
    return path


def list_files(root: Path, under: str = "records") -> list[str]:
    """The files under ``root / under``, as relative posix paths from ``root``; SyncError if
    ``root`` itself is gone (a share that is not mounted must not look like an empty one)."""
    if not root.is_dir():
        raise SyncError(f"{root} is gone (not a folder any more)")
    found: list[str] = []
    for folder, dirs, files in os.walk(root / under):
        dirs.sort()
        base = Path(folder).relative_to(root)
        found.extend((base / file).as_posix() for file in sorted(files))
    return found


def read_regular(path: Path) -> bytes:
    """The bytes of the regular file ``path``; OSError for anything else (a named pipe would
    block the read for ever) or for a file over :data:`MAX_RECORD_BYTES`."""
    with open(path, "rb", opener=lambda file, flags: os.open(file, flags | os.O_NONBLOCK)) as f:
        status = os.fstat(f.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if status.st_size > MAX_RECORD_BYTES:
            raise OSError(errno.EFBIG, f"larger than {MAX_RECORD_BYTES:,} bytes")
        return f.read(MAX_RECORD_BYTES + 1)


def write_new(root: Path, name: str, data: bytes) -> bool:
    """Write ``root / name`` atomically unless it exists: False if it holds ``data`` already.

    A temp file (``.tmp-`` prefix, same folder, so a sync service that copies it mid-write
    leaves something :func:`~.records.collect` recognises) is fsynced and renamed into place,
    and the folder is fsynced: another laptop sees the whole file or none. Folders are made
    0700: the files hold people's candid answers (sealed, but still theirs).
    """
    target = root / checked_name(name)
    if not root.is_dir():  # an unmounted share must not be re-created empty on this laptop
        raise SyncError(f"{root} is gone (not a folder any more); nothing was written")
    if target.exists():
        try:
            same = target.read_bytes() == data
        except OSError as error:
            raise SyncError(f"cannot read {target}: {error.strerror or error}") from None
        if same:
            return False
        raise SyncError(
            f"{target} already exists with other bytes; it is left as it is (not replaced)"
        )
    try:
        make_folders(target.parent)
        replace_file(target, data, temp_prefix=".tmp-")
    except OSError as error:
        raise SyncError(f"cannot write {target}: {error.strerror or error}") from None
    return True


def replace_owned(root: Path, name: str, data: bytes) -> None:
    """Write ``root / name`` (a file under ``laptops/``) atomically, replacing the one there:
    the file this laptop owns. The same temp-then-rename as :func:`write_new`."""
    path = checked_name(name)
    if len(path.parts) != 2 or path.parts[0] != LAPTOPS:
        raise SyncError(f"not a laptop's own file: {name!r} (only {LAPTOPS}/NAME is replaced)")
    target = root / path
    if not root.is_dir():  # an unmounted share must not be re-created empty on this laptop
        raise SyncError(f"{root} is gone (not a folder any more); nothing was written")
    try:
        make_folders(target.parent)
        replace_file(target, data, temp_prefix=".tmp-")
    except OSError as error:
        raise SyncError(f"cannot write {target}: {error.strerror or error}") from None


class FolderRemote:
    """A folder kept in step by a file-sync service: reads and writes are plain file access."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def pull(self) -> None:
        """Nothing to do: the sync service brings other laptops' files."""

    def names(self) -> list[str]:
        """The files under ``records/`` as they are in the folder now."""
        return list_files(self.path)

    def read(self, name: str) -> bytes:
        """The bytes of ``name`` (OSError if it went away meanwhile: collect skips it)."""
        return read_regular(self.path / checked_name(name))

    def write(self, name: str, data: bytes) -> bool:
        """Write ``name`` atomically unless it exists; see :func:`write_new`."""
        return write_new(self.path, name, data)

    def push(self) -> None:
        """Nothing to do: the sync service carries the files away."""

    def laptop_names(self) -> list[str]:
        """The files under ``laptops/`` as they are in the folder now."""
        return list_files(self.path, LAPTOPS)

    def replace_own(self, name: str, data: bytes) -> None:
        """Rewrite this laptop's own file atomically; see :func:`replace_owned`."""
        replace_owned(self.path, name, data)


def is_url(spec: str) -> bool:
    """Whether ``spec`` names a git repository by URL (https, ssh, git, file, or scp-like)."""
    return _URL.match(spec) is not None


def absolute(spec: str) -> str:
    """``spec`` as a laptop remembers it: a URL as given, a path made absolute (``~`` too), so
    a later ``gtm-pulse sync`` from another folder, or from cron, finds the same remote."""
    if is_url(spec):
        return spec
    return os.fspath(Path(spec).expanduser().absolute())


def open_remote(spec: str, cache: Path) -> Remote:
    """The remote ``spec`` names: a git URL or a path to a git repository (bare or not) gives a
    :class:`~.git.GitRemote` cloned under ``cache``; any other existing folder gives a
    :class:`FolderRemote`. A path that does not exist is a SyncError naming it.

    A non-bare repository works as a remote only if its ``main`` is not checked out there (git
    refuses to push to a checked-out branch): a bare one (``git init --bare``) is the usual.
    """
    from gtm_pulse.store.exchange.git import GitRemote, git_dir

    workdir = cache / hashlib.sha256(spec.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    if is_url(spec):
        return GitRemote(spec, workdir)
    path = Path(spec).expanduser()
    if not path.exists():
        raise SyncError(f"{spec}: no such folder or git repository")
    if not path.is_dir():
        raise SyncError(f"{spec}: not a folder or a git repository")
    found = git_dir(path)
    if found is not None and found in (path.resolve(), path.resolve() / ".git"):
        return GitRemote(os.fspath(path.resolve()), workdir)
    return FolderRemote(path)  # a folder inside some other repository is still just a folder


@contextlib.contextmanager
def sync_lock(cache: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold the laptop's sync lock (``cache/sync.lock``) while the block runs, so two syncs on
    one laptop (cron and the TUI) never interleave their pulls, writes and pushes.

    The lock lives in the local cache, never in a shared folder: a sync service would carry it
    to other laptops, which do not need it (content-addressed files never clash).
    """
    from filelock import FileLock, Timeout  # ~10 ms to import: only a sync pays it

    cache.mkdir(mode=0o700, parents=True, exist_ok=True)
    lock = FileLock(cache / "sync.lock", timeout=timeout, mode=0o600)
    try:
        lock.acquire()
    except Timeout:
        raise SyncError(
            f"another sync is still running on this laptop (lock {cache / 'sync.lock'}); "
            "try again when it ends"
        ) from None
    try:
        yield
    finally:
        lock.release()


__all__ = [
    "LAPTOPS",
    "FolderRemote",
    "Remote",
    "is_url",
    "open_remote",
    "sync_lock",
]
