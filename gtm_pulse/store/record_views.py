"""The store's side of the records ``sync`` merges (:mod:`gtm_pulse.store.record_payloads`): the
signing key a laptop writes them with, what it last agreed with the remote (its base), and the
merged commitments and metrics written in place of its own, in one transaction.

The base (one ``records-base`` document of the ``sync`` table per team) is each commitment's
status and each metric's definition and values as this laptop last saw them merged: what
differs from it locally was changed here (and is published), what differs from it in the
remote was changed elsewhere (and is taken). Losing it loses nothing: the records stay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb import Query

from gtm_pulse.core.models import Commitment, Metric, now, to_json
from gtm_pulse.store.format import COMMITMENTS, KEYS, METRICS, SYNC, read_database, team_of
from gtm_pulse.store.repository import _mine
from gtm_pulse.store.snapshot import SHAPE_ERRORS, bad_record
from gtm_pulse.store.transaction import Transactions

_BASE = "records-base"


@dataclass(frozen=True)
class Base:
    """What this laptop last agreed with the remote (empty before its first merge)."""

    status: dict[str, str | None] = field(default_factory=dict)
    """Commitment id -> when it was marked done (None: open)."""
    definitions: dict[str, list[str]] = field(default_factory=dict)
    """Metric id -> [name, unit, better]."""
    values: dict[str, dict[str, float]] = field(default_factory=dict)
    """Metric id -> period -> value."""
    clocks: dict[str, int] = field(default_factory=dict)
    """The highest clock merged for each thing (``status <id>``, ``metric <id> <period>``):
    a change made here after that merge is one more, so two laptops changing the same thing
    from the same merge tie (and the record hash decides), and a change made after seeing
    another's wins over it, whatever the laptops' clocks say."""

    seen: frozenset[str] = frozenset()
    """The records (by file name) this laptop accepted: each is the same bytes next time, so
    it need not be checked again."""

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "definitions": self.definitions,
            "values": self.values,
            "clocks": self.clocks,
            "seen": sorted(self.seen),
        }


class RecordViews(Transactions):
    """Read and write what ``sync`` merges: see the module."""

    def author_key(self, role: str, folder: Path) -> str:
        """The public key this laptop signs ``role``'s records with: the one it signs the
        role's responses with, made and registered on first use."""
        from gtm_pulse.store import signing

        with self._transaction() as (db, team):
            table = db.table(KEYS)
            query = (Query().team == team) & (Query().role == role)
            registered = [doc["public"] for doc in table.search(query)]
            public, new = signing.key_for(folder, registered, f"{team}.{role}")
            if new:
                table.insert(
                    {"team": team, "role": role, "public": public, "since": now().isoformat()}
                )
        return public

    def records_base(self) -> Base:
        """This laptop's :class:`Base` for the team."""
        tables = read_database(self.path)
        team = self._team_id(tables)
        for doc_id, doc in tables.get(SYNC, {}).items():
            if team_of(doc) != team or doc.get("kind") != _BASE:
                continue
            try:
                kept = doc["base"]
                return Base(
                    status={str(k): v for k, v in dict(kept["status"]).items()},
                    definitions={str(k): list(v) for k, v in dict(kept["definitions"]).items()},
                    values={str(k): dict(v) for k, v in dict(kept["values"]).items()},
                    clocks={str(k): int(v) for k, v in dict(kept["clocks"]).items()},
                    seen=frozenset(str(name) for name in kept["seen"]),
                )
            except SHAPE_ERRORS:  # a hand edit: one line, never a traceback
                raise bad_record("sync record", doc_id, self.path) from None
        return Base()

    def apply_records(
        self,
        seen: tuple[list[Commitment], dict[str, Metric]],
        commitments: list[Commitment],
        metrics: list[Metric],
        base: Base,
    ) -> bool:
        """Write the merged ``commitments`` and ``metrics`` in place of this team's, and the
        new ``base``, unless they changed since ``seen`` was read (an ``actions`` or
        ``metrics`` command meanwhile: the next sync publishes and merges it); whether it
        wrote."""
        with self._transaction() as (db, team):
            mine = _mine(team)
            held = db.table(COMMITMENTS)
            kept = sorted(
                (Commitment.from_json(doc) for doc in held.search(mine)), key=lambda c: c.number
            )
            measured = db.table(METRICS)
            known = {doc["id"]: Metric.from_json(doc) for doc in measured.search(mine)}
            if (kept, known) != (seen[0], seen[1]):
                return False
            held.remove(mine)
            held.insert_multiple({**to_json(c), "team": team} for c in commitments)
            measured.remove(mine)
            measured.insert_multiple({**to_json(m), "team": team} for m in metrics)
            table = db.table(SYNC)
            query = (Query().team == team) & (Query().kind == _BASE)
            doc = {"team": team, "kind": _BASE, "base": base.to_json()}
            if table.get(query) is None:
                table.insert(doc)
            else:
                table.update(doc, query)
        return True
