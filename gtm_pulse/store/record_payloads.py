"""What ``sync`` publishes besides the team and the sealed responses: commitments, their status
changes (kind ``follow-up``), metric definitions and values (kind ``metric``) and the team as
the CEO changes it (kind ``team-change``), one signed payload each.

Every payload names its author (role and public Ed25519 signing key, the one the author's
responses are signed with) and carries the author's signature over the record's kind and the
rest of the payload, so a record cannot be edited, nor moved to another kind, without showing.
Who may write what is the reader's rule (:mod:`gtm_pulse.services.sync_records`).

A commitment's stable id is the hash of its content, its author laptop's id and when it was
made; its number is only claimed (see :func:`gtm_pulse.core.merging.number_commitments`). A
change (a status, a metric's definition or value, the team) carries a logical clock: one more
than the highest clock its author's laptop had seen for the same thing.

The follow-up *answers* (did commitment #3 happen?) are part of the responses and travel sealed
with them; a ``follow-up`` record is the commitment marked done, or open again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gtm_pulse.core.models import Commitment, Metric, Team, to_json
from gtm_pulse.core.sealing import canonical_json
from gtm_pulse.errors import SyncError

#: The version of these payloads; anything else is not one this version reads.
RECORD_VERSION = 1

_AUTHORED = {"version", "team", "author", "signature"}


@dataclass(frozen=True)
class Author:
    """Who wrote a record: a role of the team and the public key that signed it."""

    role: str
    key: str


@dataclass(frozen=True)
class CommitmentRecord:
    """A published commitment: its stable id and the number it claims (in ``commitment``)."""

    name: str
    author: Author
    ident: str
    commitment: Commitment


@dataclass(frozen=True)
class StatusRecord:
    """A commitment marked done (``done_at``) or open again (None)."""

    name: str
    author: Author
    ident: str
    done_at: str | None
    clock: int


@dataclass(frozen=True)
class MetricRecord:
    """A metric's definition (``period`` None: name, unit, direction) or one period's value."""

    name: str
    author: Author
    metric: Metric
    period: str | None
    value: float | None
    clock: int

    @property
    def thing(self) -> tuple[str, str | None]:
        """What this record sets: (metric id, None) for the definition, else (id, period)."""
        return (self.metric.id, self.period)


@dataclass(frozen=True)
class TeamChange:
    """The team as the CEO's laptop re-published it, with the signing keys it vouches for."""

    name: str
    author: Author
    team: Team
    keys: tuple[tuple[str, str, str], ...]
    clock: int


Record = CommitmentRecord | StatusRecord | MetricRecord | TeamChange


def signed_bytes(kind: str, payload: dict[str, Any]) -> bytes:
    """What a record's signature covers: its kind and its payload but the signature."""
    rest = {key: value for key, value in payload.items() if key != "signature"}
    return canonical_json({"kind": kind, "payload": rest})


def signed(
    kind: str, payload: dict[str, Any], author: Author, sign: Callable[[bytes], str]
) -> dict[str, Any]:
    """``payload`` with its author, signed by ``sign`` (the author's private key, as
    :func:`gtm_pulse.store.reveal.signer` makes it: the signature in hex)."""
    whole = {
        **payload,
        "version": RECORD_VERSION,
        "author": {"role": author.role, "key": author.key},
    }
    return {**whole, "signature": sign(signed_bytes(kind, whole))}


def signature_holds(kind: str, payload: dict[str, Any], author: Author) -> bool:
    """Whether ``payload``'s signature verifies under its author's key."""
    from gtm_pulse.store.signing import ed25519_holds

    signature = payload.get("signature")
    return isinstance(signature, str) and ed25519_holds(
        author.key, signature, signed_bytes(kind, payload)
    )


def commitment_id(team: str, laptop: str, commitment: Commitment) -> str:
    """The stable id of ``commitment``: its content, its laptop and when it was made."""
    return hashlib.sha256(canonical_json(_identity(team, laptop, commitment))).hexdigest()


def _identity(team: str, laptop: str, commitment: Commitment) -> dict[str, Any]:
    data = to_json(commitment)
    return {
        "team": team,
        "laptop": laptop,
        **{key: data[key] for key in ("text", "owner", "due", "agreed_in", "created_at")},
    }


def same_commitment(a: Commitment, b: Commitment) -> bool:
    """Whether two commitments are one (the same content, made at the same moment)."""
    keys = ("text", "owner", "due", "agreed_in", "created_at")
    first, second = to_json(a), to_json(b)
    return all(first[key] == second[key] for key in keys)


def commitment_payload(team: str, laptop: str, commitment: Commitment) -> dict[str, Any]:
    """The payload (unsigned) of ``commitment``, claiming its number."""
    return {**_identity(team, laptop, commitment), "number": commitment.number}


def status_payload(team: str, ident: str, done_at: str | None, clock: int) -> dict[str, Any]:
    """The payload (unsigned) of commitment ``ident`` marked done at ``done_at`` (None: open)."""
    return {"team": team, "commitment": ident, "done_at": done_at, "clock": clock}


def metric_payload(
    team: str, metric: Metric, period: str | None, value: float | None, clock: int
) -> dict[str, Any]:
    """The payload (unsigned) of ``metric``'s definition, or of its ``value`` for ``period``."""
    if period is None:
        data = to_json(metric)
        described = {key: data[key] for key in ("name", "unit", "better")}
        return {"team": team, "metric": metric.id, **described, "clock": clock}
    return {"team": team, "metric": metric.id, "period": period, "value": value, "clock": clock}


def team_change_payload(
    team: Team, keys: dict[str, list[tuple[str, str]]], clock: int
) -> dict[str, Any]:
    """The payload (unsigned) of the team as the CEO's laptop holds it, with its keys."""
    return {
        "team": team.id,
        "members": to_json(team),
        "roles": list(team.members),
        "keys": sorted(
            (
                {"role": role, "public": public, "since": since}
                for role in keys
                for public, since in keys[role]
            ),
            key=lambda k: (k["role"], k["public"]),
        ),
        "clock": clock,
    }


def read(kind: str, payload: dict[str, Any], name: str, *, validate: bool = True) -> Record:
    """The record in ``payload`` of ``kind``; :class:`SyncError` (one line naming ``name``)
    when it is not one this version reads. The signature is checked by the caller.

    ``validate=False`` for a record this laptop accepted before (its name is the hash of its
    bytes, so it is the same): read as stored, without pydantic (~110 ms a sync from cron
    would pay for nothing)."""
    if "signature" not in payload:
        raise SyncError(f"{name}: an unsigned {kind} record")
    if payload.get("version") != RECORD_VERSION or not set(payload) >= _AUTHORED:
        raise SyncError(f"{name}: not a {kind} record this version reads")
    author = payload["author"]
    if not (
        isinstance(author, dict)
        and set(author) == {"role", "key"}
        and all(isinstance(v, str) for v in author.values())
        and is_key(author["key"])
    ):
        raise SyncError(f"{name}: its author is not a role and a signing key")
    by = Author(author["role"], author["key"])
    try:
        if kind == "commitment":
            return _commitment(payload, name, by, validate)
        if kind == "follow-up":
            return _status(payload, name, by)
        if kind == "metric":
            return _metric(payload, name, by, validate)
        if kind == "team-change":
            return _team_change(payload, name, by, validate)
    except (KeyError, TypeError, ValueError):
        raise SyncError(f"{name}: not a {kind} record this version reads") from None
    raise SyncError(f"{name}: {kind} is not a kind of record these payloads hold")


def _fields(payload: dict[str, Any], name: str, kind: str, keys: set[str]) -> None:
    if set(payload) != _AUTHORED | keys:
        raise SyncError(f"{name}: not a {kind} record this version reads")


def _clock(payload: dict[str, Any], name: str) -> int:
    clock = payload["clock"]
    if type(clock) is not int or clock < 1:
        raise SyncError(f"{name}: its clock is not a whole number from 1")
    return clock


def _checked(model: Any, data: dict[str, Any], name: str, validate: bool) -> Any:
    """``data`` as a ``model``: validated (one line naming ``name`` if not), or as stored."""
    if not validate:
        return model.from_json(data)
    from gtm_pulse.core import schema
    from gtm_pulse.core.pydantic_errors import first_error
    from gtm_pulse.core.schema import ValidationError

    try:
        return schema.validated(model, data)
    except ValidationError as error:
        where, message = first_error(error)
        raise SyncError(f"{name}: {where or 'record'}: {message}") from None


def _commitment(payload: dict[str, Any], name: str, by: Author, validate: bool) -> CommitmentRecord:
    keys = {"laptop", "text", "owner", "due", "agreed_in", "created_at", "number"}
    _fields(payload, name, "commitment", keys)
    if not isinstance(payload["laptop"], str):
        raise SyncError(f"{name}: its laptop is not an id")
    data = {key: payload[key] for key in keys - {"laptop"}}
    commitment: Commitment = _checked(Commitment, data, name, validate)
    ident = commitment_id(str(payload["team"]), payload["laptop"], commitment)
    return CommitmentRecord(name, by, ident, commitment)


def _status(payload: dict[str, Any], name: str, by: Author) -> StatusRecord:
    import datetime as dt

    _fields(payload, name, "follow-up", {"commitment", "done_at", "clock"})
    ident, done_at = payload["commitment"], payload["done_at"]
    if not (isinstance(ident, str) and is_key(ident)):
        raise SyncError(f"{name}: it names no commitment id")
    if done_at is not None:
        dt.datetime.fromisoformat(str(done_at))  # ValueError: not a moment
    return StatusRecord(name, by, ident, done_at, _clock(payload, name))


def _metric(payload: dict[str, Any], name: str, by: Author, validate: bool) -> MetricRecord:
    clock = _clock(payload, name)
    if "period" in payload:
        _fields(payload, name, "metric", {"metric", "period", "value", "clock"})
        value = payload["value"]
        if type(value) not in (int, float) or value != value or abs(value) == float("inf"):
            raise SyncError(f"{name}: its value is not a number")
        data = {"id": payload["metric"], "name": "?", "values": {payload["period"]: value}}
        metric: Metric = _checked(Metric, data, name, validate)
        (period,) = (str(p) for p in metric.values)
        return MetricRecord(name, by, metric, period, float(value), clock)
    _fields(payload, name, "metric", {"metric", "name", "unit", "better", "clock"})
    data = {key: payload[key] for key in ("name", "unit", "better")}
    metric = _checked(Metric, {"id": payload["metric"], **data}, name, validate)
    return MetricRecord(name, by, metric, None, None, clock)


def _team_change(payload: dict[str, Any], name: str, by: Author, validate: bool) -> TeamChange:
    from gtm_pulse.store.sync_payloads import in_order

    _fields(payload, name, "team-change", {"members", "roles", "keys", "clock"})
    checked: Team = _checked(Team, payload["members"], name, validate)
    team = in_order(checked, payload["roles"], name)
    if team.id != payload["team"]:
        raise SyncError(f"{name}: it changes team {team.id!r}, not {payload['team']!r}")
    keys = key_entries(payload["keys"], name)
    return TeamChange(name, by, team, keys, _clock(payload, name))


def key_entries(entries: object, name: str) -> tuple[tuple[str, str, str], ...]:
    """The (role, public key, since) signing keys a team record (``name``) lists;
    :class:`SyncError` when they are not such entries."""
    keys = []
    for entry in entries if isinstance(entries, list) else [None]:
        if not (
            isinstance(entry, dict)
            and set(entry) == {"role", "public", "since"}
            and all(isinstance(value, str) for value in entry.values())
            and is_key(entry["public"])
        ):
            raise SyncError(f"{name}: its keys are not (role, public, since) entries")
        keys.append((entry["role"], entry["public"], entry["since"]))
    return tuple(keys)


def is_key(text: object) -> bool:
    """Whether ``text`` is 32 bytes in lowercase hex (a public key, a sha256)."""
    return isinstance(text, str) and len(text) == 64 and all(c in "0123456789abcdef" for c in text)
