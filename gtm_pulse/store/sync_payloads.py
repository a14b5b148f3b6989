"""What ``sync`` puts in a remote's record files, and reads back: the published team and
sealed responses (:mod:`gtm_pulse.store.reveal`), one payload each.

The team record (kind ``team``) is what a VP's laptop joins from: the team (company, members,
id), the CEO's X25519 reveal key every VP wraps its keys to, and the public signing keys the
CEO's database knows per role. A response travels as the canonical JSON of the response as
stored (its seal and signature inside), sealed: the reader checks it like an imported bundle's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from gtm_pulse.core.models import Response, Team, to_json
from gtm_pulse.core.sealing import canonical_json
from gtm_pulse.errors import RevealError, SyncError
from gtm_pulse.store.record_payloads import is_key, key_entries
from gtm_pulse.store.reveal import Sealing, seal_response, signer

#: The version of the team payload; anything else is not one this version reads.
TEAM_VERSION = 1


@dataclass(frozen=True)
class PublishedTeam:
    """The team as a remote publishes it, with the CEO's reveal key and the known keys."""

    team: Team
    reveal_key: str
    keys: tuple[tuple[str, str, str], ...]
    """(role, public signing key, since) as the CEO's database registered them."""


def team_payload(
    team: Team, reveal_key: str, keys: dict[str, list[tuple[str, str]]]
) -> dict[str, Any]:
    """The payload of the team record the CEO's laptop publishes."""
    return {
        "version": TEAM_VERSION,
        "team": to_json(team),
        "roles": list(team.members),
        "reveal_key": reveal_key,
        "keys": [
            {"role": role, "public": public, "since": since}
            for role in sorted(keys)
            for public, since in keys[role]
        ],
    }


def read_team(payload: dict[str, Any], name: str, known: Team | None = None) -> PublishedTeam:
    """The team in a team record's ``payload``; :class:`SyncError` (one line, naming the file
    ``name``) when it is not one this version reads.

    A team equal to ``known`` (this database's own, validated when it was stored) is taken as
    it is: validating it again would import pydantic and build its schema, about 110 of the
    240 ms a sync with nothing new took (benchmarks item 6)."""
    if payload.get("version") != TEAM_VERSION or set(payload) - {"roles"} != {
        "version",
        "team",
        "reveal_key",
        "keys",
    }:
        raise SyncError(f"{name}: not a team record this version reads")
    team = known if known is not None and payload["team"] == to_json(known) else None
    team = in_order(team or _validated_team(payload["team"], name), payload.get("roles"), name)
    reveal_key = payload["reveal_key"]
    if not is_key(reveal_key):
        raise SyncError(f"{name}: the CEO's reveal key is not a 32-byte hex key")
    return PublishedTeam(team, reveal_key, key_entries(payload["keys"], name))


def in_order(team: Team, roles: object, name: str) -> Team:
    """``team`` with its members in the order ``roles`` lists them, as the CEO's laptop holds
    them (the record's canonical JSON sorts a team's members by role: without the list, a VP's
    laptop would list the CEO first). A record from before the list (``roles`` None) gets
    Sales, Marketing and the CEO first, then the others by role. :class:`SyncError` when
    ``roles`` is not that team's."""
    from gtm_pulse.core.roles import REQUIRED_ROLES

    if roles is None:
        first = [role for role in REQUIRED_ROLES if role in team.members]
        roles = first + sorted(set(team.members) - set(first))
    if not (isinstance(roles, list) and sorted(roles) == sorted(team.members)):
        raise SyncError(f"{name}: its roles are not the team's members")
    return replace(team, members={role: team.members[role] for role in roles})


def _validated_team(data: object, name: str) -> Team:
    """``data`` validated as a team, or :class:`SyncError` naming the file and the field."""
    from gtm_pulse.core import schema
    from gtm_pulse.core.pydantic_errors import first_error
    from gtm_pulse.core.schema import ValidationError

    try:
        return schema.validated(schema.Team, data)
    except ValidationError as error:
        where, message = first_error(error)
        raise SyncError(f"{name}: team.{where}: {message}") from None


def context_of(team_id: str, response: Response) -> dict[str, str | int]:
    """The context a sealed response binds: team, survey, period, role and revision."""
    return {
        "team": team_id,
        "survey": response.survey_id,
        "period": str(response.period),
        "role": response.role,
        "revision": response.revision,
    }


def plaintext(response: Response) -> bytes:
    """What is sealed: the response's canonical JSON as stored, without this database's own
    ``late_arrival`` mark (what it saw, not what the author said)."""
    return canonical_json(to_json(replace(response, late_arrival=False)))


def seal_own(response: Response, team_id: str, ceo_key: str, keys: Path) -> Sealing:
    """``response`` (signed on this laptop with a key held in ``keys``) sealed for the remote,
    signed with the same Ed25519 key, its K wrapped to ``ceo_key``."""
    signature = response.signature
    if signature is None:
        raise SyncError(f"response {' '.join(response.key)} is not signed: it cannot be sealed")
    return seal_response(
        plaintext(response),
        context=context_of(team_id, response),
        ceo_public=ceo_key,
        sign=signer(signature.key, keys),
        author=signature.key,
    )


def opened_response(data: bytes, context: dict[str, str | int], author: str) -> Response:
    """The response in an opened sealed record, checked as an imported bundle's response is
    read: its shape, a period not in the future, and that it is what its envelope says (the
    same context, signed with the key that signed the envelope). :class:`RevealError` else."""
    from gtm_pulse.core import schema
    from gtm_pulse.core.periods import current_if_future
    from gtm_pulse.core.pydantic_errors import first_error
    from gtm_pulse.core.schema import ValidationError

    where = f"the sealed {context['role']} response to {context['survey']} {context['period']}"
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        raise RevealError(f"{where} does not hold JSON once opened") from None
    try:
        response = schema.validated(schema.Response, document)
    except ValidationError as error:
        field, message = first_error(error)
        raise RevealError(f"{where}: {field}: {message}") from None
    if context_of(str(context["team"]), response) != dict(context):
        raise RevealError(f"{where} holds another response than its envelope says")
    if response.signature is None or response.signature.key != author:
        raise RevealError(f"{where} is not signed with the key that sealed it")
    if current_if_future(response.period) is not None:
        raise RevealError(f"{where}: its period is in the future")
    return response
