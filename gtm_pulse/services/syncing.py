"""``gtm-pulse sync`` and ``gtm-pulse join``: every laptop of the team through one remote (a
shared folder or a git repository), each response sealed until both VPs have committed.

One sync, under this laptop's sync lock: pull, collect the remote's records, then (steps 1-4 in
:mod:`gtm_pulse.services.sync_responses`)

1. publish the team, from the CEO's laptop, the first time (the team, the CEO's X25519 reveal
   key, the signing keys its database knows);
2. publish each response revision this laptop signed, sealed (:mod:`gtm_pulse.store.reveal`),
   keeping its key K in the database;
3. release K of each of them whose other VP's sealed response is present; the CEO's laptop
   releases in the author's place (its copy of K is wrapped to it) so a closed laptop never
   stalls the reveal;
4. import every sealed response whose key is released and whose envelope and signature hold,
   through the same checks as ``gtm-pulse import`` (one record at a time: one bad record is
   refused with one line and left in the remote, the others still arrive);

then merge the commitments, metrics and team changes (:mod:`gtm_pulse.services.sync_records`,
whose first part runs before step 1), publish this laptop's status file (:mod:`.sync_status`),
push, and remember when and what it saw. Everything is content-addressed, so a second sync
publishes and imports nothing. Textual-free and click-free: the CLI prints the
:class:`SyncReport`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from gtm_pulse.errors import SyncError, TeamError

if TYPE_CHECKING:
    from gtm_pulse.core.surveys import Catalog
    from gtm_pulse.store.database import Store
    from gtm_pulse.store.sync_payloads import PublishedTeam
    from gtm_pulse.store.sync_seen import Waiting


@dataclass
class SyncReport:
    """What one sync did (or, on a dry run, would do), one line per thing."""

    remote: str
    dry_run: bool = False
    published: list[str] = field(default_factory=list)
    imported: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Files that are not records and records refused, each left in the remote."""
    notes: list[str] = field(default_factory=list)
    """What changed here without a record arriving (a commitment renumbered)."""
    pending: list[Waiting] = field(default_factory=list)
    """What :attr:`waiting` says, as data (remembered for ``status``; see sync_status)."""

    def lines(self) -> list[str]:
        """Every line of the report: published, imported, notes, waiting, then skipped."""
        return [*self.published, *self.imported, *self.notes, *self.waiting, *self.skipped]

    def summary(self) -> str:
        """One line: how many of each, and on a dry run that nothing was written."""
        counts = (
            f"{len(self.published)} published, {len(self.imported)} imported, "
            f"{len(self.waiting)} waiting, {len(self.skipped)} skipped"
        )
        if self.dry_run:
            return f"Dry run with {self.remote}: {counts}; nothing written."
        return f"Synced with {self.remote}: {counts}."


def default_cache(database: Path) -> Path:
    """Where this database's sync keeps its lock and git clones: the user cache folder, one
    folder per database (two databases on one laptop are two members, never one view)."""
    import hashlib

    from platformdirs import user_cache_path

    digest = hashlib.sha256(str(database.expanduser().resolve()).encode()).hexdigest()[:16]
    return user_cache_path("gtm-pulse", appauthor=False) / "sync" / digest


def shown(spec: str) -> str:
    """``spec`` as a report prints it: a token in an https URL (``user:token@``) hidden, as
    the git remote hides it in its messages."""
    import re

    return re.sub(r"(://[^/@:\s]+):[^/@\s]*@", r"\1:***@", spec)


def sync(
    store: Store,
    catalog: Catalog,
    remote: str | None = None,
    *,
    dry_run: bool = False,
    cache: Path | None = None,
    trust_new_keys: bool = False,
) -> SyncReport:
    """Sync ``store`` with ``remote`` (default: the one remembered); see the module.

    ``dry_run``: collect and say what would move; write nothing to the remote or the database.
    ``trust_new_keys``: accept a role's new signing key the CEO vouches for (see
    :mod:`gtm_pulse.services.sync_records`, which also carries commitments and metrics).
    Raises :class:`SyncError` when there is no remote to use or it cannot be used.
    """
    from gtm_pulse.services.sync_records import RecordSync
    from gtm_pulse.services.sync_responses import ResponseSync
    from gtm_pulse.services.sync_status import share_status
    from gtm_pulse.store.exchange import collect, open_remote, sync_lock
    from gtm_pulse.store.exchange.remotes import absolute

    if not store.exists():
        raise TeamError(
            f"no gtm-pulse database at {store.path}: on the CEO's laptop run 'gtm-pulse init', "
            "then 'gtm-pulse sync REMOTE'; on a VP's, 'gtm-pulse join REMOTE --role ROLE'"
        )
    state = store.sync_state()
    spec = absolute(remote) if remote else state.remote
    if not spec:
        raise SyncError(
            "no remote to sync with yet: name one, a shared folder or a git repository "
            "(e.g. 'gtm-pulse sync ~/Dropbox/gtm-pulse'); it is remembered"
        )
    cache = cache or default_cache(store.path)
    with sync_lock(cache):
        opened = open_remote(spec, cache)
        opened.pull()
        collected = collect(opened)
        report = SyncReport(shown(spec), dry_run)
        records = RecordSync(store, opened, collected, report, trust_new_keys=trust_new_keys)
        records.before()
        run = ResponseSync(store, catalog, state, opened, collected, report)
        run.team_record()
        run.own_responses()
        run.releases()
        run.imports()
        records.after()
        if not dry_run:
            laptops = share_status(store, opened, run.team, run.folder, report)
            opened.push()
            store.remember_sync(remote=spec, ceo_key=run.ceo_key, synced=True)
            store.remember_seen(laptops, report.pending)
    return run.report


def join(
    store: Store, catalog: Catalog, remote: str, role: str, *, cache: Path | None = None
) -> SyncReport:
    """Make the database of ``store`` from the team published in ``remote``, as ``role``'s
    laptop, remember the remote, then sync. :class:`TeamError` when the database exists
    already or the role is not in the team; :class:`SyncError` when no team is published."""
    from gtm_pulse.store.exchange.remotes import absolute

    if store.exists():
        raise TeamError(
            f"{store.path} exists already: join makes a new database (choose another with "
            "--db), or sync this one with 'gtm-pulse sync REMOTE'"
        )
    cache = cache or default_cache(store.path)
    published = published_team(store, remote, cache)
    if role not in published.team.members:
        roles = ", ".join(published.team.members)
        raise TeamError(f"role {role!r} is not in team {published.team.id!r} (roles: {roles})")
    store.init(published.team)
    store.team = published.team.id
    store.register_keys(list(published.keys))
    store.remember_sync(remote=absolute(remote), role=role, ceo_key=published.reveal_key)
    return sync(store, catalog, None, cache=cache)


def published_team(store: Store, remote: str, cache: Path | None = None) -> PublishedTeam:
    """The team published in ``remote`` (the one ``store`` names, when it holds several), read
    without writing anything: what ``join`` and the TUI's join form start from.
    :class:`SyncError` when the remote cannot be read or holds no team, or several."""
    from gtm_pulse.services.sync_responses import published_teams
    from gtm_pulse.store.exchange import collect, open_remote, sync_lock
    from gtm_pulse.store.exchange.remotes import absolute

    cache = cache or default_cache(store.path)
    with sync_lock(cache):
        opened = open_remote(absolute(remote), cache)
        opened.pull()
        teams, _ = published_teams(collect(opened))
    if store.team is not None:
        teams = [t for t in teams if t.team.id == store.team]
    ids = sorted({t.team.id for t in teams})
    named = shown(remote)  # a token in an https URL hidden
    if not ids:
        raise SyncError(
            f"{named} holds no published team: the CEO runs 'gtm-pulse init', then "
            f"'gtm-pulse sync {named}', first"
        )
    if len(ids) > 1:
        raise SyncError(f"{named} holds {len(ids)} teams ({', '.join(ids)}): choose with --team")
    return teams[0]
