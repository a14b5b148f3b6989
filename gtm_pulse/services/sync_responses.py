"""The responses' part of a sync (:mod:`gtm_pulse.services.syncing` runs it between its pull
and its push): the team record, this laptop's sealed responses, key releases, and the imports of
every sealed response whose key is released. The steps are numbered in that module's docstring.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from gtm_pulse.errors import BundleError, RevealError, SyncError

if TYPE_CHECKING:
    from gtm_pulse.core.models import Response, Team
    from gtm_pulse.core.surveys import Catalog
    from gtm_pulse.services.syncing import SyncReport
    from gtm_pulse.store.database import Store
    from gtm_pulse.store.exchange import Collected, Remote
    from gtm_pulse.store.reveal import Sealed
    from gtm_pulse.store.sync_payloads import PublishedTeam
    from gtm_pulse.store.sync_state import SyncState


def _named(context: dict[str, str | int]) -> str:
    """``sales monthly-pulse 2026-11 revision 1``: how a line names a sealed response."""
    c = context
    return f"{c['role']} {c['survey']} {c['period']} revision {c['revision']}"


def published_teams(
    collected: Collected, known: Team | None = None
) -> tuple[list[PublishedTeam], list[str]]:
    """The team records of ``collected`` (by file name), and one line per one refused;
    ``known``: this database's team (see :func:`~gtm_pulse.store.sync_payloads.read_team`)."""
    from gtm_pulse.store.sync_payloads import read_team

    teams, refused = [], []
    for found in collected.records:
        if found.kind != "team":
            continue
        try:
            teams.append(read_team(found.payload, found.name, known))
        except SyncError as error:
            refused.append(f"refused {error} (left in the remote)")
    return teams, refused


class ResponseSync:
    """One sync's work between its pull and its push (see the module for the steps)."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        state: SyncState,
        remote: Remote,
        collected: Collected,
        report: SyncReport,
    ) -> None:
        from gtm_pulse.store.signing import keys_dir

        self.store, self.catalog, self.state = store, catalog, state
        self.remote, self.collected, self.report = remote, collected, report
        self.dry_run = report.dry_run
        self.folder = store.keys or keys_dir()
        self.snapshot = store.load()
        self.team: Team = self.snapshot.require_team()
        self.names = {found.name for found in collected.records}
        self.ceo_key: str | None = state.ceo_key
        self.report.skipped += [
            f"skipped {skipped.name}: {skipped.reason} (left in the remote)"
            for skipped in collected.skipped
        ]
        self.mine: list[tuple[Sealed, bytes | None]] = []
        """This laptop's sealed responses with their K (None: a dry run's, not sealed yet)."""
        self.sealed: list[tuple[str, Sealed]] = []
        """Everyone else's sealed responses of this team whose envelope holds, by file name."""
        self.released: dict[str, list[dict[str, Any]]] = {}
        """Commitment hex -> the key releases found or published for it."""

    def _publish(self, kind: str, payload: dict[str, Any], line: str) -> None:
        """Publish a record unless it is there already; a line for the report if it was not."""
        from gtm_pulse.store.exchange import encode, publish

        name, _ = encode(kind, payload)
        if name in self.names:
            return
        if not self.dry_run:
            publish(self.remote, kind, payload)
        self.names.add(name)
        self.report.published.append(f"{'would publish' if self.dry_run else 'published'} {line}")

    def team_record(self) -> None:
        """Find the published team (refusing another one's); publish it from the CEO's laptop
        the first time; settle the CEO's reveal key this laptop seals to."""
        from gtm_pulse.store.reveal import held_reveal_keys, reveal_key_for
        from gtm_pulse.store.sync_payloads import team_payload

        teams, refused = published_teams(self.collected, self.team)
        self.report.skipped += refused
        ours = [t for t in teams if t.team.id == self.team.id]
        if ours:
            self._first_seen(ours)
            self.ceo_key = self.ceo_key or ours[0].reveal_key
            return
        if self.state.role not in (None, "ceo"):
            raise SyncError(
                f"{self.report.remote} holds no team {self.team.id!r}: only the CEO's laptop "
                "publishes it (with 'gtm-pulse sync REMOTE')"
            )
        if self.dry_run:
            held = held_reveal_keys(self.folder)
            self.ceo_key = held[0] if held else None
            self.report.published.append(f"would publish the team {self.team.id}")
            return
        self.ceo_key = reveal_key_for(self.folder)
        payload = team_payload(self.team, self.ceo_key, self.snapshot.keys)
        self._publish("team", payload, f"the team {self.team.id} ({self.team.company})")

    def _first_seen(self, ours: list[PublishedTeam]) -> None:
        """Refuse, on an ``init``-made laptop's first sync, a published team of this id whose
        CEO reveal key this laptop does not hold: someone else published it first (a VP who
        ran ``init``, another company's CEO on a shared drive, anyone who can write the
        remote), and taking that key would seal this team's answers to them, whatever names
        their record shows."""
        from gtm_pulse.store.reveal import held_reveal_keys

        first = self.ceo_key is None and self.state.role in (None, "ceo")
        held = set(held_reveal_keys(self.folder)) if first else set()
        if first and any(published.reveal_key not in held for published in ours):
            raise SyncError(
                f"{self.report.remote} holds a team {self.team.id!r} that another laptop "
                "published (its CEO reveal key is not in this laptop's keys): a VP joins with "
                "'gtm-pulse join REMOTE --role ROLE' (a new database); a CEO's second laptop "
                "needs the first one's keys folder; else sync this team with another remote"
            )

    def own_responses(self) -> None:
        """Seal (once) and publish every response revision signed with a key held here."""
        from gtm_pulse.store import sync_state
        from gtm_pulse.store.reveal import Sealed
        from gtm_pulse.store.sync_payloads import context_of, seal_own

        kept = {sealing.ident: sealing for sealing in self.state.sealed}
        responses = [*self.snapshot.history, *self.snapshot.responses]
        for response in sorted(responses, key=lambda r: (*r.key, r.revision)):
            signature = response.signature
            if signature is None or not (self.folder / f"{signature.key}.key").is_file():
                continue  # not written on this laptop: its author's laptop publishes it
            context = context_of(self.team.id, response)
            ident = (response.survey_id, str(response.period), response.role, response.revision)
            sealing = kept.get(ident)
            if sealing is None and (self.dry_run or self.ceo_key is None):
                self.report.published.append(f"would publish sealed {_named(context)}")
                continue
            if sealing is None:
                assert self.ceo_key is not None
                made = seal_own(response, self.team.id, self.ceo_key, self.folder)
                record, key = made.sealed.to_json(), made.key.hex()
                sealing = sync_state.Sealed(*ident, record=record, key=key)
                if not self.store.keep_sealing(sealing):  # kept meanwhile: that one stands
                    again = {s.ident: s for s in self.store.sync_state().sealed}
                    sealing = again[ident]
            sealed = Sealed.from_json(sealing.record)
            self.mine.append((sealed, bytes.fromhex(sealing.key)))
            self._publish("response", sealing.record, f"sealed {_named(context)}")

    def releases(self) -> None:
        """Check everyone's sealed responses, then release each key the rule allows."""
        from gtm_pulse.store.reveal import (
            Context,
            key_as_ceo,
            load_reveal_key,
            ready_to_release,
            release,
        )

        self._check_sealed()
        present: list[Context] = [s.context for s in self._all_sealed()]
        for sealed, key in self.mine:
            if key is not None and ready_to_release(sealed.context, present):
                self._release(release(sealed, key), sealed, "")
            elif key is not None:  # this laptop's own answers: its key stays here for now
                self.report.waiting.append(self._waiting(sealed, mine=True))
        if self.ceo_key is None or self.ceo_key not in _held(self.folder):
            return
        ceo = load_reveal_key(self.ceo_key, self.folder)
        for name, sealed in self.sealed:
            if ready_to_release(sealed.context, present):
                try:
                    payload = release(sealed, key_as_ceo(sealed, ceo))
                except RevealError as error:
                    self.report.skipped.append(f"refused {name}: {error} (left in the remote)")
                    continue
                self._release(payload, sealed, " in its author's place")

    def _all_sealed(self) -> list[Sealed]:
        """Every sealed response of this team in the remote (or about to be) that holds."""
        return [*(sealed for _, sealed in self.sealed), *(sealed for sealed, _ in self.mine)]

    def _release(self, payload: dict[str, str], sealed: Sealed, how: str) -> None:
        """Publish a key release unless one for the same commitment is there already."""
        found = self.released.setdefault(payload["commitment"], [])
        if payload in found:
            return
        found.append(payload)
        self._publish("key-release", payload, f"the key of {_named(sealed.context)}{how}")

    def _check_sealed(self) -> None:
        """Read every sealed response and key release of the remote; a sealed response whose
        envelope or signature does not hold under its role's keys is refused with one line."""
        from gtm_pulse.store.reveal import Sealed, verify

        own = {sealed.commitment for sealed, _ in self.mine}
        keys = {role: {public for public, _ in found} for role, found in self.snapshot.keys.items()}
        for found in self.collected.records:
            if found.kind == "key-release":
                self.released.setdefault(str(found.payload.get("commitment")), []).append(
                    found.payload
                )
            if found.kind != "response":
                continue
            try:
                sealed = Sealed.from_json(found.payload)
            except RevealError as error:
                self.report.skipped.append(f"refused {found.name}: {error} (left in the remote)")
                continue
            if sealed.context["team"] != self.team.id or sealed.commitment in own:
                continue
            known = keys.get(str(sealed.context["role"])) or {sealed.author.hex()}  # first seen
            if not any(verify(sealed, public) for public in known):
                self.report.skipped.append(
                    f"refused {found.name}: the sealed {_named(sealed.context)} is not signed "
                    "by a key of its role, or was changed after it was sealed (left in the remote)"
                )
                continue
            self.sealed.append((found.name, sealed))

    def imports(self) -> None:
        """Open and import every sealed response whose key is released; say what waits."""
        from gtm_pulse.store.reveal import open_with_release
        from gtm_pulse.store.sync_payloads import opened_response

        opened: list[tuple[str, Response]] = []
        for name, sealed in self.sealed:
            if self._stored(sealed):
                continue
            releases = self.released.get(sealed.commitment.hex(), [])
            if not releases:
                self.report.waiting.append(self._waiting(sealed))
                continue
            problems = []
            for payload in releases:
                try:
                    data = open_with_release(sealed, payload)
                    response = opened_response(data, sealed.context, sealed.author.hex())
                except RevealError as error:
                    problems.append(str(error))
                    continue
                opened.append((name, response))
                break
            else:
                self.report.skipped.append(f"refused {name}: {problems[0]} (left in the remote)")
        for name, response in sorted(opened, key=lambda o: (*o[1].key, o[1].revision)):
            self._import(name, response)

    def _stored(self, sealed: Sealed) -> bool:
        """Whether this database holds the revision ``sealed`` carries, signed by its author
        (opening it again would only find it the same)."""
        c = sealed.context
        return any(
            r.revision == c["revision"]
            and r.signature is not None
            and r.signature.key == sealed.author.hex()
            for r in self.snapshot.revisions(str(c["survey"]), str(c["period"]), str(c["role"]))
        )

    def _waiting(self, sealed: Sealed, *, mine: bool = False) -> str:
        """Why ``sealed`` stays sealed: the other VP's response, or its key, is missing (also
        kept as data in the report's ``pending``)."""
        from gtm_pulse.core.roles import CORE_PAIR
        from gtm_pulse.store.sync_seen import Waiting

        c = sealed.context
        present = {
            s.context["role"]
            for s in self._all_sealed()
            if all(s.context[k] == c[k] for k in ("team", "survey", "period"))
        }
        missing = [role for role in CORE_PAIR if role != c["role"] and role not in present]
        why = (
            f"until {' and '.join(missing)} has submitted"
            if missing
            else "until its author's laptop or the CEO's syncs again"
        )
        whose = ", written here," if mine else ""
        ident = (str(c["role"]), str(c["survey"]), str(c["period"]), int(c["revision"]))
        self.report.pending.append(Waiting(*ident, tuple(missing), mine))
        return f"sealed: {_named(c)}{whose} stays sealed {why}"

    def _import(self, name: str, response: Response) -> None:
        """Import one opened response with ``gtm-pulse import``'s checks; a refusal is a line."""
        from gtm_pulse.store.bundles import Bundle, plan_import

        snapshot = self.store.load()
        try:
            bundle = Bundle(Path(name), self.team.id, [response])
            plan = plan_import(snapshot, self.catalog, [bundle])
        except BundleError as error:
            self.report.skipped.append(f"refused {error} (left in the remote)")
            return
        if not (plan.add or plan.amend):
            return
        what = f"{' '.join(response.key)} revision {response.revision} ({response.respondent})"
        if self.dry_run:
            self.report.imported.append(f"would import {what}")
            return
        written = self.store.import_responses(
            [*plan.add, *plan.amend], plan.surveys, plan.keys, mark_late=False
        )
        if written:
            self.report.imported.append(f"imported {what}")


def _held(folder: Path) -> list[str]:
    """The reveal keys whose private half this laptop holds (the CEO's laptop holds one)."""
    from gtm_pulse.store.reveal import held_reveal_keys

    return held_reveal_keys(folder)
