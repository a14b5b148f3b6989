"""A sync's last step before its push: publish this laptop's status file, read the others'.

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
    from gtm_pulse.store.sync_seen import LaptopSeen


def share_status(
    store: Store, remote: Remote, team: Team, folder: Path, report: SyncReport
) -> list[LaptopSeen]:
    """Read the other laptops' status files, write this laptop's; returns when each laptop of
    the team last synced, this one now (for :meth:`Store.remember_seen` once pushed)."""
    from gtm_pulse.core import roles
    from gtm_pulse.core.models import now
    from gtm_pulse.store.exchange.laptops import LaptopStatus, publish_status, read_statuses
    from gtm_pulse.store.reveal import signer
    from gtm_pulse.store.signing import held_key
    from gtm_pulse.store.sync_seen import LaptopSeen

    state = store.sync_state()
    laptop = state.laptop or store.remember_sync().laptop  # the CEO's first sync makes it
    assert laptop is not None
    role = state.role or roles.CEO  # only the CEO's laptop syncs without joining as a role
    keys = {r: {public for public, _ in found} for r, found in store.load().keys.items()}
    statuses, ignored = read_statuses(remote, team.id, team.members, keys)
    report.skipped += ignored
    at = now().isoformat()
    name = team.members.get(role, "")
    mine = LaptopStatus(laptop, team.id, role, name, at, tuple(report.pending))
    held = held_key(folder, sorted(keys.get(role, ())))
    publish_status(remote, mine, (held, signer(held, folder)) if held else None)
    seen = [LaptopSeen(s.laptop, s.role, utc(s.synced_at)) for s in statuses if s.laptop != laptop]
    return [*seen, LaptopSeen(laptop, role, at)]


def utc(moment: str) -> str:
    """``moment`` (ISO 8601 with an offset, as a status file is checked to hold) in UTC, so
    times from laptops in other time zones compare as text."""
    import datetime as dt

    return dt.datetime.fromisoformat(moment).astimezone(dt.UTC).isoformat()
