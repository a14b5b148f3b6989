"""A sync's last step before its push: publish this laptop's status file, read the others'.

In a git remote an unchanged file is rewritten at most once an hour (each rewrite is a commit),
so there a member's "last synced" is to the hour when nothing else changed.

Every sync that writes (never a dry run) rewrites ``laptops/<laptop id>.json`` in the remote
(:mod:`gtm_pulse.store.exchange.laptops`: team, role, member, when, what waits to be revealed,
signed with the role's key when this laptop holds it) and reads every other laptop's, so the
laptop can remember, after its push, when each member last synced and what waits
(:meth:`~gtm_pulse.store.sync_seen.SeenRecords.remember_seen`). A laptop file that cannot be
read, is forged or is not one is a line in the report's ``skipped``, never a failed sync.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from gtm_pulse.core.models import Team
    from gtm_pulse.services.syncing import SyncReport
    from gtm_pulse.store.database import Store
    from gtm_pulse.store.exchange import Remote
    from gtm_pulse.store.exchange.laptops import LaptopStatus
    from gtm_pulse.store.sync_seen import LaptopSeen


def share_status(
    store: Store, remote: Remote, team: Team, folder: Path, report: SyncReport
) -> list[LaptopSeen]:
    """Read the other laptops' status files, write this laptop's; returns when each laptop of
    the team last synced, this one now (for :meth:`Store.remember_seen` once pushed)."""
    from gtm_pulse.core.models import now
    from gtm_pulse.services.sync_records import local_role
    from gtm_pulse.store.exchange.laptops import LaptopStatus, publish_status, read_statuses
    from gtm_pulse.store.reveal import signer
    from gtm_pulse.store.signing import held_key
    from gtm_pulse.store.sync_seen import LaptopSeen

    state = store.sync_state()
    laptop = state.laptop or store.remember_sync().laptop  # the CEO's first sync makes it
    assert laptop is not None
    registered = store.load().keys
    role = local_role(state.role, registered, folder)  # the rule the records are written by
    keys = {r: {public for public, _ in found} for r, found in registered.items()}
    statuses, ignored = read_statuses(remote, team.id, team.members, keys, laptop)
    report.skipped += ignored
    at = now().isoformat()
    name = team.members.get(role, "")
    mine = LaptopStatus(laptop, team.id, role, name, at, tuple(report.pending))
    before = next((s for s in statuses if s.laptop == laptop), None)
    if not _recent_enough(remote, before, mine):
        held = held_key(folder, sorted(keys.get(role, ())))
        publish_status(remote, mine, (held, signer(held, folder)) if held else None)
    seen = [LaptopSeen(s.laptop, s.role, utc(s.synced_at)) for s in statuses if s.laptop != laptop]
    return [*seen, LaptopSeen(laptop, role, at)]


#: How old an unchanged status file may grow in a git remote before a sync rewrites it: each
#: rewrite is a commit in the repository's history, and a laptop syncing from cron every 15
#: minutes would otherwise add 35,000 commits a year that say only "still here".
GIT_STATUS_EVERY = 3600


def _recent_enough(remote: Remote, before: LaptopStatus | None, mine: LaptopStatus) -> bool:
    """Whether this laptop's status file in ``remote`` may stay as it is: a git remote whose
    file says the same (bar the time) and is less than :data:`GIT_STATUS_EVERY` seconds old.
    A folder's file is rewritten at every sync (no history grows)."""
    import datetime as dt
    from dataclasses import replace

    from gtm_pulse.store.exchange import GitRemote

    if not isinstance(remote, GitRemote) or before is None:
        return False
    if replace(before, synced_at=mine.synced_at) != mine:
        return False
    age = dt.datetime.fromisoformat(mine.synced_at) - dt.datetime.fromisoformat(before.synced_at)
    return dt.timedelta(0) <= age < dt.timedelta(seconds=GIT_STATUS_EVERY)


def utc(moment: str) -> str:
    """``moment`` (ISO 8601 with an offset, as a status file is checked to hold) in UTC, so
    times from laptops in other time zones compare as text."""
    import datetime as dt

    return dt.datetime.fromisoformat(moment).astimezone(dt.UTC).isoformat()
