"""The pulse database: the only module that knows TinyDB exists.

Why it looks the way it does (measured on TinyDB 4.8/4.9):

* TinyDB's JSONStorage rewrites the file in place, so a killed write leaves a truncated file and
  two writers lose records. :class:`AtomicJSONStorage` writes a temp file in the same folder,
  fsyncs it, ``os.replace``-s it over the database and fsyncs the folder: a reader sees the old
  file or the new one, never half of one.
* Every read-modify-write holds a lock on a *separate* lock file (the database file itself is
  replaced on every write, so locking it would lock a file that is about to vanish).
* A TinyDB instance caches query results and the next document id, so each transaction opens a
  fresh one; the storage buffers the transaction's writes and commits them as one atomic write.
* Reads take no lock: the atomic replace means a reader always sees a whole file.
* Drafts live in a small file beside the database (``pulse.drafts.json``): autosaving an answer
  rewrites that file only, so it stays ~ms however many responses the database holds.
* One database can hold many teams (a board's portfolio): every record carries its team's id
  and a :class:`Store` works on one team, so everything above it sees one team only.
* JSON goes through orjson (~3x faster than the standard library on a large file), with the
  standard library as the fallback for what orjson refuses (and for its error messages).

A file that is not valid JSON, not a gtm-pulse database, or from a newer schema is never written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from tinydb import Query, TinyDB
from tinydb.storages import Storage

from gtm_pulse.core import roles
from gtm_pulse.core.models import (
    DEFAULT_TEAM,
    Commitment,
    Draft,
    Metric,
    Response,
    Survey,
    Team,
    now,
    to_json,
)
from gtm_pulse.errors import (
    AlreadySubmittedError,
    AnswerError,
    CommitmentError,
    DatabaseError,
    ImportConflictError,
    MetricError,
    SurveyError,
    TeamError,
)
from gtm_pulse.store.files import atomic_write, make_folders, parse_json, replace_file, through_link
from gtm_pulse.store.paths import TEAM_ENV

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

#: How long a command waits for another gtm-pulse process to finish its write.
LOCK_TIMEOUT_S = 15.0

META, TEAM, RESPONSES, HISTORY, DRAFTS, SURVEYS, COMMITMENTS, METRICS = (
    "meta", "team", "responses", "history", "drafts", "surveys", "commitments", "metrics",
)  # fmt: skip

#: Each member's public signing keys, one record per (team, role, key): see gtm_pulse.store.signing.
KEYS = "keys"

#: The CEO's overrides that opened answers before the seal allowed (``compare --partial``...).
OVERRIDES = "overrides"

Data = dict[str, dict[str, Any]]


class AtomicJSONStorage(Storage):
    """A TinyDB storage that reads the file once and commits all writes as one atomic replace.

    ``read`` validates that the file is a gtm-pulse database before TinyDB sees it; ``write``
    only buffers. :meth:`commit` is called by :meth:`Store._transaction` when the whole
    transaction succeeded, so a failure half-way writes nothing.
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
    return _parse(raw, where, after, one_shot=one_shot)


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
            f"cannot read the drafts file {path}: {error.strerror}{_drafts_advice(path)}"
        ) from None
    return _parse(raw, f"the drafts file {path}", lambda: _drafts_advice(path))


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


def _drafts_advice(path: Path) -> str:
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


def _bad_record(kind: str, doc_id: str, where: Path) -> DatabaseError:
    return DatabaseError(
        f"the database {where} holds a bad {kind} (record #{doc_id}); 'gtm-pulse db check' "
        "says what is wrong with it"
    )


def _plain_team(team: Team) -> Team:
    """``team``, if its company and every role and name are text; else ``TypeError``.

    Checked on reading, before any write: a name that is a number would otherwise be stored
    in a response and only then fail to print, so a retry would say "already submitted".
    """
    texts = [team.company, team.id, *team.members, *team.members.values()]
    if not all(isinstance(text, str) for text in texts):
        raise TypeError("a team's company, roles and names are text")
    return team


def _commitment_number(doc: dict[str, Any], doc_id: str, where: Path) -> int:
    """A stored commitment's number, or :func:`_bad_record` when it is not an integer."""
    number = doc.get("number")
    if type(number) is not int:
        raise _bad_record("commitment", doc_id, where)
    return number


#: What reading a record that does not have the shape gtm-pulse wrote can raise.
_SHAPE_ERRORS = (KeyError, TypeError, ValueError, AttributeError)


def team_of(doc: dict[str, Any]) -> str:
    """The team a record belongs to (records from before teams are the default team's)."""
    return doc.get("team", DEFAULT_TEAM)


def team_ids(tables: Data) -> list[str]:
    """The ids of the teams a database holds, sorted."""
    return sorted(doc.get("id", DEFAULT_TEAM) for doc in tables.get(TEAM, {}).values())


def drafts_path(path: Path) -> Path:
    """Where the drafts of the database at ``path`` live: ``pulse.drafts.json`` beside it
    (beside its target when ``path`` is a symlink, so every link shares the same drafts)."""
    path = through_link(path)
    return path.with_name(f"{path.stem}.drafts{path.suffix}")


@dataclass
class Snapshot:
    """One team's view of the database as read at one moment, parsed on demand.

    Commands read the file once and answer from this snapshot; it never changes after reading.
    Only the records of ``team_id`` are seen; survey definitions are shared by every team.
    """

    path: Path
    tables: Data = field(repr=False)
    team_id: str = DEFAULT_TEAM

    def _docs(self, table: str) -> dict[str, dict[str, Any]]:
        """The records of ``table`` that belong to this snapshot's team, by record id."""
        team = self.team_id
        records = self.tables.get(table, {}).items()
        return {k: d for k, d in records if d.get("team", DEFAULT_TEAM) == team}

    @cached_property
    def team(self) -> Team | None:
        for doc_id, doc in self.tables.get(TEAM, {}).items():
            if doc.get("id", DEFAULT_TEAM) == self.team_id:
                try:
                    return _plain_team(Team.from_json(doc))
                except _SHAPE_ERRORS:
                    raise _bad_record("team", doc_id, self.path) from None
        return None

    def require_team(self) -> Team:
        """The team, or a :class:`TeamError` saying what to do."""
        if self.team is not None:
            return self.team
        others = team_ids(self.tables)
        if not others:
            raise TeamError(f"no team in {self.path} yet: run 'gtm-pulse init' first")
        raise TeamError(
            f"no team {self.team_id!r} in {self.path} (teams: {', '.join(others)}); "
            f"choose one with --team, or add it with 'gtm-pulse --team {self.team_id} init'"
        )

    def _parse(self, docs: dict[str, dict[str, Any]], model: type[Any], kind: str) -> list[Any]:
        """Every record as ``model``: a plain conversion of what was validated on the way in;
        a record of another shape is a one-line error pointing at ``db check``."""
        return [_record(model, doc, kind, doc_id, self.path) for doc_id, doc in docs.items()]

    @cached_property
    def responses(self) -> list[Response]:
        """The current revision of every submitted response."""
        return self._parse(self._docs(RESPONSES), Response, "response")

    @cached_property
    def history(self) -> list[Response]:
        """Earlier revisions that an amendment replaced, oldest first."""
        return self._parse(self._docs(HISTORY), Response, "response revision")

    @cached_property
    def keys(self) -> dict[str, list[tuple[str, str]]]:
        """Role -> its registered public signing keys, each with when it was registered."""
        found: dict[str, list[tuple[str, str]]] = {}
        for doc_id, doc in self._docs(KEYS).items():
            try:
                found.setdefault(doc["role"], []).append((doc["public"], doc["since"]))
            except _SHAPE_ERRORS:
                raise _bad_record("signing key", doc_id, self.path) from None
        return found

    @cached_property
    def drafts(self) -> list[Draft]:
        """Unfinished responses: the drafts file's, and any a database from before kept inside.

        Read on first use: the commands that only compare never open the drafts file.
        """
        side = drafts_path(self.path)
        found = self._parse(self._docs(DRAFTS), Draft, "draft")
        tables = read_drafts(side)
        if tables is not None:
            newer = []
            for doc_id, doc in Snapshot(side, tables, self.team_id)._docs(DRAFTS).items():
                try:
                    newer.append(Draft.from_json(doc))
                except _SHAPE_ERRORS:
                    raise DatabaseError(
                        f"the drafts file {side} holds a bad draft (record #{doc_id})"
                        + _drafts_advice(side)
                    ) from None
            keys = {d.key for d in newer}
            found = [*newer, *(d for d in found if d.key not in keys)]
        return found

    def response(self, survey_id: str, period: str, role: str) -> Response | None:
        return next((r for r in self.responses if r.key == (survey_id, period, role)), None)

    def responses_for(self, survey_id: str, period: str | None = None) -> list[Response]:
        return [
            r for r in self.responses
            if r.survey_id == survey_id and (period is None or r.period == period)
        ]  # fmt: skip

    def revisions(self, survey_id: str, period: str, role: str) -> list[Response]:
        """Every revision of one response, oldest first, the current one last."""
        key = (survey_id, period, role)
        current = self.response(*key)
        earlier = sorted((r for r in self.history if r.key == key), key=lambda r: r.revision)
        return [*earlier, *([current] if current else [])]

    def draft(self, survey_id: str, period: str, role: str) -> Draft | None:
        return next((d for d in self.drafts if d.key == (survey_id, period, role)), None)

    @cached_property
    def commitments(self) -> list[Commitment]:
        """Every commitment, open or done, by number."""
        docs = self._docs(COMMITMENTS)
        for doc_id, doc in docs.items():
            _commitment_number(doc, doc_id, self.path)  # a number sorts: no "3" among 1 and 2
        found = self._parse(docs, Commitment, "commitment")
        return sorted(found, key=lambda c: c.number)

    def commitment(self, number: int) -> Commitment | None:
        return next((c for c in self.commitments if c.number == number), None)

    @cached_property
    def metrics(self) -> dict[str, Metric]:
        """The team's metrics by id, in the order they were defined, with their values."""
        found = self._parse(self._docs(METRICS), Metric, "metric")
        return {metric.id: metric for metric in found}

    def overrides(self) -> dict[str, dict[str, Any]]:
        """The CEO's overrides that opened answers early (see ``Store.record_override``), by
        record id, as recorded: :mod:`gtm_pulse.services.comparing` reads them."""
        return self._docs(OVERRIDES)

    @cached_property
    def recorded_surveys(self) -> dict[tuple[str, int], dict[str, Any]]:
        """The survey definitions responses were given against, as first recorded."""
        recorded = {}
        for doc_id, doc in self.tables.get(SURVEYS, {}).items():
            try:
                recorded[(doc["id"], doc["version"])] = doc["definition"]
            except _SHAPE_ERRORS:  # a missing field, or an id that is a list (unhashable)
                raise _bad_record("survey definition", doc_id, self.path) from None
        return recorded


class Store:
    """One team's view of the gtm-pulse database at ``path``: read a :class:`Snapshot`, or
    write in a transaction.

    ``team`` picks the team of a database that holds several; without it, the only team.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        team: str | None = None,
        salts: Callable[[], str] | None = None,
        keys: Path | None = None,
        key_secrets: Callable[[], bytes] | None = None,
    ) -> None:
        self.path = Path(path).expanduser()
        self.team = team
        self.salts = salts
        """Where seals get their salt: random; the demo passes a seeded source to be repeatable."""
        self.keys = keys
        """This laptop's private signing keys (default: gtm_pulse.store.signing.keys_dir())."""
        self.key_secrets = key_secrets
        """Where new keys get their secret: random; the demo passes a seeded source."""

    @property
    def lock_path(self) -> Path:
        """``pulse.json.lock`` beside the database, or beside its target when it is a symlink:
        every process writing the shared file, by whatever link, takes the same lock."""
        path = through_link(self.path)
        return path.with_name(path.name + ".lock")

    def kept_files(self) -> tuple[dict[Path, str], dict[Path, str]]:
        """The files no report, bundle or export may replace (the database, its lock, its
        drafts file) and the folders whose existing files are kept too (its backups), each
        with what it is; see :func:`gtm_pulse.store.files.keep_safe`."""
        files = {
            self.path: f"the gtm-pulse database {self.path}",
            self.lock_path: f"the lock file of the database {self.path}",
            self.drafts_path: f"the drafts file of the database {self.path}",
        }
        backups = f"a backup of the database {self.path}"
        folders = {
            backup_folder(self.path): backups,
            backup_folder(through_link(self.path)): backups,
        }
        return files, folders

    @property
    def drafts_path(self) -> Path:
        return drafts_path(self.path)

    def exists(self) -> bool:
        return self.path.exists()

    def load(self, *, one_shot: bool = False) -> Snapshot:
        """Read the whole database once (no lock needed: writes replace the file atomically).

        ``one_shot`` for a command that exits soon after: see :func:`read_database`.
        """
        tables = read_database(self.path, one_shot=one_shot)
        return Snapshot(self.path, tables, self._team_id(tables))

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
    def _open(self, path: Path, *, create: bool = False) -> Iterator[tuple[TinyDB, str]]:
        """A fresh TinyDB over ``path`` (the lock held); its writes land as one atomic replace
        when the block ends without an error. Yields it with the team this store writes for."""
        self._refuse_read_only()
        storage = AtomicJSONStorage(path, create=create, drafts=path == self.drafts_path)
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

    # -- writes ---------------------------------------------------------------------------

    def init(self, team: Team, *, replace: bool = False) -> None:
        """Add ``team`` to the database (created if new); ``replace`` changes a team of that id.

        Responses are kept either way.
        """
        with self._transaction(create=True) as (db, _):
            table = db.table(TEAM)
            existing = table.get(_team_query(team.id))
            if existing is not None and not replace:
                company = existing.get("company", "?")
                raise TeamError(
                    f"{self.path} already has a team {team.id!r} ({company}); use "
                    "'gtm-pulse init --force' to replace it (responses are kept)"
                )
            if existing is not None:
                table.remove(doc_ids=[existing.doc_id])
            table.insert(to_json(team))

    def _require_team(self, db: TinyDB, team: str) -> None:
        if not db.table(TEAM).get(_team_query(team)):
            raise TeamError(f"no team in {self.path} yet: run 'gtm-pulse init' first")

    def submit(self, response: Response, survey: Survey, *, amend: bool = False) -> Response:
        """Store ``response`` as the one submission for its (survey, period, role).

        A second submission is refused unless ``amend``; an amendment moves the previous
        revision into history and stores this one with the next revision number, marked
        ``amended_after_reveal`` when the other VP had submitted too (their answers were
        visible). The response is sealed, the matching draft removed and the survey definition
        recorded (see :meth:`_record_survey`). Text holding a lone surrogate (see
        :func:`gtm_pulse.core.sealing.lone_surrogate`) is refused with :class:`AnswerError`.
        """
        from gtm_pulse.core.sealing import lone_surrogate, sealed  # hashing: only writers pay it

        unreadable = lone_surrogate(to_json(response))
        if unreadable:  # UTF-8 has no bytes for it: it could be neither sealed nor exported
            raise AnswerError(
                [
                    f"{unreadable[0]} holds a lone surrogate ({unreadable[1]}), half of a "
                    "character pair and not text: remove it"
                ],
                source=f"{response.survey_id} {response.period} {response.role}",
            )
        with self._locked():
            self._remove_stale_temp_files()
            with self._open(self.path) as (db, team):
                self._require_team(db, team)
                self._record_survey(db, survey)
                responses = db.table(RESPONSES)
                key = _key_query(team, response.survey_id, response.period, response.role)
                previous = responses.get(key)
                if previous is not None:
                    revision = _from_doc(Response, previous, "response", self.path).revision
                if previous is not None and not amend:
                    raise AlreadySubmittedError.of(
                        response.role, response.survey_id, response.period, revision
                    )
                if previous is not None:
                    # The next revision's submitted_at says when this one was superseded.
                    db.table(HISTORY).insert(dict(previous))
                    responses.remove(doc_ids=[previous.doc_id])
                    revealed = all(
                        responses.get(_key_query(team, response.survey_id, response.period, other))
                        for other in roles.CORE_PAIR
                        if other != response.role
                    )
                    response = replace(
                        response, revision=revision + 1, amended_after_reveal=revealed
                    )
                salt = self.salts() if self.salts else None
                response = sealed(response, salt)  # it covers the revision and the mark
                prev = _from_doc(Response, previous, "response", self.path) if previous else None
                response = self._signed(db, team, response, prev)  # last: it covers the seal
                responses.insert({**to_json(response), "team": team})
                db.table(DRAFTS).remove(key)  # a draft kept inside by a database from before
            # The response is committed: a drafts file that cannot be read or written now must
            # not turn that into a failure. The draft left behind is harmless (an amendment
            # would start from it), and reading the damaged file says it can be deleted.
            with contextlib.suppress(DatabaseError):
                self._drop_draft(team, response.survey_id, response.period, response.role)
        return response

    def _signed(
        self, db: TinyDB, team: str, response: Response, previous: Response | None
    ) -> Response:
        """``response`` signed with this laptop's key for its role (made and registered on
        first use), chained to the revision it replaces."""
        from gtm_pulse.store import signing

        folder = self.keys or signing.keys_dir()
        table = db.table(KEYS)
        mine = Query().team == team
        registered = [doc["public"] for doc in table.search(mine & (Query().role == response.role))]
        member = f"{team}.{response.role}"
        public, new = signing.key_for(folder, registered, member, self.key_secrets)
        if new:
            table.insert({"team": team, "role": response.role, "public": public, "since": _now()})
        prev = (
            signing.record_hash(previous)
            if previous is not None and previous.signature is not None
            else None
        )
        return signing.sign(response, folder, public, prev)

    def _record_survey(self, db: TinyDB, survey: Survey) -> None:
        """Keep the definition a response was given against, so it stays checkable later.

        The same id and version with different content means a survey file was edited without
        bumping its version: refused, since old answers would silently change meaning.
        """
        table = db.table(SURVEYS)
        definition = to_json(survey)
        found = table.get((Query().id == survey.id) & (Query().version == survey.version))
        if found is None:
            table.insert({"id": survey.id, "version": survey.version, "definition": definition})
        elif not _same_survey(found.get("definition"), survey):
            raise SurveyError(
                f"survey {survey.id}",
                [
                    f"version {survey.version} differs from the copy recorded in {self.path} "
                    "when it was first answered; give the changed survey a new version number"
                ],
            )

    def save_draft(self, draft: Draft) -> None:
        """Autosave an unfinished response (one draft per survey, period and role).

        Only the small drafts file is rewritten: the cost stays flat as the database grows.
        """
        with self._locked():
            team = self.team or self._team_id(read_database(self.path))
            self._remove_stale_temp_files()
            with self._open(self.drafts_path, create=True) as (db, _):
                key = _key_query(team, draft.survey_id, draft.period, draft.role)
                db.table(DRAFTS).upsert({**to_json(draft), "team": team}, key)

    def discard_draft(self, survey_id: str, period: str, role: str) -> bool:
        """Remove a draft; returns whether there was one."""
        with self._locked():
            tables = read_database(self.path)
            team = self._team_id(tables)
            found = self._drop_draft(team, survey_id, period, role)
            key = (team, survey_id, period, role)
            kept_inside = [  # by a database from before the drafts file
                doc
                for doc in tables.get(DRAFTS, {}).values()
                if (team_of(doc), doc.get("survey_id"), doc.get("period"), doc.get("role")) == key
            ]
            if kept_inside:
                with self._open(self.path) as (db, _):
                    db.table(DRAFTS).remove(_key_query(*key))
        return found or bool(kept_inside)

    def _drop_draft(self, team: str, survey_id: str, period: str, role: str) -> bool:
        """Remove a draft from the drafts file (the lock held); whether there was one."""
        if not self.drafts_path.exists():
            return False
        with self._open(self.drafts_path) as (db, _):
            return bool(db.table(DRAFTS).remove(_key_query(team, survey_id, period, role)))

    def add_commitment(
        self, text: str, owner: str, due: str, agreed_in: str | None = None
    ) -> Commitment:
        """Record a commitment with the team's next free number; the owner must be on the team."""
        with self._transaction() as (db, team):
            found = db.table(TEAM).get(_team_query(team))
            if found is None:
                raise TeamError(f"no team in {self.path} yet: run 'gtm-pulse init' first")
            roles_known = found.get("members", {})
            if owner not in roles_known:
                known = ", ".join(roles_known)
                raise TeamError(f"owner {owner!r} is not a role of this team (roles: {known})")
            table = db.table(COMMITMENTS)
            mine = table.search(_mine(team))
            numbers = [_commitment_number(doc, str(doc.doc_id), self.path) for doc in mine]
            number = max(numbers, default=0) + 1
            commitment = _new_commitment(number, text, owner, due, agreed_in)
            table.insert({**to_json(commitment), "team": team})
        return commitment

    def set_commitment_done(self, number: int, *, done: bool = True) -> Commitment:
        """Mark commitment ``number`` done (or open again); :class:`CommitmentError` if unknown."""
        with self._transaction() as (db, team):
            table = db.table(COMMITMENTS)
            mine = {
                doc.doc_id: _from_doc(Commitment, doc, "commitment", self.path)
                for doc in table.search(_mine(team))
            }
            found = next((i for i, c in mine.items() if c.number == number), None)
            if found is None:
                numbers = ", ".join(f"#{c.number}" for c in mine.values()) or "none yet"
                raise CommitmentError(f"no commitment #{number} (commitments: {numbers})")
            updated = replace(mine[found], done_at=now() if done else None)
            table.update({**to_json(updated), "team": team}, doc_ids=[found])
        return updated

    def record_override(self, record: dict[str, Any]) -> bool:
        """Record that a CEO's override opened answers early (``record``: survey, period, roles,
        date and which override; see ``comparing.Override``), unless the same one already is;
        whether it was written. Its own locked transaction, on a freshly opened database."""
        with self._transaction() as (db, team):
            self._require_team(db, team)
            table = db.table(OVERRIDES)
            doc = {**record, "team": team}
            if any(dict(found) == doc for found in table.search(_mine(team))):
                return False
            table.insert(doc)
        return True

    def define_metric(self, metric: Metric) -> Metric:
        """Add the metric, or change its name, unit and direction (its values are kept)."""
        with self._transaction() as (db, team):
            self._require_team(db, team)
            table = db.table(METRICS)
            found = table.get(_mine(team) & (Query().id == metric.id))
            if found is None:
                table.insert({**to_json(metric), "team": team})
                return metric
            stored = _from_doc(Metric, found, "metric", self.path)
            kept = replace(metric, values=stored.values)
            table.update({**to_json(kept), "team": team}, doc_ids=[found.doc_id])
            return kept

    def set_metric_values(self, period: str, values: dict[str, float]) -> list[Metric]:
        """Record ``values`` (metric id -> value) for ``period``, all or nothing.

        Every id must name a metric already defined: a typo must not start a new metric.
        """
        with self._transaction() as (db, team):
            table = db.table(METRICS)
            mine = {doc["id"]: doc for doc in table.search(_mine(team))}
            unknown = [metric_id for metric_id in values if metric_id not in mine]
            if unknown:
                known = ", ".join(mine) or "none yet"
                raise MetricError(
                    f"unknown metric {unknown[0]!r} (defined: {known}); add it with "
                    f"'gtm-pulse metrics define {unknown[0]} --name ...'"
                )
            updated = []
            for metric_id, value in values.items():
                doc = mine[metric_id]
                metric = _from_doc(Metric, doc, "metric", self.path)
                metric = replace(metric, values={**metric.values, period: value})
                table.update({**to_json(metric), "team": team}, doc_ids=[doc.doc_id])
                updated.append(metric)
        return updated

    def import_responses(
        self,
        responses: list[Response],
        surveys: list[Survey],
        keys: Sequence[tuple[str, str, str]] = (),
    ) -> list[Response]:
        """Write ``responses`` (already checked) in one transaction; returns those written.

        Under the lock each is checked again against what is stored now (see
        :func:`import_verdict`): the same content is skipped (importing twice changes nothing),
        a later revision replaces the current one, which moves to history exactly as an
        amendment does, and any conflict refuses the whole import: nothing is written. An
        amendment arriving once this database holds both VPs' answers for its period is marked
        ``late_arrival`` (its author's laptop may never have held the other side). ``keys``:
        (role, public key, since) first seen in the bundles, registered.
        """
        written = []
        with self._transaction() as (db, team):
            self._require_team(db, team)
            table = db.table(RESPONSES)
            for role, public, since in keys:
                db.table(KEYS).insert(
                    {"team": team, "role": role, "public": public, "since": since}
                )
            for response in responses:
                key = _key_query(team, *response.key)
                found = table.get(key)
                current = earlier = None
                if found is not None:
                    current = _from_doc(Response, found, "response", self.path)
                    earlier = [
                        _from_doc(Response, doc, "response revision", self.path)
                        for doc in db.table(HISTORY).search(key)
                    ]
                try:
                    verdict = import_verdict(response, current, earlier or [], self.path)
                except ImportConflictError as error:
                    raise ImportConflictError(
                        f"{' '.join(response.key)}: {error}; nothing was imported"
                    ) from None
                if verdict == "same":
                    continue
                if found is not None:  # as Store.submit(amend=True) does
                    both = all(
                        table.get(_key_query(team, response.survey_id, response.period, role))
                        for role in roles.CORE_PAIR
                    )
                    if both and not response.amended_after_reveal:
                        response = replace(response, late_arrival=True)
                    db.table(HISTORY).insert(dict(found))
                    table.remove(doc_ids=[found.doc_id])
                table.insert({**to_json(response), "team": team})
                written.append(response)
            if written:
                for survey in surveys:
                    self._record_survey(db, survey)
        return written

    def backup(self, folder: Path | None = None) -> Path:
        """A timestamped copy of the database in ``folder`` (default: ``backups/`` beside it).

        Made under the lock, so no write lands half-way through; mode 0600. A file that does
        not open as a gtm-pulse database is refused: a backup must be restorable.
        """
        target_folder = folder or backup_folder(self.path)
        with self._locked():
            read_database(self.path)
            raw = self.path.read_bytes()
            target = _free_name(target_folder, self.path, "")
            try:
                make_folders(target_folder)
                atomic_write(target, raw)
            except OSError as error:
                raise DatabaseError(f"cannot write the backup {target}: {error.strerror}") from None
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
            try:
                raw = source.read_bytes()
            except OSError as error:
                raise DatabaseError(f"cannot read the backup {source}: {error.strerror}") from None
            saved = None
            if self.path.exists():
                saved = _free_name(backup_folder(self.path), self.path, "-before-restore")
                try:
                    make_folders(saved.parent)
                    atomic_write(saved, self.path.read_bytes())
                except OSError as error:
                    raise DatabaseError(
                        f"cannot keep the current database in {saved} before restoring: "
                        f"{error.strerror or error}; nothing was restored"
                    ) from None
            try:
                replace_file(self.path, raw)
            except OSError as error:
                raise self._cannot_write(error) from None
        return saved


def import_verdict(
    incoming: Response, current: Response | None, earlier: list[Response], where: Path
) -> Literal["add", "amend", "same"]:
    """What importing ``incoming`` does, given the stored ``current`` revision of its survey,
    period and role and the ``earlier`` ones in history.

    "add" when none is stored; "same" when a stored revision has the same content (importing
    twice changes nothing, even once a later amendment has arrived); "amend" for a strictly
    later revision from the same respondent: an amendment made on another laptop. Anything
    else is refused with :class:`ImportConflictError` saying why: an earlier revision, another
    respondent's answers, or different answers under the same revision number.
    """
    from gtm_pulse.core.sealing import canonical

    if current is None:
        return "add"
    content = canonical(incoming)
    if any(canonical(stored) == content for stored in [current, *earlier]):
        return "same"
    if incoming.respondent != current.respondent:
        raise ImportConflictError(
            f"{where} holds this response from {current.respondent!r}, not {incoming.respondent!r}"
        )
    if incoming.revision > current.revision:
        return "amend"
    if incoming.revision < current.revision:
        raise ImportConflictError(
            f"{where} already holds revision {current.revision}, later than this revision "
            f"{incoming.revision}"
        )
    raise ImportConflictError(
        f"{where} already holds a different revision {current.revision} (submitted "
        f"{current.submitted_at:%Y-%m-%d}): it was amended apart on two laptops; the "
        "respondent amends the one to keep and exports it again"
    )


def _from_doc(model: Any, doc: Any, kind: str, where: Path) -> Any:
    """:func:`_record` for a TinyDB document, which knows its own id."""
    return _record(model, doc, kind, str(doc.doc_id), where)


def _record(model: Any, doc: Any, kind: str, doc_id: str, where: Path) -> Any:
    """``model.from_json(doc)``; a record of another shape is the one-line error of
    :func:`_bad_record`, not a traceback."""
    try:
        return model.from_json(doc)
    except _SHAPE_ERRORS:
        raise _bad_record(kind, doc_id, where) from None


def _new_commitment(
    number: int, text: str, owner: str, due: str, agreed_in: str | None
) -> Commitment:
    """A commitment checked like any input (text not blank, periods well formed)."""
    from gtm_pulse.core import schema
    from gtm_pulse.core.pydantic_errors import first_error
    from gtm_pulse.core.schema import ValidationError  # input is checked here (the edge)

    data = {"number": number, "text": text, "owner": owner, "due": due, "agreed_in": agreed_in}
    try:
        commitment: Commitment = schema.validated(schema.Commitment, data)
    except ValidationError as error:
        field, message = first_error(error)
        raise CommitmentError(f"commitment {field}: {message}") from None
    from gtm_pulse.core.commitments import date_problem

    if (problem := date_problem(commitment.due, commitment.agreed_in)) is not None:
        field, words = problem
        raise CommitmentError(f"commitment {field}: {words}")
    return commitment


def backup_folder(path: Path) -> Path:
    """Where backups of the database at ``path`` go by default: ``backups/`` beside it."""
    return path.parent / "backups"


def latest_backup(path: Path) -> Path | None:
    """The newest backup of ``path`` in its default folder, if any.

    Only this database's backups count (``pulse-<UTC time>[-n].json``, as :func:`_free_name`
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


def _free_name(folder: Path, path: Path, tag: str) -> Path:
    """``folder/<stem>-<UTC time><tag><suffix>``, numbered if two land in the same second."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = folder / f"{path.stem}-{stamp}{tag}{path.suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{path.stem}-{stamp}-{number}{tag}{path.suffix}"
        number += 1
    return candidate


def _same_survey(recorded: Any, survey: Survey) -> bool:
    """Whether a recorded definition means what ``survey`` means.

    Compared as surveys, not as JSON: a definition recorded before a field existed (say
    ``predict``) holds no such key and still equals the same file read today.
    """
    try:
        return Survey.from_json(recorded) == survey
    except (KeyError, TypeError, ValueError):
        return False


def _mine(team: str) -> Any:
    """The records of ``team`` (records from before teams belong to the default team)."""
    doc = Query()
    return (doc.team == team) | ~doc.team.exists() if team == DEFAULT_TEAM else doc.team == team


def _team_query(team: str) -> Any:
    if team == DEFAULT_TEAM:
        return (Query().id == team) | ~Query().id.exists()
    return Query().id == team


def _key_query(team: str, survey_id: str, period: str, role: str) -> Any:
    doc = Query()
    return _mine(team) & (doc.survey_id == survey_id) & (doc.period == period) & (doc.role == role)
