"""What this laptop remembers between syncs (``gtm-pulse sync``), in the database's ``sync`` table.

One ``state`` record per team: the remote last synced with (so ``gtm-pulse sync`` alone reuses
it), this laptop's random id, the role it joined as, the CEO's reveal key it seals to (taken
from the published team once, then kept: a team record published later by someone else cannot
redirect the wraps), and when it last synced. And one ``sealing`` record per response revision
this laptop sealed: the sealed record as published (so publishing it again writes the same
bytes) and its key K, which stays here until the other VP's sealed response is present and K
is released (:mod:`gtm_pulse.store.reveal`).

The table is team-scoped like the others; ``db check`` does not read it (nothing in it is a
record of the team's: losing it loses only keys not yet released, which the CEO's laptop can
release in their place).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tinydb import Query

from gtm_pulse.core.models import now
from gtm_pulse.store.format import KEYS, SYNC, read_database, team_of
from gtm_pulse.store.snapshot import SHAPE_ERRORS, bad_record
from gtm_pulse.store.transaction import Transactions

_STATE = "state"
_SEALING = "sealing"


@dataclass(frozen=True)
class Sealed:
    """One response revision this laptop sealed: the published record and its key K (hex)."""

    survey: str
    period: str
    role: str
    revision: int
    record: dict[str, Any] = field(repr=False)
    """The sealed response as published (``reveal.Sealed.to_json()``)."""
    key: str = field(repr=False)

    @property
    def ident(self) -> tuple[str, str, str, int]:
        """(survey, period, role, revision): one sealing per response revision."""
        return (self.survey, self.period, self.role, self.revision)


@dataclass(frozen=True)
class SyncState:
    """What this laptop remembers of its syncs for one team (all None before the first)."""

    remote: str | None = None
    laptop: str | None = None
    role: str | None = None
    ceo_key: str | None = None
    last_sync: str | None = None
    sealed: tuple[Sealed, ...] = ()


class SyncRecords(Transactions):
    """The store's side of ``sync``: read and change this laptop's :class:`SyncState`."""

    def sync_state(self) -> SyncState:
        """This laptop's sync state for the team (empty when it never synced)."""
        tables = read_database(self.path)
        team = self._team_id(tables)
        records = tables.get(SYNC, {})
        docs = [d for d in records.values() if team_of(d) == team]
        state: dict[str, Any] = next((d for d in docs if d.get("kind") == _STATE), {})
        sealed = []
        for doc_id, d in records.items():
            if team_of(d) != team or d.get("kind") != _SEALING:
                continue
            try:
                texts = [d["survey"], d["period"], d["role"]]
                if not all(isinstance(t, str) for t in texts) or type(d["revision"]) is not int:
                    raise TypeError("a sealing's survey, period, role and revision")
                sealed.append(
                    Sealed(
                        survey=d["survey"],
                        period=d["period"],
                        role=d["role"],
                        revision=d["revision"],
                        record=dict(d["record"]),
                        key=bytes.fromhex(d["key"]).hex(),
                    )
                )
            except SHAPE_ERRORS:  # a hand edit: one line, never a traceback
                raise bad_record("sync record", doc_id, self.path) from None
        return SyncState(
            remote=state.get("remote"),
            laptop=state.get("laptop"),
            role=state.get("role"),
            ceo_key=state.get("ceo_key"),
            last_sync=state.get("last_sync"),
            sealed=tuple(sealed),
        )

    def remember_sync(
        self,
        *,
        remote: str | None = None,
        role: str | None = None,
        ceo_key: str | None = None,
        synced: bool = False,
    ) -> SyncState:
        """Remember what is given (None: keep what is remembered), make this laptop's id on
        first use, and with ``synced`` set the last sync to now; returns the new state."""
        with self._transaction() as (db, team):
            table = db.table(SYNC)
            query = (Query().team == team) & (Query().kind == _STATE)
            found = table.get(query)
            doc: dict[str, Any] = dict(found) if found is not None else {}
            doc.update({"team": team, "kind": _STATE})
            if "laptop" not in doc:
                import secrets  # with hashlib, ~5 ms that reading commands never need

                doc["laptop"] = secrets.token_hex(8)
            given = {"remote": remote, "role": role, "ceo_key": ceo_key}
            doc.update({name: value for name, value in given.items() if value is not None})
            if synced:
                doc["last_sync"] = now().isoformat()
            if found is None:
                table.insert(doc)
            else:
                table.update(doc, doc_ids=[found.doc_id])
        return self.sync_state()

    def keep_sealing(self, sealed: Sealed) -> bool:
        """Keep a sealing made for the remote, unless one for the same revision is kept
        already (then that one stands: its record may be published); whether it was kept."""
        with self._transaction() as (db, team):
            table = db.table(SYNC)
            doc = Query()
            same = (
                (doc.team == team)
                & (doc.kind == _SEALING)
                & (doc.survey == sealed.survey)
                & (doc.period == sealed.period)
                & (doc.role == sealed.role)
                & (doc.revision == sealed.revision)
            )
            if table.get(same) is not None:
                return False
            table.insert(
                {
                    "team": team,
                    "kind": _SEALING,
                    "survey": sealed.survey,
                    "period": sealed.period,
                    "role": sealed.role,
                    "revision": sealed.revision,
                    "record": sealed.record,
                    "key": sealed.key,
                }
            )
        return True

    def register_keys(self, keys: list[tuple[str, str, str]]) -> None:
        """Register (role, public key, since) signing keys the team published, unless known."""
        with self._transaction() as (db, team):
            table = db.table(KEYS)
            for role, public, since in keys:
                known = (Query().team == team) & (Query().role == role)
                if table.get(known & (Query().public == public)) is None:
                    table.insert({"team": team, "role": role, "public": public, "since": since})
