"""The files gtm-pulse writes and reads: the database, reports, bundles, backups.

Writing: a file goes to a temp file in the same folder, is fsynced, then ``os.replace``-d over
the target, and the folder is fsynced: a reader sees the old file or the new one, never a mix.
The temp file is created by ``mkstemp`` with mode 0600 (owner only) and keeps it through the
replace: everything gtm-pulse writes holds people's candid answers. A symlink is written
through: its target is replaced and the link stays a link (a database shared by a link).

Guarding: :func:`atomic_write`, which every report, bundle, backup and export goes through,
refuses the files of the database in use (see :func:`keep_safe`) and any existing path that
is not a regular file (a folder, a device, a pipe): ``--output "$GTM_PULSE_DB"`` must not
replace the database with a report. Only the store writes the database, by
:func:`replace_file`.

Reading: :func:`parse_json` turns bytes into JSON or one clear line saying what is wrong (empty,
binary, not JSON and where, nested too deeply, a number too long), for every kind of file alike.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from gtm_pulse.errors import OutputError, PulseError

#: The real paths of the database in use and its companion files, each with what it is: no
#: output may replace them. Set by :func:`keep_safe`.
_KEPT_FILES: dict[str, str] = {}
#: Real paths of folders whose existing files (the database's backups) are kept the same way.
_KEPT_FOLDERS: dict[str, str] = {}


def real(path: Path) -> Path:
    """``path`` with every symlink and ``..`` resolved, as the file system sees it."""
    return Path(os.path.realpath(path))


def through_link(path: Path) -> Path:
    """Where a write to ``path`` lands: the end of its symlink chain if it is one, else itself.

    Only a link is resolved, so the paths in messages stay the ones the user gave.
    """
    return real(path) if path.is_symlink() else path


def keep_safe(files: Mapping[Path, str], folders: Mapping[Path, str]) -> None:
    """From now on in this process, refuse outputs over ``files`` and over the existing files
    of ``folders`` (each mapped to what it is, for the message); replaces what was kept."""
    _KEPT_FILES.clear()
    _KEPT_FILES.update({os.fspath(real(path)): what for path, what in files.items()})
    _KEPT_FOLDERS.clear()
    _KEPT_FOLDERS.update({os.fspath(real(path)): what for path, what in folders.items()})


def check_target(path: Path) -> None:
    """Raise :class:`OutputError` (one line) if writing ``path`` would replace a kept file or
    an existing path that is not a regular file; real paths are compared, so a symlink or a
    ``../`` spelling of the database is refused too."""
    target = os.fspath(real(path))
    refused = _KEPT_FILES.get(target)
    try:
        mode = os.stat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):  # nothing there: the write says if it fails
        mode = None
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    if refused is None and mode is not None:
        refused = _KEPT_FOLDERS.get(os.path.dirname(target))
    if refused is None and mode is not None and not stat.S_ISREG(mode):
        refused = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
    if refused is not None:
        raise OutputError(f"refusing to write {path}: it is {refused}; nothing was written")


def check_folder(folder: Path) -> None:
    """Raise :class:`OutputError` if ``folder`` (to be filled with exported files) is the
    folder of a kept file or a kept folder: an export there could replace one of them."""
    target = os.fspath(real(folder))
    holds = [what for path, what in _KEPT_FILES.items() if os.path.dirname(path) == target]
    refused = _KEPT_FOLDERS.get(target) or (f"the folder of {holds[0]}" if holds else None)
    if refused is not None:
        raise OutputError(
            f"refusing to export into {folder}: it is {refused}; choose another folder; "
            "nothing was written"
        )


def make_folders(folder: Path) -> None:
    """Create ``folder`` and every missing folder on the way to it, each mode 0700.

    ``Path.mkdir(parents=True, mode=...)`` gives the mode to the last folder only; the ones
    before it would get the umask's (often 0755), letting others list what is inside.
    """
    missing = []
    for step in folder.parents:
        if step.exists():
            break
        missing.append(step)
    for step in reversed(missing):
        step.mkdir(mode=0o700, exist_ok=True)  # exist_ok: another process may make it first
    folder.mkdir(mode=0o700, exist_ok=True)  # a file in its place: FileExistsError, as before


def atomic_write(path: Path, payload: bytes) -> None:
    """Write an output (a report, a bundle, a backup, an export) as :func:`replace_file` does,
    once :func:`check_target` has found nothing that must not be replaced."""
    check_target(path)
    replace_file(path, payload)


def replace_file(path: Path, payload: bytes, *, temp_prefix: str | None = None) -> None:
    """Replace ``path`` with ``payload`` so that a crash at any moment leaves old or new, whole.

    The temp file is created by ``mkstemp`` with mode 0600 and keeps it through the replace,
    named ``.NAME.XXXX.tmp`` unless ``temp_prefix`` is given (a sync remote's readers skip
    ``.tmp-`` files by their prefix). A symlink is written through: its target is replaced,
    the link is left as it is.
    """
    import tempfile  # ~2.5 ms to import: only writers pay it

    path = through_link(path)
    if temp_prefix is None:
        prefix, suffix = f".{path.name}.", ".tmp"
    else:
        prefix, suffix = temp_prefix, ""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=suffix)
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
    except ValueError:  # an integer of over 4,300 digits (sys.get_int_max_str_digits)
        raise error(f"{where} holds a number too long to be read{after}") from None
