"""What this laptop's last sync saw, remembered so ``status``, ``compare`` and ``dashboard`` can
say how fresh their data is without touching the network.

One ``seen`` record per team in the database's ``sync`` table (beside
:mod:`gtm_pulse.store.sync_state`'s ``state``), replaced at every sync that writes (never on a
dry run): when each laptop of the team last synced, as its status file in the remote says
(:mod:`gtm_pulse.store.exchange.laptops`) and as this laptop knows of itself, and which sealed
responses wait to be revealed, and why. Like the rest of the ``sync`` table it is this laptop's
memory, not a record of the team's: ``db check`` does not read it, and losing it loses nothing
the next sync does not see again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tinydb import Query

from gtm_pulse.store.format import SYNC, team_of
from gtm_pulse.store.snapshot import SHAPE_ERRORS, Snapshot, bad_record
from gtm_pulse.store.transaction import Transactions

_SEEN = "seen"
_STATE = "state"


@dataclass(frozen=True)
class Waiting:
    """One sealed response a sync saw waiting to be revealed, and why."""

    role: str
    survey: str
    period: str
    revision: int
    missing: tuple[str, ...]
    """The VPs whose sealed response for the same period is not in the remote yet; empty when
    both are there and only the key is missing (the author's laptop or the CEO's releases it
    at its next sync)."""
    mine: bool = False
    """Whether this laptop wrote it (its key is here, released once the rule allows)."""

    def to_json(self) -> dict[str, Any]:
        """As the database and a laptop's status file hold it."""
        return {
            "role": self.role,
            "survey": self.survey,
            "period": self.period,
            "revision": self.revision,
            "missing": list(self.missing),
            "mine": self.mine,
        }

    @classmethod
    def from_json(cls, data: Any) -> Waiting:
        """The inverse of :meth:`to_json`; TypeError/KeyError/ValueError for another shape."""
        texts = [data["role"], data["survey"], data["period"], *data["missing"]]
        if not all(isinstance(text, str) for text in texts):
            raise TypeError("a waiting response's role, survey, period and missing are text")
        if type(data["revision"]) is not int or type(data["mine"]) is not bool:
            raise TypeError("a waiting response's revision is an integer, mine a boolean")
        return cls(
            role=data["role"],
            survey=data["survey"],
            period=data["period"],
            revision=data["revision"],
            missing=tuple(data["missing"]),
            mine=data["mine"],
        )


@dataclass(frozen=True)
class LaptopSeen:
    """One laptop of the team and when it last synced (UTC ISO 8601, its own clock)."""

    laptop: str
    role: str
    synced_at: str

    def to_json(self) -> dict[str, Any]:
        return {"laptop": self.laptop, "role": self.role, "synced_at": self.synced_at}

    @classmethod
    def from_json(cls, data: Any) -> LaptopSeen:
        texts = [data["laptop"], data["role"], data["synced_at"]]
        if not all(isinstance(text, str) for text in texts):
            raise TypeError("a laptop's id, role and last sync are text")
        return cls(laptop=data["laptop"], role=data["role"], synced_at=data["synced_at"])


@dataclass(frozen=True)
class Seen:
    """What this laptop's last sync saw; all empty before its first."""

    remote: str | None = None
    """The remote this laptop syncs with (None: it never synced)."""
    synced_at: str | None = None
    """When this laptop last synced (UTC ISO 8601), None before its first sync."""
    laptops: tuple[LaptopSeen, ...] = ()
    waiting: tuple[Waiting, ...] = ()

    def last_sync(self, role: str) -> str | None:
        """When a laptop of ``role`` last synced, as last seen; None when none was seen."""
        found = [seen.synced_at for seen in self.laptops if seen.role == role]
        return max(found) if found else None


def seen_in(snapshot: Snapshot) -> Seen:
    """What the last sync saw, from the snapshot already read (no second read of the file,
    no network): :class:`Seen` with ``remote`` None when this laptop never synced."""
    remote = synced_at = None
    laptops: tuple[LaptopSeen, ...] = ()
    waiting: tuple[Waiting, ...] = ()
    for doc_id, doc in snapshot.tables.get(SYNC, {}).items():
        if team_of(doc) != snapshot.team_id:
            continue
        try:
            if doc.get("kind") == _STATE:
                remote, synced_at = doc.get("remote"), doc.get("last_sync")
                if not all(isinstance(v, str | None) for v in (remote, synced_at)):
                    raise TypeError("a sync state's remote and last sync are text")
            elif doc.get("kind") == _SEEN:
                laptops = tuple(LaptopSeen.from_json(d) for d in doc["laptops"])
                waiting = tuple(Waiting.from_json(d) for d in doc["waiting"])
        except SHAPE_ERRORS:  # a hand edit: one line, never a traceback
            raise bad_record("sync record", doc_id, snapshot.path) from None
    return Seen(remote, synced_at, laptops, waiting)


class SeenRecords(Transactions):
    """The store's side of :class:`Seen`: replace it at the end of a sync."""

    def remember_seen(self, laptops: list[LaptopSeen], waiting: list[Waiting]) -> None:
        """Replace what the last sync saw (one record per team, in the ``sync`` table)."""
        with self._transaction() as (db, team):
            table = db.table(SYNC)
            doc = {
                "team": team,
                "kind": _SEEN,
                "laptops": [seen.to_json() for seen in laptops],
                "waiting": [item.to_json() for item in waiting],
            }
            found = table.get((Query().team == team) & (Query().kind == _SEEN))
            if found is None:
                table.insert(doc)
            else:
                table.update(doc, doc_ids=[found.doc_id])
