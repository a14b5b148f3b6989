"""The database file: its tables, its schema and migrations, and how it is read and written.

Why it looks the way it does (measured on TinyDB 4.8/4.9):

* TinyDB's JSONStorage rewrites the file in place, so a killed write leaves a truncated file and
  two writers lose records. :class:`AtomicJSONStorage` writes a temp file in the same folder,
  fsyncs it, ``os.replace``-s it over the database and fsyncs the folder: a reader sees the old
  file or the new one, never half of one.
* The storage buffers a transaction's writes and commits them as one atomic write (the lock and
  the transaction: :mod:`gtm_pulse.store.transaction`).
* Reads take no lock: the atomic replace means a reader always sees a whole file.
* Drafts live in a small file beside the database (``pulse.drafts.json``): autosaving an answer
  rewrites that file only, so it stays ~ms however many responses the database holds.
* One database can hold many teams (a board's portfolio): every record carries its team's id.
* JSON goes through orjson (~3x faster than the standard library on a large file), with the
  standard library as the fallback for what orjson refuses (and for its error messages).

A file that is not valid JSON, not a gtm-pulse database, or from a newer schema is never written.
The table names live here and in the store's modules only: everything above the store sees
records, never tables.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from gtm_pulse.core.models import DEFAULT_TEAM, now
from gtm_pulse.errors import DatabaseError, TeamError
from gtm_pulse.store.backups import backup_folder, latest_backup
from gtm_pulse.store.files import parse_json, replace_file, through_link

APP = "gtm-pulse"

#: The schema this version writes. Older files are migrated on load; newer ones are refused.
#: 2 added commitments and follow-ups, seals, teams (records without one are the default team's)
#: and the drafts file; 3 added predictions in responses and the team's metrics.
SCHEMA_VERSION = 3


def _to_schema_2(tables: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 had no commitments and no follow-ups: both start empty, nothing else changes.

    The version still moves, so a gtm-pulse that predates follow-ups refuses the file with
    "written by a newer gtm-pulse" rather than failing on a response field it does not know.
    """
    return tables


def _to_schema_3(tables: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 had no predictions and no metrics: both start empty, nothing else changes.

    As for 2, the version moves so that an older gtm-pulse refuses the file rather than drop
    predictions it does not know when it amends a response (its seal would then not hold).
    """
    return tables


#: ``MIGRATIONS[n]`` turns a schema-``n`` database (all tables) into schema ``n + 1``.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _to_schema_2,
    2: _to_schema_3,
}

META, TEAM, RESPONSES, HISTORY, DRAFTS, SURVEYS, COMMITMENTS, METRICS = (
    "meta", "team", "responses", "history", "drafts", "surveys", "commitments", "metrics",
)  # fmt: skip

#: Each member's public signing keys, one record per (team, role, key): see gtm_pulse.store.signing.
KEYS = "keys"

#: The CEO's overrides that opened answers before the seal allowed (``compare --partial``...).
OVERRIDES = "overrides"

#: This laptop's sync state (``gtm-pulse sync``): the remote, this laptop's id, the last sync
#: and the reveal keys of the responses it sealed. See gtm_pulse.store.sync_state.
SYNC = "sync"

Data = dict[str, dict[str, Any]]


class AtomicJSONStorage(Storage):
    """A TinyDB storage that reads the file once and commits all writes as one atomic replace.

    ``read`` validates that the file is a gtm-pulse database before TinyDB sees it; ``write``
    only buffers. :meth:`commit` is called by the store's transaction (see
    :mod:`gtm_pulse.store.transaction`) when the whole transaction succeeded, so a failure
    half-way writes nothing.
    """

    def __init__(self, path: Path, *, create: bool = False, drafts: bool = False) -> None:
        self.path = path
        self.create = create
        self.drafts = drafts
        """The file is a drafts file: its errors say it can be deleted (see :func:`read_drafts`)."""
        self._data: Data | None = None
        self._dirty = False

    def read(self) -> Data | None:
        if self._data is None:
            if self.drafts:
                self._data = read_drafts(self.path)
            elif self.path.exists() or not self.create:
                self._data = read_database(self.path)
            if self._data is None:
                self._data = new_database()
                self._dirty = True
        return self._data

    def adopt(self, data: Data) -> None:
        """Take ``data`` as what the file holds: parsed and checked by the caller from the
        file's current bytes (see ``Transactions._open``), so it is not read again."""
        self._data = data

    def write(self, data: Data) -> None:
        self._data = data
        self._dirty = True

    def commit(self) -> None:
        if self._dirty and self._data is not None:
            replace_file(self.path, encode(self._data))  # through a symlink to its target
            self._dirty = False


def new_database() -> Data:
    """The tables of an empty database, with its schema record."""
    meta = {"app": APP, "schema_version": SCHEMA_VERSION, "created_at": _now()}
    return {META: {"1": meta}}


def encode(data: Data) -> bytes:
    """The file's bytes: orjson, or ASCII-escaped JSON for text orjson refuses (a lone
    surrogate someone pasted), so any string a user typed can be written."""
    import orjson

    try:
        return orjson.dumps(data)
    except TypeError:
        return json.dumps(data, separators=(",", ":")).encode("ascii")


def _loads(raw: bytes, where: str, after: Callable[[], str]) -> object:
    """``raw`` parsed: orjson first; the standard library has the last word (and the message)."""
    import orjson

    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return parse_json(raw, where, DatabaseError, after=after())


def read_database(path: Path, *, one_shot: bool = False, name: str | None = None) -> Data:
    """Parse and check a database file, migrating an older schema in memory.

    Raises :class:`DatabaseError` (and leaves the file alone) when it is missing, unreadable,
    not JSON, not a gtm-pulse database, or written by a newer schema. A file that is broken
    says how to look closer and which backup to restore. ``one_shot``: the process ends soon
    after (a CLI command), so the objects read are frozen out of the garbage collector's sight
    (see :func:`_parse`); never in a long-lived process such as the TUI. ``name``: how the
    messages call a file that is not the database in use (``the backup bad.json``, checked
    before a restore); they then give no advice about its backups.
    """
    return read_database_bytes(path, one_shot=one_shot, name=name)[1]


def read_database_bytes(
    path: Path, *, one_shot: bool = False, name: str | None = None
) -> tuple[bytes, Data]:
    """:func:`read_database`, with the bytes it parsed: ``db check`` looks at both and reads
    the file once."""
    where = name or f"the database {path}"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if name:
            raise DatabaseError(f"{where} does not exist") from None
        raise TeamError(f"no gtm-pulse database at {path}: run 'gtm-pulse init' first") from None
    except OSError as error:
        raise DatabaseError(f"cannot read {where}: {error.strerror}") from None
    after = (lambda: "") if name else (lambda: _left_untouched(path))
    return raw, _parse(raw, where, after, one_shot=one_shot)


def read_drafts(path: Path) -> Data | None:
    """Parse and check the drafts file at ``path`` like a database; None when there is none.

    A damaged one is a :class:`DatabaseError` that says what it holds (unfinished answers
    only) and that deleting it is the way out: no backup has it to restore.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise DatabaseError(
            f"cannot read the drafts file {path}: {error.strerror}{drafts_advice(path)}"
        ) from None
    return _parse(raw, f"the drafts file {path}", lambda: drafts_advice(path))


def _parse(raw: bytes, where: str, after: Callable[[], str], *, one_shot: bool = False) -> Data:
    """The tables in ``raw``, checked and migrated; ``after()`` ends a message about a problem."""
    # A database is millions of small objects: the cyclic garbage collector, run again and
    # again while they are made, finds nothing to free and triples the time (measured: 90 MB
    # with orjson, 1.0 s with it, 0.31 s without), so it is off while they are made. Its next
    # passes after that scan them all once more (~0.2 s): a one-shot command, whose objects
    # live until it exits, freezes them out of its sight. Not a long-lived process: gc.freeze
    # moves *every* live object to the permanent generation for good, so the TUI, freezing on
    # each reload, would never again collect a cycle of its own made before. JSON data holds
    # no cycles: reference counting frees it, frozen or not, when a snapshot is dropped.
    collecting = gc.isenabled()
    gc.disable()
    try:
        tables = _check_and_migrate(_loads(raw, where, after), where, after)
        if one_shot:
            gc.freeze()
        return tables
    finally:
        if collecting:
            gc.enable()


def _left_untouched(path: Path) -> str:
    """How a message about a broken database ends: untouched, and the way back."""
    backup = latest_backup(path)
    way_back = (
        f"latest backup: {backup} ('gtm-pulse db restore {backup}')"
        if backup
        else f"no backup in {backup_folder(path)}"
    )
    return f"; left untouched ('gtm-pulse db check' looks closer; {way_back})"


def drafts_advice(path: Path) -> str:
    """How a message about a broken drafts file ends: nothing submitted is in it."""
    return (
        "; a drafts file has only unfinished answers, never submitted ones, and no backup "
        f"includes it: delete {path} to carry on (losing those drafts)"
    )


def _check_and_migrate(data: object, where: str, after: Callable[[], str]) -> Data:
    shape_ok = isinstance(data, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    )
    meta = data.get(META, {}).get("1") if shape_ok else None  # type: ignore[attr-defined]
    if not isinstance(meta, dict) or meta.get("app") != APP:
        raise DatabaseError(
            f"{where} is not a gtm-pulse database (no gtm-pulse schema record)" + after()
        )
    version = meta.get("schema_version")
    if type(version) is not int or version < 1:
        raise DatabaseError(f"{where} has a bad schema version {version!r}" + after())
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"{where} was written by a newer gtm-pulse (schema {version}; this version reads up to "
            f"{SCHEMA_VERSION}): upgrade gtm-pulse. The file was left untouched"
        )
    tables: Data = data  # type: ignore[assignment]  # shape checked above
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
        tables[META]["1"] = {**tables[META]["1"], "schema_version": version}
    return tables


def _now() -> str:
    return now().isoformat()


def team_of(doc: dict[str, Any]) -> str:
    """The team a record belongs to (records from before teams are the default team's)."""
    team: str = doc.get("team", DEFAULT_TEAM)
    return team


def team_ids(tables: Data) -> list[str]:
    """The ids of the teams a database holds, sorted."""
    return sorted(doc.get("id", DEFAULT_TEAM) for doc in tables.get(TEAM, {}).values())


def drafts_path(path: Path) -> Path:
    """Where the drafts of the database at ``path`` live: ``pulse.drafts.json`` beside it
    (beside its target when ``path`` is a symlink, so every link shares the same drafts)."""
    path = through_link(path)
    return path.with_name(f"{path.stem}.drafts{path.suffix}")


@dataclass(frozen=True)
class Records:
    """Every record a database (or drafts) file holds, of every team, as stored: record id ->
    its JSON object, by kind. What :mod:`gtm_pulse.store.integrity` checks before any record
    is trusted to have the shape gtm-pulse wrote."""

    teams: dict[str, dict[str, Any]]
    surveys: dict[str, dict[str, Any]]
    responses: dict[str, dict[str, Any]]
    history: dict[str, dict[str, Any]]
    drafts: dict[str, dict[str, Any]]
    commitments: dict[str, dict[str, Any]]
    metrics: dict[str, dict[str, Any]]
    keys: dict[str, dict[str, Any]]
    overrides: dict[str, dict[str, Any]]

    @classmethod
    def of(cls, tables: Data) -> Records:
        """The records of ``tables`` (a table the file does not hold has none)."""
        names = {
            "teams": TEAM, "surveys": SURVEYS, "responses": RESPONSES, "history": HISTORY,
            "drafts": DRAFTS, "commitments": COMMITMENTS, "metrics": METRICS, "keys": KEYS,
            "overrides": OVERRIDES,
        }  # fmt: skip
        return cls(**{kind: tables.get(table, {}) for kind, table in names.items()})


def read_records(path: Path) -> Records:
    """Every record of the database file at ``path``; opening it may raise, as
    :func:`read_database` does."""
    return Records.of(read_database(path))


def read_drafts_records(path: Path) -> Records | None:
    """Every record of the drafts file of the database at ``path``; None when there is none."""
    tables = read_drafts(drafts_path(path))
    return None if tables is None else Records.of(tables)
