"""The team's records as lists: ``gtm-pulse actions list`` and ``gtm-pulse metrics list``.

User text (a commitment, a metric's name or unit) goes through ``for_terminal``: an escape
sequence typed into one must not recolour or retitle the terminal that lists it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gtm_pulse.core.safe_text import for_terminal

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from gtm_pulse.core.models import Commitment, Metric


def listed_commitments(commitments: Iterable[Commitment], only_open: bool) -> list[Commitment]:
    """The commitments ``actions list`` shows (``only_open``: those not done yet), open ones
    first, each group by number."""
    shown = [c for c in commitments if not (only_open and c.done)]
    shown.sort(key=lambda c: (c.done, c.number))
    return shown


def commitments_text(shown: Sequence[Commitment], *, any_recorded: bool) -> str:
    """One line per commitment: number, state, owner, due period and text; ``any_recorded``
    says which line stands for none shown (none yet, or none open)."""
    from gtm_pulse.core import roles

    if not shown:
        return "No open commitments." if any_recorded else "No commitments yet."
    lines = []
    for c in shown:
        state = f"done {c.done_at:%Y-%m-%d}" if c.done_at else "open"
        owner = roles.function_name(c.owner)
        lines.append(
            f"#{c.number:<3} {state:<15} {owner:<10} due {c.due:<8} {for_terminal(c.text)}"
        )
    return "\n".join(lines)


def metrics_text(metrics: Sequence[Metric]) -> str:
    """One line per metric: its id, name and direction, then its last three values."""
    from gtm_pulse.core.metrics import series

    if not metrics:
        return "No metrics yet: 'gtm-pulse metrics define mql-acceptance' adds one."
    lines = []
    for metric in metrics:
        values = series(metric)
        recent = "  ".join(f"{p} {metric.shown(v)}" for p, v in values[-3:]) or "no values yet"
        head = f"{metric.id} ({for_terminal(metric.name)}, {metric.better} is better)"
        lines.append(f"{for_terminal(head)}: {for_terminal(recent)}")
    return "\n".join(lines)
