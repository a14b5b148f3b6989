"""What ``sync`` carries besides the sealed responses: commitments and their status (done, open
again), metric definitions and values, and the team as the CEO changes it, each a signed record
(:mod:`gtm_pulse.store.record_payloads`), merged so that every laptop ends with the same data.

Around the response steps of :func:`gtm_pulse.services.syncing.sync`:

* :meth:`RecordSync.before` settles who this laptop writes as (the role it joined as; else the
  CEO, unless the only signing key it holds is a VP's: then, with no team published, it
  refuses, since only the CEO's laptop publishes the team), takes the newest team record the
  CEO signed (the team as changed, and the signing keys it vouches for; a key other than the one
  a role already has only with ``--trust-new-keys``), and on the CEO's laptop with
  ``--trust-new-keys`` accepts a role's new key seen on a record that holds under it;
* :meth:`RecordSync.after` publishes what changed here since the last merge, then writes the
  merge of every record (:mod:`gtm_pulse.services.sync_merge`) in place of this laptop's
  commitments and metrics.

Who may write what: any member of the team a commitment, a status or a metric; only the CEO a
team change. A record must be signed by a key its author's role has here (the first key seen for
a role is trusted, as for responses). A record that fails is refused with one line and left in
the remote. Numbers and winners are functions of the records (:mod:`gtm_pulse.core.merging`),
never of a clock or of the order records arrive in.

Known limits: the store keeps one value per metric and month, so a value that lost stays only
in the remote (as every record does); and follow-up answers name a commitment by its number, so
a commitment renumbered after a pulse answered about it (two laptops added one at once, and one
of them stayed away past its due period) keeps the answers given to the number it had.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gtm_pulse.errors import RevealError, SyncError
from gtm_pulse.services.sync_merge import Read, members_of, said

if TYPE_CHECKING:
    from gtm_pulse.core.models import Team
    from gtm_pulse.services.syncing import SyncReport
    from gtm_pulse.store.database import Store
    from gtm_pulse.store.exchange import Collected, Found, Remote
    from gtm_pulse.store.record_payloads import Author, Record
    from gtm_pulse.store.record_views import Base
    from gtm_pulse.store.snapshot import Snapshot

#: The kinds of record this module publishes and reads.
KINDS = ("commitment", "follow-up", "metric", "team-change")


def local_role(state_role: str | None, keys: dict[str, list[tuple[str, str]]], folder: Path) -> str:
    """The role this laptop writes as: the one it joined as; else ``ceo`` (the laptop that ran
    ``init``), unless the signing keys it holds are one VP's only (a VP who ran ``init``)."""
    if state_role is not None:
        return state_role
    held = {
        role
        for role, found in keys.items()
        for public, _ in found
        if (folder / f"{public}.key").is_file()
    }
    return next(iter(held)) if len(held) == 1 and "ceo" not in held else "ceo"


class RecordSync:
    """One sync's work on the records of this module (see the module)."""

    def __init__(
        self,
        store: Store,
        remote: Remote,
        collected: Collected,
        report: SyncReport,
        *,
        trust_new_keys: bool = False,
    ) -> None:
        from gtm_pulse.store.signing import keys_dir

        self.store, self.remote, self.collected, self.report = store, remote, collected, report
        self.dry_run = report.dry_run
        self.trust = trust_new_keys
        self.folder = store.keys or keys_dir()
        self.names = {found.name for found in collected.records}
        self.role = "ceo"
        self.laptop = "this-laptop"
        self.trusted: dict[str, set[str]] = {}
        self.read = Read()
        self.seen: frozenset[str] = frozenset()
        self._author: Author | None = None

    # --- before the responses ------------------------------------------------------------

    def before(self) -> None:
        """Settle this laptop's role (refusing a VP's laptop that would publish the team),
        take the CEO's newest team record and the keys it vouches for."""
        from gtm_pulse.store.signing import held_key

        snapshot = self.store.load()
        team = snapshot.require_team()
        state = self.store.sync_state()
        self.seen = self.store.records_base().seen
        self.role = local_role(state.role, snapshot.keys, self.folder)
        if self.role != "ceo" and not self._team_published(team.id):
            raise SyncError(
                f"{self.report.remote} holds no team {team.id!r} and this is the {self.role} "
                "VP's laptop: only the CEO's laptop publishes the team; once it has, a VP's "
                f"laptop runs 'gtm-pulse join REMOTE --role {self.role}' (with a new --db)"
            )
        if not self.dry_run:
            if state.laptop is None:
                state = self.store.remember_sync()
            held = [public for public, _ in snapshot.keys.get("ceo", [])]
            if self.role == "ceo" and held_key(self.folder, held) is None:
                # so the team record the CEO publishes names the CEO's key
                self.store.author_key("ceo", self.folder)
                snapshot = self.store.load()
        self.laptop = state.laptop or self.laptop
        self.trusted = {role: {p for p, _ in found} for role, found in snapshot.keys.items()}
        if self.role == "ceo" and self.trust:
            self._vouch_for_new_keys(team)
        self._read_all(team, ("team-change",))
        self._take_team_change(team)  # first: the keys it vouches for sign the others
        self._read_all(team, ("commitment", "follow-up", "metric"))

    def _team_published(self, team_id: str) -> bool:
        """Whether a team record of ``team_id`` is in the remote (the response steps read it,
        and refuse one that does not hold)."""
        return any(_team_of(found.payload) == team_id for found in self._team_records())

    def _team_records(self) -> list[Found]:
        return [found for found in self.collected.records if found.kind == "team"]

    def _read_all(self, team: Team, kinds: tuple[str, ...]) -> None:
        """Read, check and sort this team's records; a refused one is a line."""
        from gtm_pulse.store.record_payloads import CommitmentRecord, read, signature_holds

        for found in self.collected.records:
            if found.kind not in kinds or found.payload.get("team") != team.id:
                continue
            if found.name in self.seen:  # accepted before: the same bytes, checked then
                self._sort(read(found.kind, found.payload, found.name, validate=False))
                continue
            try:
                record = read(found.kind, found.payload, found.name)
            except SyncError as error:
                self._refuse(str(error))
                continue
            author = record.author
            if not signature_holds(found.kind, found.payload, author):
                self._refuse(
                    f"{found.name}: its signature does not hold under its author's key "
                    "(changed after it was signed, or not signed by its author)"
                )
                continue
            allowed = ("ceo",) if found.kind == "team-change" else tuple(team.members)
            if author.role not in allowed:
                self._refuse(f"{found.name}: {author.role} may not write a {found.kind} record")
                continue
            if isinstance(record, CommitmentRecord) and record.commitment.owner not in team.members:
                owner = record.commitment.owner
                self._refuse(f"{found.name}: its owner {owner!r} is not a role of this team")
                continue
            if self._key_holds(author, found.name):
                self._sort(record)

    def _sort(self, record: Record) -> None:
        """Keep ``record`` with the others of its kind."""
        from gtm_pulse.store.record_payloads import (
            CommitmentRecord,
            MetricRecord,
            StatusRecord,
            TeamChange,
        )

        if isinstance(record, CommitmentRecord):
            self.read.commitments.append(record)
        elif isinstance(record, StatusRecord):
            self.read.statuses.append(record)
        elif isinstance(record, MetricRecord):
            self.read.metrics.append(record)
        elif isinstance(record, TeamChange):
            self.read.changes.append(record)

    def _key_holds(self, author: Author, name: str) -> bool:
        """Whether ``author``'s key is one its role has here; the first key seen for a role
        with none is trusted (and registered). A refusal is a line."""
        known = self.trusted.setdefault(author.role, set())
        if author.key in known:
            return True
        if not known:
            self._register(author.role, author.key)
            return True
        self._refuse(
            f"{name}: signed by a key {author.role} does not have here (a new laptop? the "
            "CEO's 'gtm-pulse sync --trust-new-keys' vouches for it)"
        )
        return False

    def _register(self, role: str, public: str, since: str | None = None) -> None:
        from gtm_pulse.core.models import now

        self.trusted.setdefault(role, set()).add(public)
        if not self.dry_run:
            self.store.register_keys([(role, public, since or now().isoformat())])

    def _refuse(self, why: str) -> None:
        self.report.skipped.append(f"refused {why} (left in the remote)")

    def _take_team_change(self, team: Team) -> None:
        """Take the newest team record the CEO signed: the team, and the keys it vouches for."""
        from gtm_pulse.core.merging import latest

        won = latest([(c.clock, c.name, c) for c in self.read.changes])
        if won is None:
            return
        change = won[0]
        if change.team != team and self.role != "ceo":
            if not self.dry_run:
                self.store.init(change.team, replace=True)
            verb = "would take" if self.dry_run else "took"
            self.report.imported.append(
                f"{verb} the team as the CEO changed it ({members_of(change.team)})"
            )
        for role, public, since in change.keys:
            known = self.trusted.setdefault(role, set())
            if public in known:
                continue
            if known and not self.trust:
                self._refuse(
                    f"{change.name}: the CEO vouches for a new signing key of {role} "
                    f"({public[:12]}), which has another here; 'gtm-pulse sync "
                    "--trust-new-keys' accepts it"
                )
                continue
            if known:
                self.report.imported.append(
                    f"accepted a new signing key of {role} ({public[:12]}) the CEO vouches for"
                )
            self._register(role, public, since)

    def _vouch_for_new_keys(self, team: Team) -> None:
        """On the CEO's laptop with ``--trust-new-keys``: accept a role's new key seen on a
        sealed response or a record that holds under it (the team change then publishes it)."""
        from gtm_pulse.store.record_payloads import read, signature_holds
        from gtm_pulse.store.reveal import Sealed, verify

        seen: list[tuple[str, str, str]] = []
        for found in self.collected.records:
            if found.kind == "response":
                try:
                    sealed = Sealed.from_json(found.payload)
                except RevealError:
                    continue
                author = sealed.author.hex()
                if sealed.context["team"] == team.id and verify(sealed, author):
                    seen.append((str(sealed.context["role"]), author, found.name))
            elif found.kind in KINDS and found.payload.get("team") == team.id:
                try:
                    by = read(found.kind, found.payload, found.name).author
                except SyncError:
                    continue
                if by.role in team.members and signature_holds(found.kind, found.payload, by):
                    seen.append((by.role, by.key, found.name))
        for role, public, name in seen:
            known = self.trusted.get(role, set())
            if role != "ceo" and known and public not in known:  # the CEO's own: never by a record
                self.report.imported.append(
                    f"accepted a new signing key of {role} ({public[:12]}), seen on {name}"
                )
                self._register(role, public)

    # --- after the responses -------------------------------------------------------------

    def after(self) -> None:
        """Publish what changed here since the last merge, then merge every record into this
        laptop's commitments and metrics."""
        from gtm_pulse.services.sync_merge import base_of, merged_commitments, merged_metrics

        snapshot = self.store.load()
        team = snapshot.require_team()
        base = self.store.records_base()
        self._own_commitments(snapshot, team, base)
        self._own_metrics(snapshot, team, base)
        if self.role == "ceo":
            self._own_team(snapshot, team)
        commitments, lines = merged_commitments(self.read, snapshot.commitments)
        metrics, more = merged_metrics(self.read, snapshot.metrics)
        verb = "would import" if self.dry_run else "imported"
        for line in [*lines, *more]:  # a renumbering is a note: no record arrived with it
            found = self.report.imported if "{imported}" in line else self.report.notes
            found.append(line.replace("{imported}", verb))
        if self.dry_run:
            return
        merged_base = base_of(commitments, metrics, self.read)
        if (
            commitments == snapshot.commitments
            and list(metrics) == list(snapshot.metrics.values())
            and merged_base == base
        ):
            return
        seen = (snapshot.commitments, snapshot.metrics)
        if not self.store.apply_records(seen, commitments, metrics, merged_base):
            self.report.waiting.append(
                "commitments or metrics changed on this laptop during the sync: "
                "they are merged at the next sync"
            )

    def _own_commitments(self, snapshot: Snapshot, team: Team, base: Base) -> None:
        """Publish each commitment made here, and each status changed here."""
        from gtm_pulse.core.commitments import describe
        from gtm_pulse.core.merging import latest
        from gtm_pulse.core.models import to_json
        from gtm_pulse.store.record_payloads import (
            CommitmentRecord,
            StatusRecord,
            commitment_id,
            commitment_payload,
            same_commitment,
            status_payload,
        )

        for commitment in snapshot.commitments:
            match = next(
                (r for r in self.read.commitments if same_commitment(r.commitment, commitment)),
                None,
            )
            if match is None:
                payload = commitment_payload(team.id, self.laptop, commitment)
                name, author = self._publish(
                    "commitment", payload, f"commitment {describe(commitment)}"
                )
                plain = replace(commitment, done_at=None)
                ident = commitment_id(team.id, self.laptop, commitment)
                match = CommitmentRecord(name, author, ident, plain)
                self.read.commitments.append(match)
            done_at = to_json(commitment)["done_at"]
            statuses = [s for s in self.read.statuses if s.ident == match.ident]
            won = latest([(s.clock, s.name, s.done_at) for s in statuses])
            current = won[0] if won else None
            changed = (
                done_at != base.status[match.ident]
                if match.ident in base.status
                else done_at is not None
            )
            if not changed or done_at == current:
                continue
            clock = base.clocks.get(f"status {match.ident}", 0) + 1
            payload = status_payload(team.id, match.ident, done_at, clock)
            state = "done" if done_at else "open again"
            name, author = self._publish(
                "follow-up", payload, f"commitment #{commitment.number} marked {state}"
            )
            self.read.statuses.append(StatusRecord(name, author, match.ident, done_at, clock))

    def _own_metrics(self, snapshot: Snapshot, team: Team, base: Base) -> None:
        """Publish each metric definition and value set here since the last merge."""
        from gtm_pulse.core.merging import latest
        from gtm_pulse.core.models import to_json
        from gtm_pulse.store.record_payloads import MetricRecord, metric_payload

        for metric in snapshot.metrics.values():
            data = to_json(metric)
            described = [data["name"], data["unit"], data["better"]]
            things: list[tuple[str | None, Any, Any]] = [
                (None, described, base.definitions.get(metric.id))
            ]
            for period, value in data["values"].items():
                things.append((period, float(value), base.values.get(metric.id, {}).get(period)))
            for period, mine, agreed in things:
                records = [r for r in self.read.metrics if r.thing == (metric.id, period)]
                won = latest([(r.clock, r.name, said(r)) for r in records])
                if mine == agreed or (won is not None and won[0] == mine):
                    continue
                clock = base.clocks.get(f"metric {metric.id} {period or ''}", 0) + 1
                value = None if period is None else mine
                payload = metric_payload(team.id, metric, period, value, clock)
                what = (
                    f"{metric.id} {period} = {mine:g}"
                    if period
                    else f"{metric.id} ({data['name']})"
                )
                name, author = self._publish("metric", payload, f"metric {what}")
                self.read.metrics.append(
                    MetricRecord(name, author, replace(metric, values={}), period, value, clock)
                )

    def _own_team(self, snapshot: Snapshot, team: Team) -> None:
        """From the CEO's laptop: publish the team again when it, or the keys this laptop
        vouches for, differ from the newest team record in the remote."""
        from gtm_pulse.core.merging import latest
        from gtm_pulse.core.models import to_json
        from gtm_pulse.store.record_payloads import TeamChange, team_change_payload

        published = [
            found.payload for found in self._team_records() if _team_of(found.payload) == team.id
        ]
        if not published:  # the team record this sync publishes holds them all
            return
        won = latest([(c.clock, c.name, c) for c in self.read.changes])
        if won is not None:
            shown, listed = to_json(won[0].team), list(won[0].keys)
        else:  # the first team record: compared as published (the response steps check it)
            shown, listed = published[0].get("team"), _listed_keys(published[0])
        vouched: dict[str, set[str]] = {}
        for role, public, _ in listed:
            vouched.setdefault(role, set()).add(public)
        # A role's first key needs no word from the CEO (every laptop trusts the first key it
        # sees); a second one, or another than the one published, does.
        new_keys = [
            role
            for role, found in snapshot.keys.items()
            if {public for public, _ in found} - vouched.get(role, set())
            and (vouched.get(role) or len(found) > 1)
        ]
        if shown == to_json(team) and not new_keys:
            return
        clock = max((c.clock for c in self.read.changes), default=0) + 1
        payload = team_change_payload(team, snapshot.keys, clock)
        name, author = self._publish(
            "team-change", payload, f"the team as changed here ({members_of(team)})"
        )
        keys = tuple(
            (r, public, since) for r, found in snapshot.keys.items() for public, since in found
        )
        self.read.changes.append(TeamChange(name, author, team, keys, clock))

    def _publish(self, kind: str, payload: dict[str, Any], line: str) -> tuple[str, Author]:
        """Sign and publish a record (unless it is there already); its name and author."""
        from gtm_pulse.store.exchange import encode, publish
        from gtm_pulse.store.record_payloads import signed
        from gtm_pulse.store.reveal import signer

        author = self._signing_author()
        if self.dry_run:
            whole = signed(kind, payload, author, _throwaway)
        else:
            whole = signed(kind, payload, author, signer(author.key, self.folder))
        name, _ = encode(kind, whole)
        if name not in self.names:
            if not self.dry_run:
                publish(self.remote, kind, whole)
            self.names.add(name)
            self.report.published.append(
                f"{'would publish' if self.dry_run else 'published'} {line}"
            )
        return name, author

    def _signing_author(self) -> Author:
        """This laptop's role and the key it signs with (made on first use)."""
        from gtm_pulse.store.record_payloads import Author
        from gtm_pulse.store.signing import held_key

        if self._author is None:
            if self.dry_run:
                registered = sorted(self.trusted.get(self.role, set()))
                key = held_key(self.folder, registered) or "0" * 64
            else:
                key = self.store.author_key(self.role, self.folder)
                self.trusted.setdefault(self.role, set()).add(key)
            self._author = Author(self.role, key)
        return self._author


def _team_of(payload: dict[str, Any]) -> Any:
    """The team id a team record names (checked by the response steps, which read it)."""
    team = payload.get("team")
    return team.get("id") if isinstance(team, dict) else None


def _listed_keys(payload: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The (role, public, since) keys a team record lists (as far as they are keys)."""
    keys = payload.get("keys")
    return [
        (str(k.get("role")), str(k.get("public")), str(k.get("since")))
        for k in (keys if isinstance(keys, list) else [])
        if isinstance(k, dict)
    ]


def _throwaway(data: bytes) -> str:
    """A dry run's signature (hex): nothing it signs is written."""
    return bytes(64).hex()
