"""Each laptop's status file in the remote: ``laptops/<laptop id>.json``.

At every sync that writes, a laptop rewrites its own file (:meth:`~.remotes.Remote.replace_own`):
the team, its role and member, when it synced (UTC, its own clock) and which sealed responses it
saw waiting to be revealed, its own among them. Only that laptop ever writes the file, so a
sync service never makes a conflict copy of it and a git rebase never conflicts on it; it lies
outside ``records/``, so :func:`~.records.collect` never reads it as a record.

A laptop that holds its role's signing key signs the file with it (Ed25519, over the file's
canonical JSON without the signature). A reader refuses a file that names a role whose keys it
knows but is not signed by one of them, a signature that does not hold, another team's file,
or one it cannot read: each is one line and the file is left where it is. A file carries no
answer, only what file names and sealed contexts already show (who answered which period).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from gtm_pulse.core.sealing import canonical_json
from gtm_pulse.store.exchange.remotes import LAPTOPS, Remote
from gtm_pulse.store.signing import ed25519_holds
from gtm_pulse.store.sync_seen import Waiting

#: A public key (hex) and the function that signs bytes with its private half.
Signing = tuple[str, Callable[[bytes], str]]
#: The file's ``format`` and ``version``: a file that says otherwise is not one we read.
FORMAT = "gtm-pulse-laptop"
VERSION = 1
_NAME = re.compile(LAPTOPS + r"/([0-9a-f]{16})\.json")


@dataclass(frozen=True)
class LaptopStatus:
    """What one laptop says of itself in its status file."""

    laptop: str
    team: str
    role: str
    name: str
    synced_at: str
    """When it last synced, UTC ISO 8601 (its own clock)."""
    waiting: tuple[Waiting, ...] = ()
    """The sealed responses it saw waiting to be revealed (``mine``: the ones it wrote)."""


def status_name(laptop: str) -> str:
    """The file of laptop ``laptop`` in the remote: ``laptops/<id>.json``."""
    return f"{LAPTOPS}/{laptop}.json"


def _body(status: LaptopStatus, key: str | None) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "laptop": status.laptop,
        "team": status.team,
        "role": status.role,
        "name": status.name,
        "synced_at": status.synced_at,
        "waiting": [item.to_json() for item in status.waiting],
        "key": key,
    }


def encode_status(status: LaptopStatus, signing: Signing | None) -> bytes:
    """The file's bytes: indented JSON, signed with ``signing`` (public hex, sign function)
    when this laptop holds its role's key, unsigned otherwise."""
    key, sign = signing if signing is not None else (None, None)
    body = _body(status, key)
    body["signature"] = sign(canonical_json(body)) if sign is not None else None
    return (json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def publish_status(remote: Remote, status: LaptopStatus, signing: Signing | None) -> str:
    """Rewrite this laptop's status file in ``remote`` (atomically); returns its name."""
    name = status_name(status.laptop)
    remote.replace_own(name, encode_status(status, signing))
    return name


def read_statuses(
    remote: Remote,
    team: str,
    members: Mapping[str, str],
    keys: Mapping[str, set[str]],
    mine: str | None = None,
) -> tuple[list[LaptopStatus], list[str]]:
    """Every laptop's status of team ``team`` in ``remote``, and one line per file ignored.

    ``members``: the team's roles and names; ``keys``: each role's registered public signing
    keys (a role with none yet is trusted as its file says, as a first-seen key is).
    ``mine``: this laptop's id: its own file is about to be rewritten, so one that no longer
    reads (written unsigned before its first answer made its key) is left out without a line.
    """
    found: list[LaptopStatus] = []
    ignored: list[str] = []
    for name in remote.laptop_names():
        if name.rsplit("/", 1)[-1].startswith(".tmp-"):
            continue  # another laptop's write under way: the whole file shows next time
        try:
            status = _read(remote, name, team, members, keys)
        except _Ignored as why:
            if mine is None or name != status_name(mine):
                ignored.append(f"ignored {name}: {why} (left in the remote)")
            continue
        if status is not None:
            found.append(status)
    return found, ignored


class _Ignored(Exception):
    """Why a laptop's file is not read (one line)."""


def _read(
    remote: Remote,
    name: str,
    team: str,
    members: Mapping[str, str],
    keys: Mapping[str, set[str]],
) -> LaptopStatus | None:
    """The status in file ``name``; None for another team's file; :class:`_Ignored` else."""
    matched = _NAME.fullmatch(name)
    if matched is None:
        raise _Ignored("not a laptop's status file (an unknown name)")
    try:
        data = json.loads(remote.read(name))
    except OSError as error:
        raise _Ignored(f"cannot be read ({error.strerror or error})") from None
    except ValueError:
        raise _Ignored("not valid JSON (cut short, or not a status file)") from None
    try:
        if data["format"] != FORMAT or data["version"] != VERSION:
            raise _Ignored(f"not a {FORMAT} version {VERSION} file")
        if data["team"] != team:
            return None  # another team sharing the remote: theirs, not ours to judge
        status = LaptopStatus(
            laptop=data["laptop"],
            team=data["team"],
            role=data["role"],
            name=data["name"],
            synced_at=data["synced_at"],
            waiting=tuple(Waiting.from_json(item) for item in data["waiting"]),
        )
        key, signature = data["key"], data["signature"]
        texts = [status.laptop, status.role, status.name, status.synced_at]
        if not all(isinstance(t, str) for t in texts) or not isinstance(key, str | None):
            raise TypeError("a status file's laptop, role, name, time and key are text")
        when = dt.datetime.fromisoformat(status.synced_at)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise _Ignored("not the shape of a laptop's status file") from None
    if status.laptop != matched.group(1):
        raise _Ignored(f"it names another laptop ({status.laptop!r}) than its file name")
    if status.role not in members:
        raise _Ignored(f"role {status.role!r} is not in team {team!r}")
    if when.utcoffset() is None:
        raise _Ignored("its time of sync has no time zone")
    known = keys.get(status.role, set())
    signed = isinstance(key, str) and isinstance(signature, str)
    if (known and not signed) or (signed and known and key not in known):
        raise _Ignored(f"not signed by a key of {status.role} (forged?)")
    unsigned = {field: value for field, value in data.items() if field != "signature"}
    if signed and not ed25519_holds(str(key), str(signature), canonical_json(unsigned)):
        raise _Ignored("its signature does not hold (forged, or changed after it was signed)")
    return status
