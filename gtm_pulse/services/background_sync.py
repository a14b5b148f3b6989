"""The pulse TUI's sync and join, textual-free: each returns what to show in one line.

When this laptop remembers a remote (``gtm-pulse sync REMOTE`` or ``join`` set it), the pulse
app syncs in a worker thread when it starts and after each submission (:func:`sync_if_shared`);
its set-up screen reads a shared team (:func:`read_shared_team`) and joins it
(:func:`join_shared_team`), as ``gtm-pulse join`` does. A background sync never raises a user's
error (:class:`~gtm_pulse.errors.PulseError`): a remote that went away is a line on the screen,
never the end of the app. Everything of the sync machinery (the exchange, git, the sealing) is
imported inside the functions: the app starts without it, and a laptop without a remote never
pays for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from gtm_pulse.errors import PulseError

if TYPE_CHECKING:
    from gtm_pulse.core.models import Team
    from gtm_pulse.core.surveys import Catalog
    from gtm_pulse.store.database import Store

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True)
class SyncOutcome:
    """What one sync did, as one line for a notification."""

    line: str
    severity: Severity
    imported: bool
    """Whether records arrived: what the screen shows should be read again."""


@dataclass(frozen=True)
class SharedTeam:
    """The team a remote publishes, as the join form offers it: whose seat to take."""

    company: str
    seats: tuple[tuple[str, str], ...]
    """(role, name) of each role that answers surveys, in the team's order."""


@dataclass(frozen=True)
class Joined:
    """This laptop joined ``team`` as ``role``; ``greeting`` says so as ``gtm-pulse join``
    does, and ``outcome`` is its first sync's line (a failed first sync leaves the database
    made: the next sync catches up)."""

    team: Team
    role: str
    greeting: str
    outcome: SyncOutcome


def sync_if_shared(store: Store, catalog: Catalog) -> SyncOutcome | None:
    """Sync ``store`` with the remote it remembers; None when it has none (no sync yet, or no
    database), so a laptop that never shared shows nothing at all."""
    try:
        if not store.exists() or not store.sync_state().remote:
            return None
        from gtm_pulse.services.syncing import sync  # the sync machinery: only when shared

        report = sync(store, catalog)
    except PulseError as error:
        return SyncOutcome(f"Sync failed: {error}", "error", imported=False)
    return _outcome(report.summary(), len(report.skipped), bool(report.imported))


def _outcome(summary: str, skipped: int, imported: bool) -> SyncOutcome:
    """The line for a sync's summary: a warning, pointing at the full list, if it skipped any."""
    if skipped:
        return SyncOutcome(f"{summary} 'gtm-pulse sync' lists what.", "warning", imported)
    return SyncOutcome(summary, "information", imported)


def read_shared_team(store: Store, remote: str) -> SharedTeam:
    """The team published in ``remote`` (a folder or a git repository), read without writing
    anything: the join form shows whose seats there are. :class:`SyncError` when the remote
    cannot be read or holds no team (or several, and ``store`` names none of them)."""
    from gtm_pulse.services.syncing import published_team

    team = published_team(store, remote).team
    return SharedTeam(team.company, tuple((r, team.members[r]) for r in team.respondent_roles))


def join_shared_team(store: Store, catalog: Catalog, remote: str, role: str) -> Joined:
    """Make ``store``'s database from the team ``remote`` publishes, as ``role``'s laptop, and
    sync (``gtm-pulse join``). Raises :class:`PulseError` when nothing was made (the database
    exists, the role is not in the team, no team is published, the remote cannot be read)."""
    from gtm_pulse.core import roles
    from gtm_pulse.services.syncing import join

    existed = store.exists()
    try:
        report = join(store, catalog, remote, role)
        outcome = _outcome(report.summary(), len(report.skipped), bool(report.imported))
    except PulseError as error:
        if existed or not store.exists():
            raise  # nothing made: the form says why and stays
        outcome = SyncOutcome(f"Sync failed: {error}", "error", imported=False)
    team = store.load().require_team()
    greeting = f"Joined {team.company} as the {roles.title(role)}, {team.members[role]}."
    return Joined(team, role, greeting, outcome)
