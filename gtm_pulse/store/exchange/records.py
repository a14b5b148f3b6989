"""Record files on a remote: one file per record, named by the sha256 of its bytes.

Content addressing is what lets laptops share a folder or a repository without coordinating:
the same record published by two laptops is the same file (writing it again changes nothing),
two different records never share a name (so nothing is ever replaced and a git rebase never
conflicts), and a file whose bytes no longer hash to its name (cut short by a sync service, edited
by hand) shows itself. Whatever does not look exactly like a record (a conflict copy, a stray
file, a broken envelope) is reported as :class:`Skipped` and left where it is: a sync must never
fail, delete or rewrite because of one bad file in a folder it shares with others.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from gtm_pulse.core.sealing import canonical_json
from gtm_pulse.store.exchange.remotes import Remote

#: Every kind of record the exchange carries, in one place; each is a folder under ``records/``.
#: An amendment is a ``response`` record too: each revision is sealed and published on its own.
#: A ``follow-up`` is a commitment marked done or open again (the follow-up answers travel
#: inside the sealed responses).
KINDS: tuple[str, ...] = (
    "team",
    "response",
    "commitment",
    "follow-up",
    "metric",
    "team-change",
    "key-release",
)
#: The folder of the remote that holds the records; anything outside it is not ours to judge.
RECORDS = "records"
#: The envelope's ``format`` and ``version``: a file that says otherwise is not a record we read.
FORMAT = "gtm-pulse-record"
VERSION = 1

_NAME = re.compile(r"[0-9a-f]{64}\.json")
_HEX_PREFIX = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Found:
    """One record read from a remote: its kind, its file name (relative posix path) and payload."""

    kind: str
    name: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Skipped:
    """A file under ``records/`` that is not a usable record, with why; it is left in place."""

    name: str
    reason: str


@dataclass
class Collected:
    """What :func:`collect` found: the records (sorted by name) and the files it skipped."""

    records: list[Found] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def encode(kind: str, payload: dict[str, Any]) -> tuple[str, bytes]:
    """The file name and bytes of ``payload`` as a record of ``kind``.

    The bytes are the canonical JSON of the envelope, so one record has one name everywhere.
    """
    if kind not in KINDS:
        raise ValueError(f"not a kind of record: {kind!r}")  # a bug in the caller, not the user
    data = canonical_json({"format": FORMAT, "version": VERSION, "kind": kind, "payload": payload})
    return f"{RECORDS}/{kind}/{hashlib.sha256(data).hexdigest()}.json", data


def publish(remote: Remote, kind: str, payload: dict[str, Any]) -> str:
    """Write ``payload`` to ``remote`` as a record of ``kind``; return the file name.

    Publishing the same payload again writes nothing (the file already holds these bytes). The
    write is local until ``remote.push()``.
    """
    name, data = encode(kind, payload)
    remote.write(name, data)
    return name


def collect(remote: Remote) -> Collected:
    """Every record on ``remote`` (as the local view has it: call ``pull()`` first), and every
    file under ``records/`` that is not one, each skipped with a reason, never an exception."""
    collected = Collected()
    for name in sorted(remote.names()):
        parts = name.split("/")
        if not parts or parts[0] != RECORDS:
            continue
        found = _check(remote, parts, name)
        if isinstance(found, Found):
            collected.records.append(found)
        else:
            collected.skipped.append(Skipped(name, found))
    return collected


def _check(remote: Remote, parts: list[str], name: str) -> Found | str:
    """The record at ``name``, or the reason it is not one."""
    if len(parts) != 3:
        return "not in a records/<kind>/ folder"
    kind, file = parts[1], parts[2]
    if kind not in KINDS:
        return f"{kind!r} is not a kind of record this version knows"
    if not _NAME.fullmatch(file):
        return _why_not_a_name(file)
    try:
        data = remote.read(name)
    except OSError as error:
        return f"cannot be read: {error.strerror or error}"
    if hashlib.sha256(data).hexdigest() != file[:64]:
        return "its bytes do not match its name: cut short or changed after it was written"
    return _parse(data, kind, name)


def _why_not_a_name(file: str) -> str:
    """Why ``file`` is not a record name, naming a sync service's conflict copy as such."""
    if file.startswith(".tmp-"):
        return "an unfinished write (a temporary file)"
    if _HEX_PREFIX.match(file) and file != file[:64] + ".json":
        return f"a copy of {file[:64]}.json (a sync service's conflict copy?); the original counts"
    return "not a record file: the name is not <sha256>.json"


def _parse(data: bytes, kind: str, name: str) -> Found | str:
    """The record in ``data`` (already known to hash to its name), or what is wrong with it."""
    try:
        envelope = json.loads(data)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        return f"not JSON: {error}"
    if not isinstance(envelope, dict) or set(envelope) != {"format", "version", "kind", "payload"}:
        return "not a gtm-pulse record envelope"
    if envelope["format"] != FORMAT or envelope["version"] != VERSION:
        return f"format {envelope['format']!r} version {envelope['version']!r} is not one we read"
    if envelope["kind"] != kind:
        return f"a {envelope['kind']!r} record in the {kind!r} folder"
    if not isinstance(envelope["payload"], dict):
        return "its payload is not an object"
    if canonical_json(envelope) != data:  # a second spelling would give one record two names
        return "not in canonical form"
    return Found(kind, name, envelope["payload"])
