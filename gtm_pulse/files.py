"""The files gtm-pulse writes and reads: the database, reports, bundles, backups.

Writing: a file goes to a temp file in the same folder, is fsynced, then ``os.replace``-d over
the target, and the folder is fsynced: a reader sees the old file or the new one, never a mix.
The temp file is created by ``mkstemp`` with mode 0600 (owner only) and keeps it through the
replace: everything gtm-pulse writes holds people's candid answers.

Reading: :func:`parse_json` turns bytes into JSON or one clear line saying what is wrong (empty,
binary, not JSON and where, nested too deeply), for every kind of file alike.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from gtm_pulse.errors import PulseError


def atomic_write(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` so that a crash at any moment leaves old or new, whole.

    The temp file is created by ``mkstemp`` with mode 0600 and keeps it through the replace.
    """
    import tempfile  # ~2.5 ms to import: only writers pay it

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


def parse_json(raw: bytes, where: str, error: type[PulseError], after: str = "") -> object:
    """``raw`` as JSON, or ``error`` with one line: ``<where> is not valid JSON (line 3, ...)``.

    ``after`` ends every message (e.g. "; left untouched").
    """
    if not raw.strip():
        raise error(f"{where} is empty{after}")
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise error(f"{where} is not text (binary data?){after}") from None
    except json.JSONDecodeError as problem:
        raise error(
            f"{where} is not valid JSON (line {problem.lineno}, column {problem.colno}: "
            f"{problem.msg}){after}"
        ) from None
    except RecursionError:
        raise error(f"{where} is nested too deeply to be read{after}") from None
