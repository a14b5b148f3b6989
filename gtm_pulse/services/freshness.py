"""How fresh a laptop's data is, and what waits to be revealed, as of its last sync.

Read from the database alone (what :mod:`gtm_pulse.services.sync_status` remembered at the last
sync): ``status``, ``compare`` and ``dashboard`` say it without touching the network. Nothing
here applies to a laptop that never synced: :func:`freshness_of` is None and every output stays
as it was before sync existed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gtm_pulse.core import roles

if TYPE_CHECKING:
    from gtm_pulse.store.snapshot import Snapshot
    from gtm_pulse.store.sync_seen import Waiting


@dataclass(frozen=True)
class MemberSync:
    """One member of the team and when a laptop of theirs last synced (None: never seen)."""

    role: str
    name: str
    last_sync: dt.datetime | None
    answers: bool = True
    """Whether the member answers surveys (a VP): a report's freshness line names only them."""


@dataclass(frozen=True)
class Freshness:
    """This laptop's last sync, each member's, and what waits to be revealed."""

    remote: str
    """The remote, as a report shows it (a token in an https URL hidden)."""
    synced_at: dt.datetime | None
    """When this laptop last synced; None when it never did (a remote set, the sync failed)."""
    members: tuple[MemberSync, ...]
    """Every member of the team, in the team's order of roles."""
    waiting: tuple[Waiting, ...]

    def line(self) -> str:
        """``Synced with R at T; Sales last synced T, Marketing never synced.``: one line for a
        report."""
        head = (
            f"Synced with {self.remote} at {when(self.synced_at)}"
            if self.synced_at is not None
            else f"Not synced with {self.remote} yet"
        )
        others = ", ".join(
            f"{roles.function_name(m.role)} "
            + (f"last synced {when(m.last_sync)}" if m.last_sync else "never synced")
            for m in self.members
            if m.answers
        )
        return f"{head}; {others}." if others else f"{head}."

    def waiting_lines(self) -> list[str]:
        """One line per sealed response that waits to be revealed (the latest revision of
        each), as of the last sync."""
        return [waits(item) for item in latest(self.waiting)]

    def status_text(self) -> str:
        """The section ``status`` adds when a remote is set: this laptop's last sync, each
        member's, and what waits to be revealed."""
        from gtm_pulse.core.safe_text import for_terminal

        lines = [for_terminal(self.head())]
        for m in self.members:
            name = for_terminal(m.name)
            name = name if len(name) <= 24 else name[:23] + "…"
            seen = f"last synced {when(m.last_sync)}" if m.last_sync else "never synced"
            lines.append(f"  {roles.title(m.role):<17} {name:<24} {seen}")
        waiting = self.waiting_lines()
        if waiting:
            lines.append("Waiting to be revealed:")
            lines.extend(f"  {for_terminal(line)}" for line in waiting)
        return "\n".join(lines)

    def short(self) -> str:
        """``synced 2026-11-15 09:30 UTC``: where a header has room for a few words only."""
        return f"synced {when(self.synced_at)}" if self.synced_at else "not synced yet"

    def head(self) -> str:
        """``Sync: R, last synced by this laptop at T``."""
        if self.synced_at is None:
            return f"Sync: {self.remote}, not synced by this laptop yet"
        return f"Sync: {self.remote}, last synced by this laptop at {when(self.synced_at)}"


def when(moment: dt.datetime | None) -> str:
    """``2026-11-15 09:30 UTC``, as every freshness line writes a time."""
    if moment is None:
        return "never"
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _moment(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.utcoffset() is not None else moment.replace(tzinfo=dt.UTC)


def freshness_of(snapshot: Snapshot) -> Freshness | None:
    """How fresh ``snapshot``'s data is, from what the last sync remembered; None when this
    laptop has no remote (then nothing about syncing is said anywhere)."""
    from gtm_pulse.store.sync_seen import seen_in

    seen = seen_in(snapshot)
    team = snapshot.team
    if seen.remote is None or team is None:
        return None
    from gtm_pulse.services.syncing import shown  # only on a laptop that syncs

    answering = set(team.respondent_roles)
    members = tuple(
        MemberSync(role, name, _moment(seen.last_sync(role)), role in answering)
        for role, name in team.members.items()
    )
    return Freshness(shown(seen.remote), _moment(seen.synced_at), members, seen.waiting)


def latest(waiting: tuple[Waiting, ...]) -> list[Waiting]:
    """The latest revision of each sealed response that waits, by role, survey and period."""
    found: dict[tuple[str, str, str], Waiting] = {}
    for item in waiting:
        key = (item.survey, item.period, item.role)
        if key not in found or found[key].revision < item.revision:
            found[key] = item
    return [found[key] for key in sorted(found)]


def _whose(role: str) -> str:
    name = roles.function_name(role)
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def waits(item: Waiting) -> str:
    """``Sales' sealed response to monthly-pulse 2026-11 waits for Marketing to submit``, or
    for its key (then: whose next sync opens it)."""
    revision = f" (revision {item.revision})" if item.revision > 1 else ""
    head = f"{_whose(item.role)} sealed response to {item.survey} {item.period}{revision}"
    written = ", written here," if item.mine else ""
    if item.missing:
        missing = " and ".join(roles.function_name(role) for role in item.missing)
        return f"{head}{written} waits for {missing} to submit"
    return (
        f"{head}{written} waits for its key: the next sync of the {roles.title(item.role)}'s "
        "laptop or the CEO's opens it"
    )


def waiting_note(snapshot: Snapshot, survey_id: str, period: str | None = None) -> str | None:
    """What waits to be revealed of ``survey_id`` (in ``period``, or any), as of the last sync:
    ``Sales' sealed response to ... waits for Marketing to submit (as of this laptop's last
    sync, ...)``; None when nothing waits or this laptop never synced."""
    fresh = freshness_of(snapshot)
    if fresh is None:
        return None
    found = [
        item
        for item in latest(fresh.waiting)
        if item.survey == survey_id and (period is None or item.period == period)
    ]
    if not found:
        return None
    as_of = (
        f"as of this laptop's last sync with {fresh.remote} at {when(fresh.synced_at)}"
        if fresh.synced_at is not None
        else f"this laptop has not synced with {fresh.remote} yet"
    )
    return f"{'; '.join(waits(item) for item in found)} ({as_of})"
