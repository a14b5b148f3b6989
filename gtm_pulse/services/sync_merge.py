"""How ``sync`` merges the records of :mod:`gtm_pulse.services.sync_records` into one laptop's
commitments and metrics, and the lines it says about what changed here.

Functions of the records alone (see :mod:`gtm_pulse.core.merging`): every laptop holding the
same records writes the same commitments, numbers and metric values.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gtm_pulse.core.models import Commitment, Metric, Team
    from gtm_pulse.store.record_payloads import (
        CommitmentRecord,
        MetricRecord,
        StatusRecord,
        TeamChange,
    )
    from gtm_pulse.store.record_views import Base


@dataclass
class Read:
    """The records of this team found in the remote (or just published), that hold."""

    commitments: list[CommitmentRecord] = field(default_factory=list)
    statuses: list[StatusRecord] = field(default_factory=list)
    metrics: list[MetricRecord] = field(default_factory=list)
    changes: list[TeamChange] = field(default_factory=list)


def said(record: MetricRecord) -> Any:
    """What a metric record says: its value, or [name, unit, better] for a definition."""
    from gtm_pulse.core.models import to_json

    if record.period is not None:
        return record.value
    data = to_json(record.metric)
    return [data["name"], data["unit"], data["better"]]


def members_of(team: Team) -> str:
    """``Northwind: sales: Dana, marketing: Sam, ceo: Alex``: what a team change shows (its
    company too: a rename is a change)."""
    return f"{team.company}: " + ", ".join(f"{role}: {name}" for role, name in team.members.items())


def merged_commitments(read: Read, local: list[Commitment]) -> tuple[list[Commitment], list[str]]:
    """Every commitment the records hold, numbered and with its latest status, by number; and
    a line for each change to ``local`` (``{imported}`` stands for the verb)."""
    from gtm_pulse.core.commitments import describe
    from gtm_pulse.core.merging import Claim, latest, number_commitments
    from gtm_pulse.core.models import Commitment, to_json
    from gtm_pulse.store.record_payloads import same_commitment

    claims = [Claim(r.ident, r.commitment.number, r.name) for r in read.commitments]
    numbers, moves = number_commitments(claims)
    chosen: dict[str, CommitmentRecord] = {}
    for record in sorted(read.commitments, key=lambda r: r.name):
        chosen.setdefault(record.ident, record)
    merged: dict[str, Commitment] = {}
    for ident, record in chosen.items():
        won = latest([(s.clock, s.name, s.done_at) for s in read.statuses if s.ident == ident])
        data = {**to_json(record.commitment), "number": numbers[ident]}
        data["done_at"] = won[0] if won else None
        merged[ident] = Commitment.from_json(data)
    moved = {move.ident: move for move in moves}
    lines = []
    for ident, commitment in sorted(merged.items(), key=lambda m: m[1].number):
        mine = next((c for c in local if same_commitment(c, commitment)), None)
        if mine is None:
            lines.append(f"{{imported}} commitment {describe(commitment)}")
            continue
        if mine.number != commitment.number:
            move = moved.get(ident)
            why = ""
            if move is not None and move.claimed == mine.number:
                holder = merged[move.holder]
                from gtm_pulse.core.roles import function_name

                owner = function_name(holder.owner)
                why = f': #{mine.number} was taken by "{holder.text}" (owned by {owner})'
            lines.append(
                f'commitment #{mine.number} ("{commitment.text}") is now #{commitment.number}{why}'
            )
        if mine.done != commitment.done:
            state = "done" if commitment.done else "open again"
            lines.append(f"{{imported}} commitment #{commitment.number} marked {state}")
    return sorted(merged.values(), key=lambda c: c.number), lines


def merged_metrics(read: Read, local: dict[str, Metric]) -> tuple[list[Metric], list[str]]:
    """Every metric the records define, with its latest values, by id; and a line for each
    change to ``local``, naming a value set at the same time elsewhere that was not kept."""
    from gtm_pulse.core.merging import latest
    from gtm_pulse.core.periods import parse_period

    things: dict[tuple[str, str | None], list[MetricRecord]] = {}
    for record in read.metrics:
        things.setdefault(record.thing, []).append(record)
    merged: dict[str, Metric] = {}
    for (metric_id, period), records in sorted(things.items(), key=lambda t: t[0][0]):
        if period is None:
            won = latest([(r.clock, r.name, r) for r in records])
            assert won is not None
            merged[metric_id] = replace(won[0].metric, values={})
    lines = []
    for (metric_id, period), records in sorted(
        things.items(), key=lambda t: (t[0][0], t[0][1] or "")
    ):
        if period is None or metric_id not in merged:
            continue  # a value of a metric whose definition has not arrived: it waits
        won = latest([(r.clock, r.name, r) for r in records])
        assert won is not None
        record, lost = won
        metric = merged[metric_id]
        value = record.value
        assert value is not None
        key = parse_period(period)
        merged[metric_id] = replace(metric, values={**metric.values, key: value})
        before = local.get(metric_id)
        if before is not None and before.values.get(key) == value:
            continue
        line = f"{{imported}} metric {metric_id} {period} = {value:g} (from {record.author.role})"
        others = [r for r in lost if r.value != value]
        if others:
            said = ", ".join(f"{r.value:g} from {r.author.role}" for r in others)
            line += f"; {said}, set at the same time, was not kept (the lower record hash wins)"
        lines.append(line)
    for metric_id, metric in merged.items():
        before = local.get(metric_id)
        if before is None and not metric.values:
            lines.append(f"{{imported}} metric {metric_id} ({metric.name})")
        elif before is not None and (before.name, before.unit, before.better) != (
            metric.name,
            metric.unit,
            metric.better,
        ):
            lines.append(f"{{imported}} metric {metric_id} as renamed: {metric.name}")
    ordered = sorted(merged.values(), key=lambda m: m.id)
    return [replace(m, values=dict(sorted(m.values.items()))) for m in ordered], lines


def base_of(commitments: list[Commitment], metrics: list[Metric], read: Read) -> Base:
    """What this laptop agrees with the remote once the merge is written."""
    from gtm_pulse.core.models import to_json
    from gtm_pulse.store.record_payloads import same_commitment
    from gtm_pulse.store.record_views import Base

    status = {}
    for record in read.commitments:
        merged = next((c for c in commitments if same_commitment(c, record.commitment)), None)
        if merged is not None:
            status[record.ident] = to_json(merged)["done_at"]
    definitions = {}
    values: dict[str, dict[str, float]] = {}
    for metric in metrics:
        data = to_json(metric)
        definitions[metric.id] = [data["name"], data["unit"], data["better"]]
        values[metric.id] = {str(period): float(value) for period, value in data["values"].items()}
    clocks: dict[str, int] = {}
    things = [
        *((f"status {r.ident}", r.clock) for r in read.statuses),
        *((f"metric {r.metric.id} {r.period or ''}", r.clock) for r in read.metrics),
    ]
    for thing, clock in things:
        clocks[thing] = max(clock, clocks.get(thing, 0))
    names = [
        *(r.name for r in read.commitments),
        *(r.name for r in read.statuses),
        *(r.name for r in read.metrics),
        *(r.name for r in read.changes),
    ]
    seen = frozenset(names)
    return Base(status=status, definitions=definitions, values=values, clocks=clocks, seen=seen)
