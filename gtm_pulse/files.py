"""Writing files so that a crash never leaves half of one: the database, reports, bundles.

A file is written to a temp file in the same folder, fsynced, then ``os.replace``-d over the
target, and the folder is fsynced: a reader sees the old file or the new one, never a mix. The
temp file is created by ``mkstemp`` with mode 0600 (owner only) and keeps it through the replace:
everything gtm-pulse writes holds people's candid answers.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` so that a crash at any moment leaves old or new, whole.

    The temp file is created by ``mkstemp`` with mode 0600 and keeps it through the replace.
    """
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the replace is still atomic
    finally:
        os.close(fd)
